"""The notary line's indicators (DOMAIN.md §4 指标).

- 受理 counts by 受理日期, 出证 (办证量) by 出证日期 — seed [000]'s “办理公证1657件” is 出证 — both by 公证法第11条
  kind, channel, 涉外 and 最多跑一次.
- 按期出证率 = 受理起十五个工作日内（扣除中止期间）出证 ÷ 出证, both by 出证日期.
- 最多跑一次事项覆盖率 = 清单事项 ÷ 全部事项, stocks at the period's end.
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Ratio, Stock, Sum, register

from .models import Channel

LINE = "公证"
MATTER = "notary.NotaryMatter"
ITEM = "notary.NotaryItem"
DIMENSIONS = ["category", "channel", "foreign", "one_visit"]

register(
    Count("notary.accepted", "受理公证事项", model=MATTER, date="accepted_on", line=LINE, order=10, dimensions=DIMENSIONS,
          note="受理类，按受理日期统计，按《公证法》第十一条事项类别、受理渠道、涉外、最多跑一次分列。"),
    Count("notary.issued", "办理公证（出具公证书）", model=MATTER, date="issued_on", line=LINE, order=11,
          dimensions=DIMENSIONS, note="办结类，按出证日期统计的公证书件数，即办证量（砀山2021上半年1657件）。"),
    Count("notary.issued_on_time", "按期出证", model=MATTER, date="issued_on", line=LINE, order=12,
          filter=Q(on_time=True), dimensions=DIMENSIONS,
          note="自受理之日起十五个工作日内（《公证法》第三十条，补充材料、核实、不可抗力的时间不计）出具的公证书。"),
    Ratio("notary.on_time_rate", "按期出证率", numerator="notary.issued_on_time", denominator="notary.issued",
          decimals=2, line=LINE, order=13, note="按期出证 ÷ 出具公证书，同一期间（按出证日期）。"),
    Count("notary.pre_applications", "网上预申请", model=MATTER, date="applied_on", line=LINE, order=14,
          filter=Q(channel=Channel.ONLINE), dimensions=["category", "one_visit"],
          note="“互联网+公证”：按申请日期统计的网上预申请。"),
    Sum("notary.fees", "公证收费", model=MATTER, date="issued_on", field="fee", unit="元", decimals=2, line=LINE,
        order=15, dimensions=["category", "channel"], note="按出证日期统计的应收公证费，依收费标准计算。"),
    Stock("notary.items", "公证事项", model=ITEM, start="effective_from", end="withdrawn_on", unit="项", line=LINE,
          order=20, dimensions=["category"], note="期末在办的公证事项（列入清单、尚未停办）。"),
    Stock("notary.one_visit_items", "“最多跑一次”公证事项", model=ITEM, start="effective_from", end="withdrawn_on",
          unit="项", filter=Q(one_visit=True), line=LINE, order=21, dimensions=["category"],
          note="期末列入“最多跑一次”清单的公证事项。"),
    Ratio("notary.one_visit_coverage", "“最多跑一次”事项覆盖率", numerator="notary.one_visit_items",
          denominator="notary.items", decimals=2, line=LINE, order=22,
          note="“最多跑一次”清单事项 ÷ 全部公证事项，期末存量。"),
)
