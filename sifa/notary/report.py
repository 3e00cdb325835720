"""The notary line's paragraph of the work report (DOMAIN.md §4 句式; seed [000] (一)二是) and its dashboard."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "公证"

reports.register(Paragraph(
    "notary.service", line=LINE, chapter="public_legal_service", order=20,
    lead="进一步强化公证职能作用",
    sentences=[
        Sentence("count", "开通绿色便民通道，至今共办理公证{notary.issued}件。"),
        Sentence("quality", "按期出证率{notary.on_time_rate}%，“最多跑一次”公证事项{notary.one_visit_items}项，"
                            "覆盖率{notary.one_visit_coverage}%。", levels=("county", "city")),
    ],
))

reports.register_dashboard(Dashboard(
    line=LINE, order=45,
    key=("notary.issued", "notary.accepted", "notary.on_time_rate", "notary.one_visit_coverage"),
    trend=("notary.accepted", "notary.issued"),
    distribution=("notary.issued",),
))
