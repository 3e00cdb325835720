"""The report paragraphs of 行政执法协调监督 and 执法公示 and the line's dashboard (DOMAIN.md §12 句式).

Seed [000]: “开展行政执法案卷评查工作，…共评查行政处罚卷38卷、行政许可卷24卷，经评查，5份被推荐为优秀卷宗，其余均为合格卷宗。”
Seed [001]: “共计审验234人，33名新申领人员和四年年审人员完成了培训并通过了执法证考试”; “组织全区499名行政执法及执法监督人员
参加学习考试”; “公开选聘8名行政执法社会监督员，设立2家行政执法协调监督联系点”.
Seed [002]: “选聘22名特邀行政执法监督员，…该系统已开展排查17次，提出意见书22份”; “共梳理公示行政执法依据1419个，梳理公示
行政执法自由裁量基准39个。其中结合东阳实际制定自由裁量基准6个，共涉及61个方面执法事项909项。”
"""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

register(
    Paragraph(
        "enforcement.supervision", line="行政执法监督", chapter="law_based_governance", order=30,
        lead="加强行政执法协调监督", levels=("county", "city"),
        sentences=[
            Sentence("reviews", "开展行政执法案卷评查工作，共评查行政处罚卷{enforcement.files_penalty}卷、行政许可卷"
                                "{enforcement.files_licence}卷，经评查，{enforcement.files_excellent}份被推荐为优秀卷宗，"
                                "{enforcement.files_qualified}份为合格卷宗，{enforcement.files_unqualified}份为不合格卷宗。"),
            Sentence("certificates", "开展行政执法证年审、申领和培训考试等，共计审验{enforcement.verified}人，"
                                     "{enforcement.newly_certified}名新申领人员和周期年审人员完成了培训并通过了执法证考试；"
                                     "组织{enforcement.examined}名行政执法及执法监督人员参加学习考试，持证率"
                                     "{enforcement.certified_rate:2}%。"),
            Sentence("supervisors", "选聘特邀行政执法监督员{enforcement.invited_supervisors}名、行政执法社会监督员"
                                    "{enforcement.social_supervisors}名，设立行政执法协调监督联系点"
                                    "{enforcement.contact_points}家，每月一主题开展专项监督，已开展排查"
                                    "{enforcement.special_checks}次，提出意见书{enforcement.opinions}份，整改销号率"
                                    "{enforcement.opinion_rate:2}%。"),
        ],
    ),
    Paragraph(
        "enforcement.publicity", line="行政执法监督", chapter="law_based_governance", order=31,
        lead="全面规范自由裁量权", levels=("county", "city"),
        sentences=[
            Sentence("bases", "共梳理公示行政执法依据{enforcement.bases}个，梳理公示行政执法自由裁量基准"
                              "{enforcement.benchmarks}个。其中结合本{地域}实际制定自由裁量基准{enforcement.local_benchmarks}个，"
                              "共涉及{enforcement.local_areas}个方面执法事项{enforcement.local_items}项。"),
            Sentence("decisions", "公示行政执法决定{enforcement.decisions}件，按时公示率{enforcement.on_time_rate:2}%。"),
        ],
    ),
)

register_dashboard(Dashboard(
    line="行政执法监督", order=72,
    key=("enforcement.files_reviewed", "enforcement.excellent_rate", "enforcement.certified_rate",
         "enforcement.opinions", "enforcement.opinion_rate", "enforcement.on_time_rate"),
    trend=("enforcement.files_reviewed", "enforcement.opinions", "enforcement.decisions"),
    distribution=("enforcement.files_reviewed", "enforcement.decisions"),
))
