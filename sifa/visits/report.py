"""The remote-visit paragraph of the work report and its dashboard figures (DOMAIN.md §7 报告句式; seed [003]
一(五)一是)."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "远程会见"

reports.register(Paragraph(
    "visits.remote", line=LINE, chapter="social_governance", order=24,
    lead="推行远程会见电话预约服务",
    sentences=[
        Sentence("bookings", "从便捷服刑人员亲属角度出发，推行远程会见电话预约服务，群众一通电话即可预约会见。"
                             "{期内}共接受远程会见申请{visits.applications}次，会见人数{visits.persons}人，"
                             "其中，针对高龄、身患疾病、路途遥远人员安排远程会见{visits.special_applications}次，"
                             "会见人数{visits.special_persons}人。"),
    ],
))

reports.register_dashboard(Dashboard(
    line=LINE, order=54,
    key=("visits.applications", "visits.persons", "visits.special_applications", "visits.held"),
    trend=("visits.applications", "visits.held"),
    distribution=("visits.applications", "visits.persons"),
))
