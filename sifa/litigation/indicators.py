"""The litigation line's indicators (DOMAIN.md §10 统计指标).

Counting choices, also written into each note:
- 收案 by 立案日期, all levels (seed 000 “行政诉讼案件共56件”); 一审收案 separately (seed 002 180件).
- 开庭审理 by the first hearing's date; 负责人出庭 = those of them where the agency head appeared at least once:
  one record is one case at one level, so an appearance counts once per case and level (法释〔2020〕3号第7条).
  出庭应诉率 = 负责人出庭 ÷ 开庭审理 (seed 000 41/42 = 97.62%; DOMAIN §17 歧义6: not ÷ 收案).
- 审结 by closure date, including cases filed in earlier years (含旧存). 败诉率 = 一审败诉 ÷ 一审审结 (含旧存)
  (seed 002 14/198 = 7.07%); 败诉 = 判决撤销、变更、确认违法、确认无效、履行、给付、赔偿 (口径待核).
- 驳回 = 判决驳回诉讼请求 + 裁定驳回起诉 (DOMAIN §17 歧义7; seed 000 “驳回3件”).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Ratio, RelatedDimension, register

from .models import LOSSES, REJECTIONS, Level, Outcome

LINE = "行政应诉"
SUIT = "litigation.Lawsuit"
DIMENSIONS = ["level", RelatedDimension("agency", "被告机关")]
FIRST = Q(level=Level.FIRST)
CLOSED = Q(closed_on__isnull=False) & ~Q(outcome="")


def closed(code, name, q: Q | None = None, *, note, order, **kwargs) -> Count:
    return Count(code, name, model=SUIT, date="closed_on", filter=CLOSED & (q or Q()), line=LINE, order=order,
                 dimensions=[*DIMENSIONS, "outcome"], note=note, **kwargs)


register(
    Count("litigation.received", "行政诉讼案件收案", model=SUIT, date="filed_on", line=LINE, order=10,
          dimensions=DIMENSIONS, note="按立案日期统计的行政诉讼案件，一审、二审、再审各计一件（砀山2021年56件）。"),
    Count("litigation.first_received", "一审收案", model=SUIT, date="filed_on", filter=FIRST, line=LINE, order=11,
          dimensions=DIMENSIONS, note="按立案日期统计的一审行政诉讼案件（东阳2021年180件）。"),
    Count("litigation.heard", "开庭审理案件", model=SUIT, date="first_hearing_on", line=LINE, order=12,
          dimensions=DIMENSIONS, note="按首次开庭日期统计，同一案件同一审级只计一次（砀山2021年42件）。"),
    Count("litigation.head_appeared", "行政机关负责人出庭应诉案件", model=SUIT, date="first_hearing_on",
          filter=Q(head_appeared=True), line=LINE, order=13, dimensions=[*DIMENSIONS, "head_post"],
          note="开庭审理案件中行政机关正职、副职或分管负责人出庭应诉的，同一审级出庭一次即计入"
               "（法释〔2020〕3号第7条）（砀山2021年41件）。"),
    Ratio("litigation.head_rate", "负责人出庭应诉率", numerator="litigation.head_appeared",
          denominator="litigation.heard", line=LINE, order=14, show_parts=True,
          note="负责人出庭应诉案件 ÷ 开庭审理案件（砀山2021年41/42=97.62%；以收案为分母为41/56=73.21%，"
               "DOMAIN §17歧义6）。"),
    closed("litigation.closed", "审结（办结）案件", order=20,
           note="按审结日期统计，含以前年度立案的旧存案件（砀山2021年12件）。"),
    closed("litigation.rejected", "驳回", Q(outcome__in=[str(o) for o in REJECTIONS]), order=21,
           note="判决驳回诉讼请求与裁定驳回起诉合计（DOMAIN §17歧义7）（砀山2021年3件）。"),
    closed("litigation.withdrawn", "准许原告撤回起诉", Q(outcome=Outcome.WITHDRAWN), order=22,
           note="裁定准许撤诉的（砀山2021年6件）。"),
    closed("litigation.perform", "责令履行", Q(outcome=Outcome.PERFORM), order=23,
           note="判决被告履行法定职责的（砀山2021年1件）。"),
    closed("litigation.revoked", "撤销", Q(outcome=Outcome.REVOKED), order=24,
           note="判决撤销被诉行政行为的（砀山2021年2件）。"),
    closed("litigation.lost", "败诉案件", Q(outcome__in=[str(o) for o in LOSSES]), order=25,
           note="判决撤销、变更、确认违法、确认无效、履行、给付、赔偿的（口径待核）。"),
    closed("litigation.first_closed", "一审审结（含旧存）", FIRST, order=30,
           note="按审结日期统计的一审案件，含以前年度立案的旧存（东阳2021年198件）。"),
    closed("litigation.first_closed_carried", "其中旧存", FIRST, order=31, carried_over="filed_on",
           note="一审审结案件中立案日期早于本期的。"),
    closed("litigation.first_lost", "一审败诉", FIRST & Q(outcome__in=[str(o) for o in LOSSES]), order=32,
           note="一审审结案件中败诉的（东阳2021年14件）。"),
    Ratio("litigation.loss_rate", "败诉率", numerator="litigation.first_lost", denominator="litigation.first_closed",
          line=LINE, order=33, show_parts=True,
          note="一审败诉 ÷ 一审审结（含旧存）（东阳2021年14/198=7.07%；以收案180为分母得7.78%，不符）。"),
    Ratio("litigation.withdrawal_rate", "协调撤诉率", numerator="litigation.withdrawn",
          denominator="litigation.closed", line=LINE, order=34, show_parts=True,
          note="准许撤诉 ÷ 审结（砀山2021年6/12=50.00%）。"),
)
