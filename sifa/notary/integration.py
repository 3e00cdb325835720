"""Plugs the notary line into navigation, the home page's 临期/超期 list and the portal."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "公证"
NAV = (
    ("公证事项办理", "notary:matter_list", "read_records"),
    ("公证事项清单与收费", "notary:item_list", "read_records"),
)
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    """Accepted matters against their fifteen working days (a paused matter has no running due date)."""
    from sifa.core.deadlines import DueItem

    from .models import NotaryMatter, Status

    today = timezone.localdate()
    matters = (NotaryMatter.objects.for_user(user).filter(status=Status.ACCEPTED, due_on__lte=today + LOOKAHEAD)
               .select_related("org", "item").order_by("due_on")[:MAX_ITEMS])
    for m in matters:
        yield DueItem.make(title=f"{m.item.name}（{m.applicant_name}）出证", due=m.due_on, org=m.org, kind=SECTION,
                           url=reverse("notary:matter_detail", args=[m.pk]), today=today)


def due_counts(user):
    """The same open work as due_items, counted in SQL (the dashboards' 超期/临期 totals)."""
    from sifa.core.deadlines import DueCount

    from .models import NotaryMatter, Status

    yield DueCount(SECTION, NotaryMatter.objects.for_user(user).filter(status=Status.ACCEPTED), "due_on")


def refresh_due_dates(sender=None, *, year: int, actor, **kwargs) -> int:
    """A newly entered holiday schedule: accepted matters' 出证期限 into that year, recomputed."""
    from sifa.core.due_refresh import refresh_due_dates as refresh

    from . import rules
    from .models import NotaryMatter, Status

    matters = NotaryMatter.objects.filter(status=Status.ACCEPTED, due_on__year__gte=year)
    return refresh(actor, matters, "due_on", lambda m: rules.estimated_issue_due(m.accepted_on, m.pause_ranges()),
                   "按节假日安排重算出证期限")


def register_all() -> None:
    from sifa.core import deadlines, navigation, workdays

    workdays.schedule_published.connect(refresh_due_dates, dispatch_uid="notary-due-dates")

    for label, url_name, capability in NAV:
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=160))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)

    from sifa.portal import services, tracking

    from .actions import PORTAL_KIND, public_status

    services.register("公证网上预申请", "notary_portal:apply", "“最多跑一次”：网上提交，带齐材料到公证处一次办结",
                      order=30)
    tracking.register_kind(PORTAL_KIND, "公证预申请", status=public_status)
