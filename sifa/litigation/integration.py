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


def remind_deadlines(day) -> str:
    """The daily job: T-5 reminders of 行政复议 and 行政应诉 deadlines to whoever handles each case."""
    from sifa.reconsideration import reminders as cases

    from . import reminders as lawsuits

    return f"已发送行政复议、应诉期限提醒{cases.remind(day) + lawsuits.remind(day)}条。"


def register_all() -> None:
    from sifa.core import daily, deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=620 + offset))
    deadlines.register_work(*DUE_WORK)
    daily.register("行政复议、应诉期限提醒", remind_deadlines, order=20)
