"""The track screening in the work report and on the dashboard. The screening sentence of the corrections
paragraph (corrections.screening: “对在矫{n}名…排查，发现{k}人私自外出…”) takes its figures from this line's
indicators (tracks.screened, tracks.found); this module adds the 核查 that followed, once, after it."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "社区矫正"

reports.register(
    Paragraph(
        "tracks.verification", line=LINE, chapter="team", order=21, levels=("county", "city"),
        lead="落实轨迹预警核查",
        sentences=[
            Sentence("alerts", "{期内}轨迹排查发现疑似私自外出{tracks.episodes}段，经核查属实{tracks.alerts_confirmed}条、"
                               "排除{tracks.alerts_excluded}条；产生失联预警{tracks.silence_alerts}条；"
                               "与公安机关涉案人员名单比对，比中{tracks.offence_hits}人。"),
        ],
    ),
)

reports.register_dashboard(Dashboard(
    line="智慧矫正", order=51,
    key=("tracks.screened", "tracks.found", "tracks.found_rate", "tracks.episodes", "tracks.alerts_confirmed",
         "tracks.silence_alerts"),
    trend=("tracks.episodes", "tracks.alerts_confirmed"),
    distribution=("tracks.screened", "tracks.found"),
))
