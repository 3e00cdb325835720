"""The 法治督察 and 述法 paragraph of the work report, in 全面推进依法治县 (seed 002 四(一): 党委巡察结合督、重点单位
专门督、重点领域专题督, 督察整改“回头看”; seed 004: “组织召开了党政主要负责人述法工作专题会议”). A clause whose figures
are all 0 is left out by the report (sentences.py), so a county without 述法 yet prints only its 督察."""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

register(
    Paragraph(
        "inspection.supervision", line="法治督察", chapter="law_based_governance", order=40,
        lead="压实法治建设第一责任人职责", levels=("county", "city"),
        sentences=[
            Sentence("inspections", "{期内}开展法治督察{inspection.inspections}次，其中党委巡察结合督"
                                    "{inspection.patrol}次、重点单位专门督{inspection.special}次、重点领域专题督"
                                    "{inspection.topical}次。"),
            Sentence("findings", "督察发现问题{inspection.findings}个，已整改{inspection.rectified}个，整改率"
                                 "{inspection.rectification_rate}%。"),
            Sentence("rechecks", "开展督察整改“回头看”{inspection.rechecks}次。"),
            Sentence("duty", "组织召开了党政主要负责人述法工作专题会议{inspection.duty_meetings}次，"
                             "{inspection.duty_reporters}人次党政主要负责人现场述法。"),
        ],
        sums=(("inspection.inspections", ("inspection.patrol", "inspection.special", "inspection.topical")),),
    ),
)

register_dashboard(Dashboard(
    line="法治督察", order=75,
    key=("inspection.inspections", "inspection.findings", "inspection.rectification_rate", "inspection.rechecks",
         "inspection.duty_meetings", "inspection.duty_reporters"),
    trend=("inspection.inspections", "inspection.findings"),
    distribution=("inspection.inspections", "inspection.findings"),
))
