"""Who handles remote-visit bookings (远程会见预约).

A booking says that someone's relative is in prison — criminal-record information about a third person — so
only the staff who run the bookings see them: 司法所 and 科室 staff, corrections officers and the bureau's
leaders, each within their own subtree. Mediators, lawyers and the 三员 administrators see none. Who holds which
verb is the "visits" row of the capability table (sifa.core.roles.LINE_VERBS).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sifa.core.access import reaches
from sifa.core.models import OrgKind, OrgUnit
from sifa.core.roles import may, roles_that_may

LINE = "visits"
READ_ROLES = roles_that_may("read", LINE)
WRITE_ROLES = roles_that_may("write", LINE)
# Units that can run a remote-visit room.
HOST_KINDS = frozenset({OrgKind.JUSTICE_OFFICE, OrgKind.PLS_CENTER, OrgKind.PLS_STATION, OrgKind.COUNTY_BUREAU,
                        OrgKind.CORRECTIONS_CENTER})


def can_read(user) -> bool:
    return may(user, "read", LINE) and user.org_id is not None


def can_write(user) -> bool:
    return may(user, "write", LINE) and user.org_id is not None


def ensure_can_write(actor, org: OrgUnit) -> None:
    if not can_write(actor):
        raise PermissionDenied("您的角色不能办理远程会见预约。")
    if not reaches(actor, org):
        raise PermissionDenied("该记录不在您的管辖范围内。")
