"""Who may do what with dashboards and work reports: one place, read by pages, actions and the command line."""

from sifa.core.access import reaches
from sifa.core.roles import has_capability


def can_view_dashboard(user) -> bool:
    return has_capability(user, "view_dashboard")


def can_view_report(user) -> bool:
    return has_capability(user, "view_reports")


def can_edit_report(user) -> bool:
    """Writing 存在问题/下步打算 and rewording sentences is the bureau staff's drafting work."""
    return can_view_report(user) and has_capability(user, "write_records")


def can_manage_boundaries(user) -> bool:
    return can_view_dashboard(user) and has_capability(user, "write_records")


def in_scope(user, org) -> bool:
    return reaches(user, org)
