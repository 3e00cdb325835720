"""Plugs 远程会见预约 into the shared registries: staff navigation, the home page's 临期/超期 list (bookings to
confirm before the day, visits held but not recorded), and the portal's services and tracking kind."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

SECTION = "远程会见"
NAV = (("预约登记", "visits:booking_list"), ("会见室和时段", "visits:room_list"))
MAX_ITEMS = 200


def due_items(user):
    from sifa.core.deadlines import DueItem

    from .models import Booking, BookingStatus

    today = timezone.localdate()
    horizon = today + dt.timedelta(days=14)
    to_confirm = (Booking.objects.for_user(user).filter(status=BookingStatus.APPLIED, slot__date__lte=horizon)
                  .select_related("slot", "org").order_by("slot__date")[:MAX_ITEMS])
    for b in to_confirm:
        yield DueItem.make(title=f"{b.number} 远程会见待确认（{b.slot.label}）", url=b.get_absolute_url(),
                           due=b.slot.date - dt.timedelta(days=1), org=b.org, kind=SECTION, today=today)
    unrecorded = (Booking.objects.for_user(user).filter(status=BookingStatus.CONFIRMED, slot__date__lt=today)
                  .select_related("slot", "org").order_by("slot__date")[:MAX_ITEMS])
    for b in unrecorded:
        yield DueItem.make(title=f"{b.number} 远程会见待登记会见情况", url=b.get_absolute_url(), due=b.slot.date,
                           org=b.org, kind=SECTION, today=today)


def due_counts(user):
    """The same open work as due_items, counted in SQL: a booking to confirm is due the day before its slot."""
    from sifa.core.deadlines import DueCount

    from .models import Booking, BookingStatus

    scoped = Booking.objects.for_user(user)
    yield DueCount(SECTION, scoped.filter(status=BookingStatus.APPLIED), "slot__date", offset_days=1)
    yield DueCount(SECTION, scoped.filter(status=BookingStatus.CONFIRMED, slot__date__lt=timezone.localdate()),
                   "slot__date")


def register_all() -> None:
    from sifa.core import deadlines, navigation
    from sifa.portal import services, tracking

    from . import access
    from .actions import PORTAL_KIND, public_status

    for rank, (label, url_name) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability="read_records",
                                                order=320 + rank, roles=frozenset(access.READ_ROLES)))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
    services.register("预约远程会见", "visits_portal:book", "服刑人员亲属就近预约与服刑人员视频会见，免去长途奔波", order=40)
    tracking.register_kind(PORTAL_KIND, "远程会见预约", status=public_status)
