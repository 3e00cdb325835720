"""The paragraphs of 社区矫正 and 安置帮教 in the work report, and their dashboard figures (DOMAIN.md §5, §6
报告句式; seed [000] (三)二是 and (六), seed [004] 一(三)). “余/多/近” come only from the templates; zeros are
kept (“管制0人”)."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "社区矫正"
AFTERCARE = "安置帮教"

reports.register(
    Paragraph(
        "corrections.supervision", line=LINE, chapter="social_governance", order=20,
        lead="扎实做好社区矫正工作",
        sentences=[
            Sentence("register", "目前全{地域}在册社区矫正对象{corrections.registered}人，其中缓刑"
                                 "{corrections.registered[category=缓刑]}人，假释{corrections.registered[category=假释]}人，"
                                 "管制{corrections.registered[category=管制]}人，暂予监外执行"
                                 "{corrections.registered[category=暂予监外执行]}人。"),
            Sentence("investigation", "规范适用社区矫正影响评估工作，进行审前调查评估{corrections.investigations}件。"),
            Sentence("flow", "{期内}新接收社区矫正对象{corrections.intake}人，解除社区矫正{corrections.discharged}人；"
                             "依法给予警告{corrections.warnings}人次，提请撤销缓刑、假释和收监执行"
                             "{corrections.revocations_proposed}人。", levels=("county", "city")),
            Sentence("sex", "在册社区矫正对象中男性{corrections.registered[sex=男]}人，女性"
                            "{corrections.registered[sex=女]}人。", levels=("county", "city")),
        ],
    ),
    Paragraph(
        "corrections.screening", line=LINE, chapter="team", order=20, levels=("county", "city"),
        lead="开展社区矫正智能化排查和卷宗评查",
        sentences=[
            Sentence("files", "对社区矫正卷宗共计{corrections.file_reviews}卷进行了自查互查，发现瑕疵卷"
                              "{corrections.flawed_files}卷，已整改{corrections.rectified_files}卷。"),
            Sentence("tracks", "对在矫{tracks.screened}名社区矫正对象进行了外出轨迹及违法犯罪情况的智能化数据排查，"
                               "发现{tracks.found}人私自外出并依据相关规定做出处理。"),
        ],
    ),
    Paragraph(
        "corrections.aftercare", line=AFTERCARE, chapter="social_governance", order=22,
        lead="做好刑满释放人员安置帮教工作",
        sentences=[
            Sentence("link", "{期内}共衔接刑满释放人员{aftercare.linked}人，其中重点帮教对象{aftercare.key_persons}人，"
                             "落实必接必送{aftercare.escorted}人，衔接率{aftercare.link_rate}%。"),
            Sentence("settle", "已安置{aftercare.resettled}人，安置率{aftercare.resettle_rate}%。",
                     levels=("county", "city")),
        ],
    ),
)

reports.register_dashboard(Dashboard(
    line=LINE, order=50,
    key=("corrections.registered", "corrections.intake", "corrections.discharged", "corrections.investigations",
         "corrections.visit_coverage", "corrections.reoffence_rate"),
    trend=("corrections.intake", "corrections.discharged", "corrections.investigations"),
    distribution=("corrections.registered", "corrections.intake", "corrections.investigations"),
))
reports.register_dashboard(Dashboard(
    line=AFTERCARE, order=52,
    key=("aftercare.released", "aftercare.linked", "aftercare.link_rate", "aftercare.escort_rate",
         "aftercare.resettle_rate"),
    trend=("aftercare.released", "aftercare.linked"),
    distribution=("aftercare.released", "aftercare.linked"),
))
