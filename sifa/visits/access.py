"""Who handles remote-visit bookings (远程会见预约).

A booking says that someone's relative is in prison — criminal-record information about a third person — so
only the staff who run the bookings see them: 司法所 and 科室 staff, corrections officers and the bureau's
leaders, each within their own subtree. Mediators, lawyers and the 三员 administrators see none.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sifa.core.models import OrgKind, OrgUnit, Role

READ_ROLES = frozenset({Role.OFFICE_STAFF, Role.SECTION_STAFF, Role.CORRECTIONS_OFFICER, Role.LEADER})
WRITE_ROLES = frozenset({Role.OFFICE_STAFF, Role.SECTION_STAFF, Role.CORRECTIONS_OFFICER})
# Units that can run a remote-visit room.
HOST_KINDS = frozenset({OrgKind.JUSTICE_OFFICE, OrgKind.PLS_CENTER, OrgKind.PLS_STATION, OrgKind.COUNTY_BUREAU,
                        OrgKind.CORRECTIONS_CENTER})


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and user.org_id is not None)


def can_read(user) -> bool:
    return _active(user) and user.role in READ_ROLES


def can_write(user) -> bool:
    return _active(user) and user.role in WRITE_ROLES


def ensure_can_write(actor, org: OrgUnit) -> None:
    if not can_write(actor):
        raise PermissionDenied("您的角色不能办理远程会见预约。")
    if not org.path.startswith(actor.org.path):
        raise PermissionDenied("该记录不在您的管辖范围内。")
