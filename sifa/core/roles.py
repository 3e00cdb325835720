"""What each role may do: one table of roles × lines × verbs, read by the scope layer, the views and the API.

`CAPABILITIES` says what a role may do anywhere (read case records, import, manage accounts…). A business line
whose records only some roles may touch — criminal records in 社区矫正, a prisoner's relatives in 远程会见 —
narrows that in `LINE_VERBS`: for such a line only the roles listed there hold the verbs listed. A line that is
not in `LINE_VERBS` follows `CAPABILITIES` (read = read_records, write = write_records, approve = approve).

    has_capability(user, "export")            the platform-wide capability
    may(user, "write", "corrections")         the verb on one line's records
    roles_that_may("read", "visits")          the roles holding it (for notifying, picking workers…)
"""

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

VERBS = ("read", "write", "approve")
VERB_CAPABILITY = {"read": "read_records", "write": "write_records", "approve": "approve"}

# Lines whose records only some roles may touch: line → role → verbs.
LINE_VERBS: dict[str, dict[str, frozenset[str]]] = {
    # 社区矫正、安置帮教 (and the 智慧矫正 lines built on it): criminal-record data, read by the officers who do
    # the work and the 局领导 who approve (《社区矫正法》第二十九条), nobody else whatever their org.
    "corrections": {
        Role.CORRECTIONS_OFFICER: frozenset({"read", "write"}),
        Role.LEADER: frozenset({"read", "approve"}),
    },
    # 远程会见预约: a booking says someone's relative is in prison; only the staff who run bookings see them.
    "visits": {
        Role.OFFICE_STAFF: frozenset({"read", "write"}),
        Role.SECTION_STAFF: frozenset({"read", "write"}),
        Role.CORRECTIONS_OFFICER: frozenset({"read", "write"}),
        Role.LEADER: frozenset({"read"}),
    },
}


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def has_capability(user, capability: str) -> bool:
    if not _active(user):
        return False
    return capability in CAPABILITIES.get(user.role, set())


def role_may(role: str, verb: str, line: str = "") -> bool:
    """The table itself: whether `role` holds `verb` on `line`'s records ("" = any line without rows of its own)."""
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}; one of {VERBS}")
    if line in LINE_VERBS:
        return verb in LINE_VERBS[line].get(role, frozenset())
    return VERB_CAPABILITY[verb] in CAPABILITIES.get(role, set())


def may(user, verb: str, line: str = "") -> bool:
    """Whether an active user's role holds `verb` ("read", "write", "approve") on `line`'s records."""
    return _active(user) and role_may(user.role, verb, line)


def roles_that_may(verb: str, line: str = "") -> frozenset[str]:
    return frozenset(role for role in Role.values if role_may(role, verb, line))


def can_read_case_records(user) -> bool:
    return has_capability(user, "read_records")


# Tools (pages) only some roles use, whatever records their scope reaches: a URL name, or a prefix of URL names
# ("notary:" is every page of the notary line), → the roles that may open them. The longest matching prefix
# decides; a page no row names is open to every role its own checks admit. Navigation hides what a role may not
# use (core.navigation) and the pages answer 403 (core.middleware.ToolGuardMiddleware), from this one table.
_BUREAU = frozenset({Role.LEADER, Role.SECTION_STAFF, Role.OFFICE_STAFF})
TOOL_ROLES: dict[str, frozenset[str]] = {
    # 公证: the 公证处 and the bureau that supervises it — not a mediator, a lawyer or a corrections officer.
    "notary:": _BUREAU,
    # 人民调解: the 司法所 and the committees' mediators; 矛盾纠纷排查 is the 司法所's own work.
    "mediation:": _BUREAU | {Role.MEDIATOR},
    "mediation:screening": _BUREAU,
    # 法律援助: the centre and the lawyers assigned its cases; 补贴与经济困难标准 is the centre's.
    "legalaid:": _BUREAU | {Role.LAWYER},
    "legalaid:settings": _BUREAU,
    # 行政复议、行政应诉: the bureau's own legal affairs.
    "reconsideration:": _BUREAU,
    "litigation:": _BUREAU,
    # 法治督察与述法: the 依法治县办's work in the bureau and the 司法所 that assist it.
    "inspection:": _BUREAU,
    # 队伍建设: the bureau's own education and rectification.
    "team:": _BUREAU,
    # 法搜: everyone searches; publishing answers is the bureau's.
    "lawsearch:publish": _BUREAU,
}


def tool_rule(url_name: str) -> frozenset[str] | None:
    """The roles that may open the page named `url_name` ("namespace:name"), or None when no row names it."""
    best = ""
    for prefix in TOOL_ROLES:
        if url_name.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return TOOL_ROLES[best] if best else None


def may_use(user, url_name: str) -> bool:
    """Whether `user`'s role may open the page named `url_name` (TOOL_ROLES); pages no row names: True."""
    roles = tool_rule(url_name)
    return roles is None or (_active(user) and user.role in roles)
