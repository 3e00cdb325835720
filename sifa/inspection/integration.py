"""Plugs the 法治督察 line into navigation and the home page's 临期/超期 list (督察问题的整改期限). Ledger kinds,
indicators, report paragraphs, API routes and demo records are found by their frameworks' autodiscovery."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "法治督察"
NAV = (("法治督察", "inspection:inspection_list", "read_records"),
       ("督察问题整改", "inspection:finding_list", "read_records"),
       ("述法会议", "inspection:meeting_list", "read_records"))
DUE_WORK = (
    DueWork(SECTION, "inspection.Finding", "due_on", statuses=("pending", "overdue"), related=("inspection",),
            title=lambda finding: f"{finding.inspection.number} 问题整改：{finding}",
            url=lambda finding: reverse("inspection:finding_detail", args=[finding.pk])),
)


def mark_overdue(day) -> str:
    """The daily job: 督察问题 past their 整改期限 and not rectified become 逾期 (the bureau's staff are told)."""
    from .actions import sweep_overdue

    return f"已标记逾期问题{sweep_overdue(day)}个。"


def register_all() -> None:
    from sifa.core import daily, deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=680 + offset))
    deadlines.register_work(*DUE_WORK)
    daily.register("督察问题逾期标记", mark_overdue, order=40)
