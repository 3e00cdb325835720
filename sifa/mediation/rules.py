"""The mediation line's legal time limits and the small rules the actions share (DOMAIN.md §2)."""

from __future__ import annotations

import datetime as dt

from sifa.core.deadlines import DeadlineRule, estimated_due
from sifa.core.models import OrgKind, OrgUnit

from .models import LEVEL_RANK, Level

# 《人民调解工作若干规定》第33条: 调解纠纷一般在一个月内调结.
MEDIATION_PERIOD = DeadlineRule("months", 1, "调解结案", basis="《人民调解工作若干规定》第三十三条")
# 《人民调解法》第33条: 自调解协议生效之日起三十日内共同申请司法确认.
CONFIRMATION_WINDOW = DeadlineRule("calendar", 30, "申请司法确认", basis="《人民调解法》第三十三条")


def mediation_due(accepted_on: dt.date) -> dt.date:
    """The last day to settle; past the published holiday calendar, counted on Monday–Friday (the page says so:
    deadlines.estimate_note)."""
    return estimated_due(MEDIATION_PERIOD, accepted_on).date


def confirmation_due(agreement_effective_on: dt.date) -> dt.date:
    return estimated_due(CONFIRMATION_WINDOW, agreement_effective_on).date


def level_rank(level: str) -> int:
    return LEVEL_RANK.get(level, 0)


def level_of_unit(org: OrgUnit) -> str:
    """The handling level of an org unit that is not a committee: a 司法所 works at 镇街 level, anything above it
    at 县级 level."""
    if org.kind == OrgKind.JUSTICE_OFFICE or len(org.division_id) >= 9:
        return Level.TOWNSHIP
    return Level.COUNTY


def county_root(org: OrgUnit) -> OrgUnit:
    """The county 司法局 above `org` (or the top of the tree): escalation may go anywhere beneath it."""
    node = org
    while node.kind != OrgKind.COUNTY_BUREAU and node.parent_id is not None:
        node = node.parent
    return node


def short_name(name: str) -> str:
    """“李庄村人民调解委员会” → “李庄村”, for case-number prefixes."""
    for suffix in ("人民调解委员会", "调解委员会", "调委会", "司法所", "司法局"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
