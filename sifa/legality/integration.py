"""Plugs the legality line into the shared registries: navigation, the home page's 临期/超期 (review periods and
报备 periods) and the portal's service list."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "合法性审查"
NAV = (
    ("合法性审查事项", "legality:item_list", "read_records"),
    ("规范性文件备案", "legality:doc_list", "read_records"),
)
DUE_WORK = (
    DueWork(SECTION, "legality.ReviewItem", "review_due", statuses=("reviewing",),
            title=lambda item: f"{item.title} 合法性审查",
            url=lambda item: reverse("legality:item_detail", args=[item.pk])),
    DueWork(SECTION, "legality.NormativeDoc", "filing_due", open_filter=(("filed_on__isnull", True),),
            title=lambda doc: f"{doc.title} 报备", url=lambda doc: reverse("legality:doc_detail", args=[doc.pk])),
)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=650 + offset))
    deadlines.register_work(*DUE_WORK)

    from sifa.portal import services

    services.register("规范性文件目录", "legality_portal:documents", "查询本县现行有效的规范性文件", order=70)
