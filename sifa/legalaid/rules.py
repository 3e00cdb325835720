"""The legal-aid line's time limits and the rules the actions share (DOMAIN.md §3, 《法律援助法》).

Every limit is a DeadlineRule in calendar days (DOMAIN §18.5: 法援7/3/5 are calendar days; a period whose last
day is a rest day ends on the next working day, 民事诉讼法第85条). The actions date them with the platform's one
rule, core.deadlines.lenient_due_date (past the published holiday calendar: counted on Monday–Friday).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sifa.core.deadlines import DeadlineRule
from sifa.core.models import OrgKind, OrgUnit

from .models import AREA_OF, ClosureMethod, DocumentKind, Exemption, ReviewBasis

DECISION = DeadlineRule("calendar", 7, "审查并作出是否给予法律援助的决定", basis="《法律援助法》第四十三条")
ASSIGNMENT = DeadlineRule("calendar", 3, "指派律师、基层法律服务工作者", basis="《法律援助法》第四十三条")
NOTICE = DeadlineRule("calendar", 3, "办案机关通知法律援助机构", basis="《法律援助法》第三十六条")
NOTICE_ASSIGNMENT = DeadlineRule("calendar", 3, "收到通知后指派律师", basis="《法律援助法》第三十六条")
OBJECTION = DeadlineRule("calendar", 5, "审查异议并作出决定", basis="《法律援助法》第四十九条")

# 《法律援助法》第26条: 可能被判处无期徒刑、死刑的人 and 死刑复核 defendants get a lawyer with ≥3 years of practice.
SENIOR_YEARS = 3
ELDERLY_AGE = 60
ADULT_AGE = 18

ARTICLE_42 = {Exemption.SPECIFIC_GROUP, Exemption.ASSISTANCE, Exemption.MIGRANT_WORKER, Exemption.OTHER_42}
ARTICLE_32 = {Exemption.MARTYR, Exemption.HEROISM, Exemption.ACQUITTED, Exemption.ABUSE, Exemption.OTHER_32}

# The documents a 结案 needs: always the 结案报告, plus the document that shows how the case ended.
CLOSING_DOCUMENTS = {
    ClosureMethod.JUDGMENT: DocumentKind.JUDGMENT,
    ClosureMethod.RULING: DocumentKind.JUDGMENT,
    ClosureMethod.MEDIATION: DocumentKind.MEDIATION,
    ClosureMethod.SETTLEMENT: DocumentKind.SETTLEMENT,
    ClosureMethod.ARBITRATION: DocumentKind.AWARD,
    ClosureMethod.WITHDRAWAL: DocumentKind.WITHDRAWAL,
    ClosureMethod.NON_LITIGATION: DocumentKind.WORK_PRODUCT,
    ClosureMethod.DOCUMENT: DocumentKind.WORK_PRODUCT,
}


def required_closing_documents(method: str) -> list[str]:
    return [DocumentKind.CLOSING_REPORT, CLOSING_DOCUMENTS[method]]


def review_basis_for(exemption: str, chosen: str) -> str:
    """第42条 exemptions are 免予核查, 第32条 ones are not limited by hardship; otherwise the chosen method."""
    if exemption in ARTICLE_42:
        return ReviewBasis.EXEMPT
    if exemption in ARTICLE_32:
        return ReviewBasis.UNLIMITED
    return chosen


def area_of(category: str) -> str:
    return AREA_OF[category]


def per_capita(income: Decimal, size: int) -> Decimal:
    return (Decimal(income) / Decimal(size)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def years_between(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def is_aid_centre(org: OrgUnit) -> bool:
    """Only a 法律援助机构 reviews and decides; a county bureau without a separate centre acts as one."""
    return org.kind in (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU)


def county_root(org: OrgUnit) -> OrgUnit:
    node = org
    while node.kind != OrgKind.COUNTY_BUREAU and node.parent_id is not None:
        node = node.parent
    return node


def aid_centre_for(org: OrgUnit) -> OrgUnit:
    """The 法律援助中心 serving `org`'s county (the county bureau itself when it has none)."""
    root = county_root(org)
    centre = OrgUnit.objects.filter(path__startswith=root.path, kind=OrgKind.LEGAL_AID_CENTER,
                                    active=True).order_by("path").first()
    return centre or root


def short_name(name: str) -> str:
    for suffix in ("法律援助中心", "法律援助处", "司法局", "司法所"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name
