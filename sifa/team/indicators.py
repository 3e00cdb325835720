"""The 队伍建设 line's indicators (seed 000 (六)“认真加强队伍建设”).

Counting choices, also written into each note:
- 教育活动 by 活动日期; a 政治轮训班 is one record per 期, so 轮训 counts 期.
- 查摆问题 by 查摆日期; 已整改 is the cohort of those problems rectified by the period's end.
- 主动说明问题 counts 正式干警 by name (one officer reporting twice is one person).
- 问题线索 by 收到日期; 已办结 is the cohort of those closed by the period's end, so 办结率 never exceeds 100%.
- 规章制度 by 印发日期, 制定 and 修订 alike (“制定完善”).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, Ratio, register

from .models import ActivityKind, ClueStatus, ProblemCategory, ProblemStatus

LINE = "队伍建设"
ACTIVITY = "team.TeamActivity"


def _activities(code, name, kind, unit, *, order, note):
    return Count(code, name, model=ACTIVITY, date="held_on", line=LINE, order=order, unit=unit,
                 filter=Q(kind=kind), note=note)


register(
    Count("team.activities", "队伍教育活动", model=ACTIVITY, date="held_on", line=LINE, order=10, unit="次",
          dimensions=["kind"], note="按活动日期统计的队伍教育活动（政治轮训每期一次）。"),
    _activities("team.training", "参加政治轮训班", ActivityKind.TRAINING, "期", order=11,
                note="干警参加的政法干部政治轮训班，按活动日期、每期一条记录计数。"),
    _activities("team.study", "集中学习", ActivityKind.STUDY, "次", order=12,
                note="党组理论学习中心组、支部“三会一课”等集中学习，按活动日期计次。"),
    Count("team.study_with_training", "集中学习（含政治轮训）", model=ACTIVITY, date="held_on", line=LINE, order=16,
          unit="次", filter=Q(kind__in=(ActivityKind.TRAINING, ActivityKind.STUDY)),
          note="政治轮训等各种形式的集中学习（政治轮训每期一次、集中学习每次一次），按活动日期计次（种子003口径）。"),
    _activities("team.seminar", "研讨交流", ActivityKind.SEMINAR, "次", order=13,
                note="组织的研讨交流活动，按活动日期计次。"),
    _activities("team.collective", "集体活动", ActivityKind.COLLECTIVE, "次", order=14,
                note="主题党日等集体活动，按活动日期计次。"),
    _activities("team.warning", "警示教育", ActivityKind.WARNING, "次", order=15,
                note="警示教育活动，按活动日期计次。"),
    Count("team.problems", "查摆顽瘴痼疾", model="team.Problem", date="found_on", line=LINE, order=20, unit="个",
          filter=Q(category=ProblemCategory.CHRONIC), dimensions=["status"],
          note="教育整顿中查摆的顽瘴痼疾，按查摆日期统计。"),
    Count("team.problems_rectified", "顽瘴痼疾已整改", model="team.Problem", date="found_on",
          reached_by="rectified_on", filter=Q(category=ProblemCategory.CHRONIC, status=ProblemStatus.RECTIFIED),
          line=LINE, order=21, unit="个", note="本期查摆的顽瘴痼疾中到期末已整改完毕的。"),
    Ratio("team.problem_rectification_rate", "顽瘴痼疾整改率", numerator="team.problems_rectified",
          denominator="team.problems", line=LINE, order=22, show_parts=True,
          note="已整改 ÷ 查摆的顽瘴痼疾，同一批问题（按查摆日期）。"),
    Distinct("team.self_reports", "正式干警主动说明问题", model="team.SelfReport", field="officer",
             date="reported_on", filter=Q(is_regular=True), line=LINE, order=30, unit="名",
             note="主动向组织说明自身存在问题的正式干警，按姓名去重计人。"),
    Count("team.clues", "涉及本局问题线索", model="team.Clue", date="received_on", line=LINE, order=40, unit="条",
          dimensions=["status"], note="涉及本局的问题线索，按收到日期计数。"),
    Count("team.clues_closed", "问题线索已办结", model="team.Clue", date="received_on", reached_by="closed_on",
          filter=Q(status=ClueStatus.CLOSED), line=LINE, order=41, unit="条",
          note="本期收到的问题线索中到期末已办结的。"),
    Ratio("team.clue_close_rate", "问题线索办结率", numerator="team.clues_closed", denominator="team.clues",
          line=LINE, order=42, show_parts=True, note="已办结 ÷ 收到的问题线索，同一批线索（按收到日期）。"),
    Count("team.rules", "制定完善规章制度", model="team.Rule", date="adopted_on", line=LINE, order=50, unit="个",
          dimensions=["kind"], note="制定或修订的内部规章制度，按印发日期计数。"),
)
