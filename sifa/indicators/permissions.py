"""Who may do what with indicators: one place, read by pages, the API and the actions."""

from sifa.core.roles import has_capability


def can_view(user) -> bool:
    return has_capability(user, "view_dashboard")


def can_manage_baselines(user) -> bool:
    """Entering figures copied from old reports is data entry: staff who view dashboards and write records."""
    return can_view(user) and has_capability(user, "write_records")
