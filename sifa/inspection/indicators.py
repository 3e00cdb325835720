"""The 法治督察 line's indicators (DOMAIN.md §15; seed 002: 巡察结合督、专门督、专题督, 整改“回头看”; seed 004: 述法).

Counting choices, also written into each note:
- 督察 by 进驻日期 (a planned 督察 not yet begun is not counted), split by 督察方式 and 督察对象类别.
- 问题 by 发现日期. 已整改 is the cohort of those findings rectified by the period's end (a finding sent back by a
  回头看 is not rectified until rectified again), so 整改率 = 已整改 ÷ 发现问题 never exceeds 100%.
- 回头看 by its date, each re-check of a finding counted once.
- 述法会议 by meeting date; 述法人 = the 述法 heard at them (人次: one leader reporting twice is counted twice).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Ratio, register

from .models import FindingStatus, InspectionKind

LINE = "法治督察"
INSPECTION = "inspection.Inspection"
FINDING = "inspection.Finding"


def _inspections(code, name, kind=None, *, order, note):
    return Count(code, name, model=INSPECTION, date="started_on", line=LINE, order=order, unit="次",
                 filter=Q(kind=kind) if kind else None, dimensions=["kind", "subject_kind"], note=note)


register(
    _inspections("inspection.inspections", "开展法治督察", order=10,
                 note="按进驻日期统计的法治督察，党委巡察结合督、重点单位专门督、重点领域专题督各计一次。"),
    _inspections("inspection.patrol", "党委巡察结合督", InspectionKind.PATROL, order=11,
                 note="督察方式为“党委巡察结合督”的法治督察（东阳2022年安排）。"),
    _inspections("inspection.special", "重点单位专门督", InspectionKind.SPECIAL, order=12,
                 note="督察方式为“重点单位专门督”的法治督察。"),
    _inspections("inspection.topical", "重点领域专题督", InspectionKind.TOPICAL, order=13,
                 note="督察方式为“重点领域专题督”的法治督察。"),
    Count("inspection.findings", "发现问题", model=FINDING, date="found_on", line=LINE, order=20, unit="个",
          dimensions=["category"], note="按发现日期统计的督察问题。"),
    Count("inspection.rectified", "已整改问题", model=FINDING, date="found_on", reached_by="rectified_on",
          filter=Q(status=FindingStatus.RECTIFIED), line=LINE, order=21, unit="个", dimensions=["category"],
          note="本期发现的问题中到期末已整改的（回头看未到位、重新整改中的不计）。"),
    Ratio("inspection.rectification_rate", "问题整改率", numerator="inspection.rectified",
          denominator="inspection.findings", line=LINE, order=22, show_parts=True,
          note="已整改问题 ÷ 发现问题，同一批问题（按发现日期）。"),
    Count("inspection.overdue", "逾期未整改问题", model=FINDING, date="found_on",
          filter=Q(status=FindingStatus.OVERDUE), line=LINE, order=23, unit="个", dimensions=["category"],
          note="本期发现、整改期限已过仍未整改（状态为逾期）的问题。"),
    Count("inspection.rechecks", "整改“回头看”", model="inspection.Recheck", date="checked_on", line=LINE, order=30,
          unit="次", dimensions=["result"], note="按回头看日期统计，每个问题每次回头看计一次（东阳2022年建立制度）。"),
    Count("inspection.duty_meetings", "述法工作专题会议", model="inspection.DutyMeeting", date="held_on", line=LINE,
          order=40, unit="次", note="按会议日期统计的党政主要负责人述法工作专题会议（柳州城中区2023年）。"),
    Count("inspection.duty_reporters", "述法人次", model="inspection.DutyReport", date="held_on", line=LINE, order=41,
          unit="人次", dimensions=["assessment", "subject_kind", "post"],
          note="述法会议上述法的乡镇（街道）、部门党政主要负责人，按人次统计。"),
)
