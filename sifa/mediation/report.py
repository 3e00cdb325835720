"""The mediation line's paragraphs of the work report and its dashboard figures (DOMAIN.md §2 报告句式).

Sentence patterns: seed [000] (三)一是 for the sweep-and-success sentence, seed [002] (三)一是 for the levels and
万人化解率, seed [002] for 疑难复杂, seed [003] (四) for the committees and mediators. The success rate is printed
as a whole percentage, as seed [000] writes it (627/640 → 98%); a bureau that reports two decimals, as seed [002]
does (99.76%), edits the placeholder to {mediation.success_rate:2}. 万人化解率 is printed with its real unit
件/万人 (the seeds write “%”, DOMAIN §17 歧义2).
"""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

LINE = "人民调解"
LEVEL_PARTS = ("mediation.accepted_village", "mediation.accepted_township", "mediation.accepted_county")

register(
    Paragraph(
        "mediation.disputes", line=LINE, chapter="social_governance", order=10,
        lead="大力排查化解矛盾纠纷",
        sentences=[
            Sentence("sweep", "截至目前全{地域}各级人民调解组织共开展矛盾纠纷排查{mediation.screenings}次，"
                              "排查发现矛盾纠纷{mediation.screening_found}件，预防矛盾纠纷{mediation.screening_prevented}件，"
                              "调处纠纷{mediation.accepted}件，调解成功{mediation.succeeded}件，"
                              "调解成功率{mediation.success_rate:0}%。"),
            Sentence("levels", "其中村社调处{mediation.accepted_village}件，占比{mediation.level_share_village}%；"
                               "镇街调处{mediation.accepted_township}件，占比{mediation.level_share_township}%；"
                               "县级调处{mediation.accepted_county}件，占比{mediation.level_share_county}%；"
                               "万人化解率为{mediation.resolution_per_10k}件/万人。",
                     levels=("county", "city")),
            Sentence("difficult", "成功调处疑难复杂纠纷{mediation.difficult_succeeded}件，其中非正常死亡纠纷"
                                  "{mediation.abnormal_death_succeeded}件。", levels=("county", "city")),
        ],
        sums=(("mediation.accepted", LEVEL_PARTS),),
    ),
    Paragraph(
        "mediation.organisation", line=LINE, chapter="social_governance", order=11, levels=("county", "city"),
        lead="不断强化人民调解组织建设",
        sentences=[
            Sentence("committees", "全{地域}共有人民调解委员会{mediation.committees}个，其中行业性、专业性调委会"
                                   "{mediation.sector_committees}个；人民调解员{mediation.mediators}人，"
                                   "品牌调解室{mediation.brand_rooms}个，调解能手{mediation.experts}名。"),
        ],
    ),
)

register_dashboard(Dashboard(
    line=LINE, order=30,
    key=("mediation.screenings", "mediation.accepted", "mediation.succeeded", "mediation.success_rate",
         "mediation.resolution_per_10k", "mediation.petition_transfers"),
    trend=("mediation.accepted", "mediation.succeeded", "mediation.screenings"),
    distribution=("mediation.accepted", "mediation.succeeded", "mediation.screenings"),
))
