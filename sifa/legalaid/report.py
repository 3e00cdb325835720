"""The legal-aid line's paragraphs of the work report and its dashboard figures (DOMAIN.md §3 报告句式; seeds
[000] (一)一是, [002] (三)二是, [004] 一(二)一是/三是). “余/多/近” come only from the templates."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "法律援助"

reports.register(
    Paragraph(
        "legalaid.service", line=LINE, chapter="public_legal_service", order=10,
        lead="加大平台运行机制和规范化建设",
        sentences=[
            Sentence("cases", "截至目前法律援助共受理办理案件{legalaid.accepted}件，解答法律咨询{legalaid.consultations:余}件。"),
            Sentence("areas", "受理案件中刑事案件{legalaid.accepted[case_area=criminal]}件、民事案件"
                              "{legalaid.accepted[case_area=civil]}件、行政案件{legalaid.accepted[case_area=administrative]}件；"
                              "指派{legalaid.assigned}件，结案{legalaid.closed}件。", levels=("county", "city")),
            Sentence("visits", "共接待来访来电群众{legalaid.visit_call_persons}人次，办理法律帮助{legalaid.legal_help}件、"
                               "法律援助案件{legalaid.assigned}件。", levels=("county", "city")),
        ],
    ),
    Paragraph(
        "legalaid.migrant", line=LINE, chapter="public_legal_service", order=12, levels=("county", "city"),
        lead="开辟绿色通道，对农民工讨薪案免除经济审查",
        sentences=[
            Sentence("migrant", "{期内}受理的农民工案件共{legalaid.migrant_cases}件{legalaid.migrant_persons}人次、"
                                "解答“12348”电话咨询{legalaid.hotline_consultations}个、"
                                "接待农民工来访{legalaid.migrant_visits}人次。"),
        ],
    ),
    Paragraph(
        "legalaid.plea", line=LINE, chapter="public_legal_service", order=14, levels=("county", "city"),
        lead="持续推进法律援助和律师参与认罪认罚工作",
        sentences=[
            Sentence("plea", "{期内}共指派法律援助案件{legalaid.assigned}件；共指派律师到检察院办理认罪认罚从宽案"
                             "{legalaid.plea_cases}件、提供法律帮助{legalaid.legal_help_persons}人次。"),
        ],
    ),
)

reports.register_dashboard(Dashboard(
    line=LINE, order=40,
    key=("legalaid.accepted", "legalaid.assigned", "legalaid.closed", "legalaid.consultations",
         "legalaid.legal_help_persons", "legalaid.decision_on_time_rate"),
    trend=("legalaid.accepted", "legalaid.assigned", "legalaid.consultations"),
    distribution=("legalaid.accepted", "legalaid.consultations"),
))
