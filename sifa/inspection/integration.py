"""Plugs the 法治督察 line into navigation and the home page's 临期/超期 list (督察问题的整改期限). Ledger kinds,
indicators, report paragraphs, API routes and demo records are found by their frameworks' autodiscovery."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "法治督察"
NAV = (("法治督察", "inspection:inspection_list", "read_records"),
       ("督察问题整改", "inspection:finding_list", "read_records"),
       ("述法会议", "inspection:meeting_list", "read_records"))
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import OPEN_FINDINGS, Finding

    today = timezone.localdate()
    scoped = Finding.objects.for_user(user).filter(due_on__lte=today + LOOKAHEAD).select_related("org", "inspection")
    for finding in deadlines.earliest_due(scoped, "status", list(OPEN_FINDINGS), "due_on", MAX_ITEMS):
        yield DueItem.make(title=f"{finding.inspection.number} 问题整改：{finding}", due=finding.due_on, org=finding.org,
                           url=reverse("inspection:finding_detail", args=[finding.pk]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import OPEN_FINDINGS, Finding

    yield DueCount(SECTION, Finding.objects.for_user(user).filter(status__in=list(OPEN_FINDINGS)), "due_on")


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=680 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
