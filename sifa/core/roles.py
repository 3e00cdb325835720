"""What each role may do. One place, read by the scope layer, the views and the API alike."""

from .models.accounts import Role

ADMIN_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}

# Capabilities per role. 三员分立: the three administrator sets are pairwise disjoint and none reads case records.
CAPABILITIES: dict[str, set[str]] = {
    Role.LEADER: {"read_records", "view_dashboard", "view_reports", "approve"},
    Role.SECTION_STAFF: {"read_records", "write_records", "view_dashboard", "view_reports", "import", "export",
                         "unmask"},
    Role.OFFICE_STAFF: {"read_records", "write_records", "view_dashboard", "import", "export"},
    Role.MEDIATOR: {"read_records", "write_records"},
    Role.CORRECTIONS_OFFICER: {"read_records", "write_records", "view_dashboard", "import", "export", "unmask",
                               "read_tracks"},
    Role.LAWYER: {"read_records", "write_records"},
    Role.SYSTEM_ADMIN: {"manage_orgs", "manage_users", "manage_config", "manage_jobs"},
    Role.SECURITY_ADMIN: {"manage_security", "manage_roles", "unlock_accounts"},
    Role.AUDIT_ADMIN: {"read_audit"},
}


def has_capability(user, capability: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return capability in CAPABILITIES.get(user.role, set())


def can_read_case_records(user) -> bool:
    return has_capability(user, "read_records")
