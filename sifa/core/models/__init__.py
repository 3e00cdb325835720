from .accounts import ApiToken, PasswordHistory, Role, User
from .audit import AuditEvent, AuditSeal
from .calendar import HolidaySchedule
from .jobs import Job
from .notifications import Notification
from .numbering import CaseNumberCounter
from .orgs import Division, OrgKind, OrgUnit, Population
from .scope import ScopedModel, ScopedQuerySet

__all__ = [
    "ApiToken", "AuditEvent", "AuditSeal", "CaseNumberCounter", "Division", "HolidaySchedule", "Job", "Notification", "OrgKind", "OrgUnit",
    "PasswordHistory", "Population", "Role", "ScopedModel", "ScopedQuerySet", "User",
]
