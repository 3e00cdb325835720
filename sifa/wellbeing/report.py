"""The 心理健康 paragraph of the work report (seed 002 (五): 基础数据采集、心理状态分析、矫正方案补充、违纪预警干预),
and the line's dashboard figures. Figures come only from indicators; zeros are kept."""

from sifa.reports import registry as reports
from sifa.reports.registry import Dashboard, Paragraph, Sentence

LINE = "社区矫正"

reports.register(
    Paragraph(
        "wellbeing.psychology", line=LINE, chapter="social_governance", order=21,
        lead="加强社区矫正对象心理健康管理",
        sentences=[
            Sentence("assess", "{期内}对{wellbeing.assessed}名社区矫正对象开展心理测评{wellbeing.assessments}人次，"
                               "筛查阳性{wellbeing.positive}人，阳性率{wellbeing.positive_rate}%。"),
            Sentence("warn", "通过心理状态分析和违纪预警，发出心理预警{wellbeing.warnings}人次，其中高风险"
                             "{wellbeing.warnings[level=高]}人次、中风险{wellbeing.warnings[level=中]}人次；"
                             "开展干预{wellbeing.interventions}次，补充矫正方案{wellbeing.plan_supplements}次，"
                             "回访{wellbeing.follow_ups}次，解除预警{wellbeing.warnings_closed}人次。"),
        ],
    ),
)

reports.register_dashboard(Dashboard(
    line="心理健康", order=51,
    key=("wellbeing.assessments", "wellbeing.positive", "wellbeing.positive_rate", "wellbeing.warnings",
         "wellbeing.high_warnings", "wellbeing.interventions"),
    trend=("wellbeing.assessments", "wellbeing.warnings", "wellbeing.interventions"),
    distribution=("wellbeing.assessments", "wellbeing.warnings"),
))
