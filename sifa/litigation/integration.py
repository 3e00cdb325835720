"""Plugs the litigation line into navigation and the home page's 临期/超期 list (答辩 due, appeal window)."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "行政应诉"
NAV = (("应诉案件", "litigation:lawsuit_list", "read_records"),
       ("行政应诉季度通报", "litigation:bulletin", "read_records"))
DUE_WORK = (
    DueWork(SECTION, "litigation.Lawsuit", "answer_due", statuses=("answering",),
            title=lambda suit: f"{suit.number} 提交答辩状",
            url=lambda suit: reverse("litigation:lawsuit_detail", args=[suit.pk])),
)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=620 + offset))
    deadlines.register_work(*DUE_WORK)
