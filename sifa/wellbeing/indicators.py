"""The indicators of 心理评估与预警 (issue #7 items 7–8), declared into the shared registry; each drills down to
its records (the drill-down shows names and dates, never scores).

Counting choices, also written into each note:
- 测评 counts 人次 by the assessment date; 测评人数 and 筛查阳性人数 count distinct subjects (one subject assessed
  twice in a period is one person); 阳性率 = 筛查阳性人数 ÷ 测评人数.
- 预警 counts by the date the warning was first raised (its level is the current one: a warning raised to 高 counts
  under 高); 解除 by the date it was lifted; 干预 and 回访 by their dates.
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, Ratio, register

from .models import RiskLevel

LINE = "社区矫正"
ASSESSMENT = "wellbeing.Assessment"
WARNING = "wellbeing.EarlyWarning"

register(
    Count("wellbeing.assessments", "心理测评", model=ASSESSMENT, date="assessed_on", unit="人次", line=LINE,
          order=70, dimensions=["positive"],
          note="期内完成的心理测评（SCL-90 等量表）人次，按测评日期统计。"),
    Distinct("wellbeing.assessed", "心理测评人数", model=ASSESSMENT, field="subject_id", date="assessed_on",
             line=LINE, order=71, note="期内至少完成一次心理测评的社区矫正对象人数，按测评日期统计（一人多次计一人）。"),
    Count("wellbeing.positive_screens", "心理测评筛查阳性", model=ASSESSMENT, date="assessed_on",
          filter=Q(positive=True), unit="人次", line=LINE, order=72,
          note="期内筛查阳性的测评人次：SCL-90 总分超过160分，或阳性项目数超过43项，或任一因子分≥2分（规则随量表定义）。"),
    Distinct("wellbeing.positive", "心理测评筛查阳性人数", model=ASSESSMENT, field="subject_id", date="assessed_on",
             filter=Q(positive=True), line=LINE, order=73,
             note="期内至少一次测评筛查阳性的社区矫正对象人数，按测评日期统计。"),
    Ratio("wellbeing.positive_rate", "心理测评阳性率", numerator="wellbeing.positive", denominator="wellbeing.assessed",
          line=LINE, order=74, note="筛查阳性人数 ÷ 心理测评人数 × 100%，同一期间、同一范围。"),
    Count("wellbeing.warnings", "心理预警", model=WARNING, date="raised_on", unit="人次", line=LINE, order=75,
          dimensions=["level", "status"],
          note="期内发出的心理预警，按首次预警日期统计；等级为当前等级（中风险上调为高风险的计入高风险）。"),
    Count("wellbeing.high_warnings", "高风险心理预警", model=WARNING, date="raised_on",
          filter=Q(level=RiskLevel.HIGH), unit="人次", line=LINE, order=76,
          note="期内发出、当前为高风险的心理预警，按首次预警日期统计。"),
    Count("wellbeing.warnings_closed", "心理预警解除", model=WARNING, date="closed_on", unit="人次", line=LINE,
          order=77, dimensions=["level"], note="期内经干预、回访后解除的心理预警，按解除日期统计。"),
    Count("wellbeing.interventions", "心理预警干预", model="wellbeing.Intervention", date="done_on", unit="次",
          line=LINE, order=78, dimensions=["kind"],
          note="期内对心理预警采取的干预措施次数（谈话教育、心理咨询疏导、转介、家庭走访、帮扶、矫正方案补充），按干预日期统计。"),
    Count("wellbeing.plan_supplements", "矫正方案补充", model="wellbeing.Intervention", date="done_on",
          filter=~Q(plan_supplement=""), unit="次", line=LINE, order=79,
          note="期内因心理预警补充矫正方案的次数，按干预日期统计（写入对象的矫正方案）。"),
    Count("wellbeing.follow_ups", "心理预警回访", model="wellbeing.FollowUp", date="followed_on", unit="次",
          line=LINE, order=80, dimensions=["result"], note="期内对心理预警干预效果的回访次数，按回访日期统计。"),
)
