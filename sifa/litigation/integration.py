"""Plugs the litigation line into navigation and the home page's 临期/超期 list (答辩 due, appeal window)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "行政应诉"
NAV = (("应诉案件", "litigation:lawsuit_list", "read_records"),
       ("行政应诉季度通报", "litigation:bulletin", "read_records"))
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import Lawsuit, Status

    today = timezone.localdate()
    scoped = Lawsuit.objects.for_user(user).filter(answer_due__lte=today + LOOKAHEAD).select_related("org")
    for suit in deadlines.earliest_due(scoped, "status", [Status.ANSWERING], "answer_due", MAX_ITEMS):
        yield DueItem.make(title=f"{suit.number} 提交答辩状", due=suit.answer_due, org=suit.org,
                           url=reverse("litigation:lawsuit_detail", args=[suit.pk]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import Lawsuit, Status

    yield DueCount(SECTION, Lawsuit.objects.for_user(user).filter(status=Status.ANSWERING), "answer_due")


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=620 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)
