"""Plugs the enforcement line into navigation, the home page's 临期/超期 list (监督意见书 due, certificates
expiring), and the portal's front page (执法公示)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "行政执法监督"
NAV = (("执法主体", "enforcement:body_list", "read_records"),
       ("执法人员", "enforcement:officer_list", "read_records"),
       ("执法决定公示", "enforcement:decision_list", "read_records"),
       ("案卷评查", "enforcement:campaign_list", "read_records"),
       ("监督意见书", "enforcement:opinion_list", "read_records"),
       ("监督员与专项监督", "enforcement:supervisor_list", "read_records"))
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import OPEN_OPINIONS, Opinion

    today = timezone.localdate()
    scoped = Opinion.objects.for_user(user).filter(due_on__lte=today + LOOKAHEAD).select_related("org", "body__agency")
    for opinion in deadlines.earliest_due(scoped, "status", list(OPEN_OPINIONS), "due_on", MAX_ITEMS):
        yield DueItem.make(title=f"{opinion.number} {opinion.body.name}反馈整改", due=opinion.due_on, org=opinion.org,
                           url=reverse("enforcement:opinion_detail", args=[opinion.pk]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import OPEN_OPINIONS, Opinion

    yield DueCount(SECTION, Opinion.objects.for_user(user).filter(status__in=list(OPEN_OPINIONS)), "due_on")


def register_all() -> None:
    from sifa.core import deadlines, navigation
    from sifa.portal import services

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=640 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
    services.register("行政执法公示", "enforcement_portal:home", "执法主体、人员、依据、裁量基准和执法决定", order=60)
