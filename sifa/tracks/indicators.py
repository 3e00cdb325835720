"""Indicators of the track screening (智能化数据排查, DOMAIN.md §5 统计指标), computed from the runs and alerts.

- 排查人数 / 发现人数 count distinct subjects over the screening runs whose period ends in the reporting period
  (a subject is screened when the run had points of them; found when at least one episode was reported).
  Seed 000: 对在矫404名社区矫正对象进行智能化数据排查，发现50人私自外出.
- 外出段数, 失联预警 and 二次排查比中 count alerts by the day they happened; 核查属实/排除 by the day of 核查.
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, Ratio, register

from .models import AlertKind, AlertStatus

LINE = "社区矫正"
SCREENED = "tracks.ScreenedSubject"
ALERT = "tracks.Alert"

register(
    Distinct("tracks.screened", "轨迹排查人数", model=SCREENED, date="period_end", field="subject", line=LINE,
             order=74, note="排查截止日在期内的轨迹排查所覆盖的社区矫正对象人数（期内有定位数据的对象，同一人多次排查计1人；"
                            "砀山对在矫404名对象进行智能化数据排查）。"),
    Distinct("tracks.found", "排查发现私自外出人数", model=SCREENED, date="period_end", field="subject",
             filter=Q(found=True), line=LINE, order=75,
             note="上述排查中至少发现一段未经批准离开准许区域的对象人数（砀山发现50人私自外出）。"),
    Ratio("tracks.found_rate", "排查发现率", numerator="tracks.found", denominator="tracks.screened", decimals=2,
          line=LINE, order=76, note="排查发现私自外出人数 ÷ 轨迹排查人数 × 100%。"),
    Count("tracks.episodes", "疑似私自外出段数", model=ALERT, date="occurred_on", unit="段",
          filter=Q(kind=AlertKind.DEPARTURE), line=LINE, order=77, dimensions=["status"],
          note="轨迹排查发现的区域外时段（预警）数，按外出开始日期统计；重复排查同一时段只计一次。"),
    Count("tracks.alerts_confirmed", "预警核查属实", model=ALERT, date="handled_on", unit="条",
          filter=Q(status=AlertStatus.CONFIRMED), line=LINE, order=78, dimensions=["kind"],
          note="期内核查属实的预警数（私自外出、失联、二次排查），按核查日期统计。"),
    Count("tracks.alerts_excluded", "预警核查排除", model=ALERT, date="handled_on", unit="条",
          filter=Q(status=AlertStatus.EXCLUDED), line=LINE, order=79, dimensions=["kind"],
          note="期内经核查排除（定位漂移、经批准行程等）的预警数，按核查日期统计。"),
    Count("tracks.silence_alerts", "失联预警", model=ALERT, date="occurred_on", unit="条",
          filter=Q(kind=AlertKind.SILENCE), line=LINE, order=80, dimensions=["status"],
          note="信息化核查对象超过规定小时数无定位数据而产生的失联预警数，按预警日期统计。"),
    Distinct("tracks.offence_hits", "二次排查比中人数", model=ALERT, date="occurred_on", field="subject",
             filter=Q(kind=AlertKind.OFFENCE), line=LINE, order=81,
             note="公安机关涉案人员名单与在矫对象比对比中的人数，按案发日期（无则按收到名单日期）统计。"),
)
