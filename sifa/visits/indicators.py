"""The indicators of 远程会见预约 (DOMAIN.md §7), declared into the shared registry.

申请 counts by the day the booking was made, whatever became of it (the seeds' “接受远程会见申请”); 会见人数
is the number of family members booked (人次, a sum); 已会见 and its 人数 count what actually took place, by
the day of the visit (DOMAIN §17 歧义13: 申请 vs 已会见)."""

from django.db.models import Q

from sifa.indicators import Count, Ratio, Sum, register

LINE = "远程会见"
BOOKING = "visits.Booking"
DIMENSIONS = ["channel", "relation", "status", "special"]

register(
    Count("visits.applications", "远程会见申请", model=BOOKING, date="applied_on", unit="次", line=LINE, order=10,
          dimensions=DIMENSIONS, note="期内接受的远程会见预约（电话、窗口、网上），按申请日期统计（红谷滩2021年592次）。"),
    Sum("visits.persons", "会见人数", model=BOOKING, date="applied_on", field="visitors", unit="人", line=LINE,
        order=11, dimensions=DIMENSIONS,
        note="期内预约的会见人数之和（人次），按申请日期统计（红谷滩2021年1766人）。"),
    Count("visits.special_applications", "特殊安排远程会见", model=BOOKING, date="applied_on",
          filter=Q(special=True), unit="次", line=LINE, order=12, dimensions=["channel", "status"],
          note="针对高龄、身患疾病、路途遥远人员安排的远程会见，按申请日期统计（红谷滩28次）。"),
    Sum("visits.special_persons", "特殊安排会见人数", model=BOOKING, date="applied_on", field="visitors",
        filter=Q(special=True), unit="人", line=LINE, order=13, dimensions=["channel", "status"],
        note="特殊安排远程会见的会见人数之和（红谷滩84人）。"),
    Ratio("visits.persons_per_application", "平均每次会见人数", numerator="visits.persons",
          denominator="visits.applications", factor=1, unit="人/次", decimals=2, line=LINE, order=14,
          note="会见人数 ÷ 远程会见申请（红谷滩1766/592≈2.98）。"),
    Count("visits.held", "已会见", model=BOOKING, date="held_on", filter=Q(status="held"), unit="次", line=LINE,
          order=20, dimensions=["channel", "relation", "special"], note="期内实际进行的远程会见，按会见日期统计。"),
    Sum("visits.held_persons", "实际会见人数", model=BOOKING, date="held_on", field="attended",
        filter=Q(status="held"), unit="人", line=LINE, order=21, dimensions=["channel", "special"],
        note="期内实际参加远程会见的家属人数之和，按会见日期统计。"),
)
