"""Plugs the reconsideration line into the shared registries: navigation, the home page's 临期/超期 list and
counts, and the portal's service list and tracking kind. Ledger kinds, indicators, report paragraphs, API routes
and demo records are found by their frameworks' autodiscovery."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "行政复议"
NAV = (
    ("复议案件", "reconsideration:case_list", "read_records"),
    ("行政机关名录", "reconsideration:agency_list", "read_records"),
    ("行政复议设置", "reconsideration:settings", "write_records"),
)
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200
# (status, due-date field, what is due) of the open work, each with its own due date
DUE = (("received", "review_due", "受理审查"), ("correction", "correction_due", "补正期限"),
       ("hearing", "decision_due", "作出复议决定"))


def due_items(user):
    """Applications against their review period, cases in correction against the applicant's period, cases being
    heard against their decision date (中止 pauses it: a suspended case has none)."""
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import Case

    today = timezone.localdate()
    horizon = today + LOOKAHEAD
    scoped = Case.objects.for_user(user).select_related("org")
    for status, field, label in DUE:
        for case in deadlines.earliest_due(scoped.filter(**{f"{field}__lte": horizon}), "status", [status], field,
                                           MAX_ITEMS):
            yield DueItem.make(title=f"{case.reference} {label}", due=getattr(case, field), org=case.org,
                               url=reverse("reconsideration:case_detail", args=[case.pk]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import Case

    for status, field, _ in DUE:
        yield DueCount(SECTION, Case.objects.for_user(user).filter(status=status), field)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=600 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)

    from sifa.portal import services, tracking

    from .actions import PORTAL_KIND, public_status

    services.register("申请行政复议", "reconsideration_portal:apply",
                      "对县（区）行政机关的行政行为不服，网上提出行政复议申请", order=60)
    tracking.register_kind(PORTAL_KIND, "行政复议申请", status=public_status)
