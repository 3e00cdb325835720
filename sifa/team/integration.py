"""Plugs the 队伍建设 line into navigation and the home page's 临期/超期 list (查摆问题的整改期限). Ledger kinds,
indicators, report paragraphs and demo records are found by their frameworks' autodiscovery."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "队伍建设"
NAV = (("教育活动", "team:activity_list", "read_records"),
       ("查摆问题整改", "team:problem_list", "read_records"),
       ("主动说明问题", "team:selfreport_list", "read_records"),
       ("问题线索", "team:clue_list", "read_records"),
       ("规章制度", "team:rule_list", "read_records"))
DUE_WORK = (
    DueWork(SECTION, "team.Problem", "due_on", statuses=("pending",),
            title=lambda problem: f"查摆问题整改：{problem}",
            url=lambda problem: reverse("team:problem_detail", args=[problem.pk])),
)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=700 + offset))
    deadlines.register_work(*DUE_WORK)
