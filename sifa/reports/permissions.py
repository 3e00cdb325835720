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


def can_view_cockpit(user) -> bool:
    """The county's rule-of-law cockpit and its one-page brief: the leaders and the bureau's sections, who read
    both the dashboards and the reports (局领导, 股室工作人员); a 司法所's staff keep their own 驾驶舱."""
    return can_view_dashboard(user) and can_view_report(user)


def can_manage_targets(user) -> bool:
    """Setting the bureau's targets: the leaders who decide them (approve) and the sections who keep them (write)."""
    return can_view_cockpit(user) and (has_capability(user, "write_records") or has_capability(user, "approve"))
