"""Plugs the legality line into the shared registries: navigation, the home page's 临期/超期 (review periods and
报备 periods) and the portal's service list."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

SECTION = "合法性审查"
NAV = (
    ("合法性审查事项", "legality:item_list", "read_records"),
    ("规范性文件备案", "legality:doc_list", "read_records"),
)
LOOKAHEAD = dt.timedelta(days=30)
MAX_ITEMS = 200


def due_items(user):
    from sifa.core import deadlines
    from sifa.core.deadlines import DueItem

    from .models import NormativeDoc, ReviewItem

    today = timezone.localdate()
    horizon = today + LOOKAHEAD
    scoped = ReviewItem.objects.for_user(user).select_related("org")
    for item in deadlines.earliest_due(scoped.filter(review_due__lte=horizon), "status", ["reviewing"], "review_due",
                                       MAX_ITEMS):
        yield DueItem.make(title=f"{item.title} 合法性审查", due=item.review_due, org=item.org,
                           url=reverse("legality:item_detail", args=[item.pk]), kind=SECTION, today=today)
    docs = NormativeDoc.objects.for_user(user).filter(filed_on__isnull=True, filing_due__lte=horizon)
    for doc in docs.select_related("org").order_by("filing_due")[:MAX_ITEMS]:
        yield DueItem.make(title=f"{doc.title} 报备", due=doc.filing_due, org=doc.org,
                           url=reverse("legality:doc_detail", args=[doc.pk]), kind=SECTION, today=today)


def due_counts(user):
    from sifa.core.deadlines import DueCount

    from .models import NormativeDoc, ReviewItem

    yield DueCount(SECTION, ReviewItem.objects.for_user(user).filter(status="reviewing"), "review_due")
    yield DueCount(SECTION, NormativeDoc.objects.for_user(user).filter(filed_on__isnull=True), "filing_due")


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=650 + offset))
    deadlines.register_source(due_items)
    deadlines.register_counter(due_counts)

    from sifa.portal import services

    services.register("规范性文件目录", "legality_portal:documents", "查询本县现行有效的规范性文件", order=70)
