"""Plugs the mediation line into the shared registries: navigation, the home page's 临期/超期 list and the portal's
services and tracking kinds. Ledger kinds, indicators, API routes and demo records are found by their frameworks'
autodiscovery in ledger.py, indicators.py, api.py and demo.py."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "人民调解"
NAV = (
    ("纠纷台账", "mediation:dispute_list", "read_records"),
    ("矛盾纠纷排查", "mediation:screening_list", "read_records"),
    ("援律访调", "mediation:transfer_list", "read_records"),
    ("人民调解委员会", "mediation:committee_list", "read_records"),
    ("人民调解员", "mediation:mediator_list", "read_records"),
    ("调解文书模板", "mediation:templates", "write_records"),
)
# How far ahead the home page looks; anything later is 正常 anyway.
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    """Open cases against their one-month period, and agreements against their performance deadline."""
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import OPEN_STATUSES, Agreement, Dispute, Performance

    today = timezone.localdate()
    horizon = today + LOOKAHEAD
    cases = deadlines.earliest_due(Dispute.objects.for_user(user).filter(due_on__lte=horizon).select_related("org"),
                                   "status", OPEN_STATUSES, "due_on", MAX_ITEMS)
    for d in cases:
        yield DueItem.make(title=f"{d.number} {d.get_dispute_type_display()}调解", due=d.due_on, org=d.org,
                           url=reverse("mediation:dispute_detail", args=[d.pk]), kind=SECTION, today=today)
    agreements = (Agreement.objects.for_user(user)
                  .filter(perform_by__lte=horizon, dispute__status="succeeded")
                  .exclude(performance=Performance.PERFORMED)
                  .select_related("dispute", "org").order_by("perform_by")[:MAX_ITEMS])
    for a in agreements:
        yield DueItem.make(title=f"{a.dispute.number} 调解协议履行", due=a.perform_by, org=a.org,
                           url=reverse("mediation:dispute_detail", args=[a.dispute_id]), kind=SECTION, today=today)


def due_counts(user):
    """The same open work as due_items, counted in SQL (the dashboards' 超期/临期 totals)."""
    from sifa.core.deadlines import DueCount

    from .models import OPEN_STATUSES, Agreement, Dispute, Performance

    yield DueCount(SECTION, Dispute.objects.for_user(user).filter(status__in=OPEN_STATUSES), "due_on")
    yield DueCount(SECTION, Agreement.objects.for_user(user).filter(dispute__status="succeeded")
                   .exclude(performance=Performance.PERFORMED), "perform_by")


def refresh_due_dates(sender=None, *, year: int, actor, **kwargs) -> int:
    """A newly entered holiday schedule: open disputes' 调解期限 into that year, recomputed."""
    from sifa.core.due_refresh import refresh_due_dates as refresh

    from . import rules
    from .models import OPEN_STATUSES, Dispute

    disputes = Dispute.objects.filter(status__in=OPEN_STATUSES, due_on__year__gte=year, accepted_on__isnull=False)
    return refresh(actor, disputes, "due_on", lambda d: rules.mediation_due(d.accepted_on), "按节假日安排重算调解期限")


def register_all() -> None:
    from sifa.core import deadlines, navigation, workdays

    workdays.schedule_published.connect(refresh_due_dates, dispatch_uid="mediation-due-dates")

    for offset, (label, url_name, capability) in enumerate(NAV):  # in NAV's order, one block of the side menu
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=200 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)

    from sifa.portal import services, tracking

    from .actions import PORTAL_KIND, public_status

    services.register("申请人民调解", "mediation_portal:apply", "邻里、婚姻家庭、合同、损害赔偿等民间纠纷，免费调解",
                      order=20)
    tracking.register_kind(PORTAL_KIND, "人民调解申请", status=public_status)
