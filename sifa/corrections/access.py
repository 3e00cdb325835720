"""Who may see and handle corrections records (社区矫正, 安置帮教).

Criminal-record data (罪名, 判决, 刑期, 禁止令) is sensitive personal information (SECURITY.md E1, GB/T 35273
附录B): only corrections roles read it — the 社区矫正工作人员 who do the work and the 局领导 who approve (电子定位
needs the county head's approval, 《社区矫正法》第二十九条). Mediators, lawyers, other business staff and the 三员
administrators see none of it, whatever their org.

Scope: a 司法所 (entrusted with daily work, 第九条) sees the subjects it supervises; the county's corrections
organ — the 司法局 itself, or its 社区矫正中心 / 社区矫正管理股 hung under it — sees the whole county, because the
county 社区矫正机构 is the body that decides for every subject of the county.

Which role holds which verb is the "corrections" row of the capability table (sifa.core.roles.LINE_VERBS).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sifa.core.models import OrgKind, OrgUnit
from sifa.core.roles import may, roles_that_may

LINE = "corrections"
READ_ROLES = roles_that_may("read", LINE)
WRITE_ROLES = roles_that_may("write", LINE)
APPROVER_ROLES = roles_that_may("approve", LINE)
# Units under a county bureau that act for the county's corrections organ.
COUNTY_ORGAN_KINDS = frozenset({OrgKind.CORRECTIONS_CENTER, OrgKind.BUREAU_OFFICE})
ABOVE_OFFICE_KINDS = frozenset({OrgKind.COUNTY_BUREAU, OrgKind.CITY_BUREAU, OrgKind.PROVINCE_BUREAU})


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and user.org_id is not None)


def scope_root(user) -> OrgUnit | None:
    """The unit whose subtree the user's corrections work covers (None: no corrections access)."""
    if not _active(user) or not may(user, "read", LINE):
        return None
    org = user.org
    if org.kind in COUNTY_ORGAN_KINDS and org.parent_id and org.parent.kind == OrgKind.COUNTY_BUREAU:
        return org.parent
    return org


def county_of(org: OrgUnit) -> OrgUnit:
    """The county 司法局 above (or at) `org`; the top of the tree when there is none."""
    node = org
    while node.kind != OrgKind.COUNTY_BUREAU and node.parent_id is not None:
        node = node.parent
    return node


def can_read(user) -> bool:
    return scope_root(user) is not None


def can_write(user) -> bool:
    return can_read(user) and may(user, "write", LINE)


def is_county_level(user) -> bool:
    """The user acts for the county's corrections organ (or above), not for a 司法所."""
    root = scope_root(user)
    return root is not None and root.kind in ABOVE_OFFICE_KINDS


def in_scope(user, org: OrgUnit) -> bool:
    root = scope_root(user)
    return root is not None and org.path.startswith(root.path)


def ensure_can_write(actor, org: OrgUnit) -> None:
    if not can_write(actor):
        raise PermissionDenied("只有社区矫正工作人员可以办理社区矫正和安置帮教业务。")
    if not in_scope(actor, org):
        raise PermissionDenied("该记录不在您的管辖范围内。")


def ensure_county(actor, org: OrgUnit, what: str) -> None:
    """Decisions the county's 社区矫正机构 takes (a 司法所 only proposes or reviews them)."""
    ensure_can_write(actor, org)
    if not is_county_level(actor):
        raise PermissionDenied(f"{what}须由县级社区矫正机构决定，司法所只能提出意见或初审。")


def ensure_head(actor, org: OrgUnit, what: str) -> None:
    """Approvals reserved to the county justice bureau's head (县级司法行政部门负责人)."""
    if not _active(actor) or not may(actor, "approve", LINE) or not is_county_level(actor):
        raise PermissionDenied(f"{what}须经县级司法行政部门负责人批准。")
    if not in_scope(actor, org):
        raise PermissionDenied("该记录不在您的管辖范围内。")
