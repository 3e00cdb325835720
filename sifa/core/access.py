"""One vocabulary for access: which org units a user reaches, which records they read, and how a refusal looks.

    reaches(user, org)              the one "may this user reach this org unit" check: `org` is their own unit or
                                    lies below it
    orgs_within_reach(user)         those org units, as a queryset (narrow it: `.filter(active=True)`…)
    records_for(queryset, user)     what `ScopedModel.objects.for_user(user)` returns: the records of the user's
                                    org subtree, or assigned to them by name
    assigned_to(queryset, user)     only those assigned to them by name
    refuse(...) / record_denial(...) the refusal: always 404 (an existing record and a missing one look alike),
                                    and a "denied" audit row when something that exists was refused
    forbid(model, reason)           a page the role may not open at all: the denied row, then 403

Data scope is the org subtree **or** an explicit assignment. A 法律援助 case belongs to the aid centre, yet the
lawyer it is assigned to — whose account sits in a law firm — must open it from their notification, their list
and their home page; a lawyer it is not assigned to (same firm or another) must not. A line says which relation
grants access by naming it on the model, a lookup path from the record to the user:

    class Application(ScopedModel):
        assignee_fields = (Assignee("assignments__provider__user", assignments__active=True),)

    class LegalHelp(ScopedModel):
        assignee_fields = ("provider__user",)

and `for_user` does the rest; the scope matrix (tests/test_scope_matrix.py) proves both directions.
"""

from __future__ import annotations

from typing import NoReturn

from django.db.models import Q, QuerySet
from django.http import Http404

from .models.orgs import OrgUnit

NOT_FOUND = "记录不存在或您无权查看。"


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


# --- org units --------------------------------------------------------------------------------------------------

def reaches(user, org) -> bool:
    """Whether `org` lies in the user's own subtree (their unit or one below it). Capabilities are a separate
    question (`roles.may`, `roles.has_capability`): this only answers "is it theirs"."""
    return bool(org is not None and _active(user) and getattr(user, "org_id", None)
                and org.path.startswith(user.org.path))


def orgs_within_reach(user) -> QuerySet:
    """The org units of the user's subtree, in tree order; none for an anonymous or inactive user, or one
    without an org unit."""
    if not _active(user) or not getattr(user, "org_id", None):
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=user.org.path).order_by("path")


# --- records ----------------------------------------------------------------------------------------------------

class Assignee:
    """A relation naming the user a record is assigned to: `path` leads from the record to a core.User, and
    `conditions` narrow along the same relation (only an assignment still in force grants access)."""

    def __init__(self, path: str, **conditions):
        self.path = path
        self.conditions = conditions

    def __repr__(self):
        return f"Assignee({self.path!r}, **{self.conditions!r})"


def assignees_of(model) -> list[Assignee]:
    return [a if isinstance(a, Assignee) else Assignee(a) for a in getattr(model, "assignee_fields", ())]


def assignment_filter(model, user) -> Q | None:
    """`pk IN (the records assigned to the user)`, or None when nothing is (or the model declares no relation).

    The ids are read first, one small indexed query, rather than OR-ing a subquery into every scoped query: for
    the staff of the owning unit, who are assigned nothing, the query stays the plain indexed prefix query it
    always was (an `OR id IN (subquery)` would turn a large table's index scan into a full scan)."""
    ids: set = set()
    for a in assignees_of(model):
        ids.update(model._base_manager.filter(**{a.path: user}, **a.conditions).values_list("pk", flat=True))
    return Q(pk__in=sorted(ids)) if ids else None


def line_of(model) -> str:
    """The line whose row of `roles.LINE_VERBS` governs the model: its `access_line`, else its app label."""
    return getattr(model, "access_line", "") or model._meta.app_label


def may_read(user, model) -> bool:
    from .roles import may

    return _active(user) and getattr(user, "org_id", None) is not None and may(user, "read", line_of(model))


def records_for(queryset: QuerySet, user) -> QuerySet:
    """The records of `queryset` the user may read: those of their org subtree (or of the subtree the line's
    queryset says the role covers, `reach_filter`) and those assigned to them by name. Nothing for anonymous
    users and for roles the line does not let read — the 三员 administrators read no case records at all."""
    if not may_read(user, queryset.model):
        return queryset.none()
    reach = queryset.reach_filter(user) if hasattr(queryset, "reach_filter") else Q(
        org_path__startswith=user.org.path)
    assigned = assignment_filter(queryset.model, user)
    if reach is None and assigned is None:
        return queryset.none()
    if reach is None:
        return queryset.filter(assigned)
    return queryset.filter(reach if assigned is None else reach | assigned)


def install() -> None:
    """Make `records_for` the policy behind every `Model.objects.for_user(user)` (called when the core app is
    ready)."""
    from .models.scope import ScopedQuerySet

    ScopedQuerySet.read_policy = staticmethod(records_for)


def assigned_to(queryset: QuerySet, user) -> QuerySet:
    """Only the records assigned to the user by name (a lawyer's 我承办的案件), whatever unit owns them."""
    assigned = assignment_filter(queryset.model, user)
    if assigned is None or not may_read(user, queryset.model):
        return queryset.none()
    return queryset.filter(assigned)


# --- refusals ---------------------------------------------------------------------------------------------------

def record_denial(request=None, *, user=None, object_type: str = "", object_id="", reason: str = "",
                  verb: str = "") -> None:
    """The "denied" audit row of a refusal (SECURITY.md B1): who, what, and the request that asked."""
    from . import audit
    from .models.audit import AuditEventType

    method = getattr(request, "method", "") or ""
    where = f"{method} {getattr(request, 'path', '')}".strip()
    if user is None and request is not None:
        user = getattr(request, "auth", None) or getattr(request, "user", None)
    reason = reason or "记录不在本人数据范围内"
    audit.record(AuditEventType.DENIED, user=user if _active(user) else None, object_type=object_type[:100],
                 object_id=str(object_id)[:64], verb=(verb or method or "查看")[:50], outcome="denied",
                 reason=(f"{reason}（{where}）" if where else reason)[:500])


def forbid(model, reason: str, message: str = "您的角色无权访问此页面。") -> NoReturn:
    """A page the role may not open at all (not a record out of scope): a denied row naming what was asked for
    and why, then 403 with `message`."""
    from django.core.exceptions import PermissionDenied

    from . import audit
    from .models.audit import AuditEventType

    audit.record(AuditEventType.DENIED, object_type=model._meta.label_lower, verb="访问", outcome="failure",
                 reason=reason)
    raise PermissionDenied(message)


def refused_object(request, view_kwargs: dict) -> dict:
    """What a page refused, for its denied row: the record named in the URL (`pk`), else the org unit asked for
    (`?org=`, the figures pages)."""
    if view_kwargs.get("pk") is not None:
        return {"object_type": "", "object_id": view_kwargs["pk"]}
    return {"object_type": "core.orgunit", "object_id": request.GET.get("org", "")}


def refuse(request=None, *, user=None, object_type: str = "", object_id="", reason: str = "", verb: str = "",
           message: str = NOT_FOUND) -> NoReturn:
    """Write the denied row and answer 404 — never 403 for a record, so ids of other units cannot be probed."""
    record_denial(request, user=user, object_type=object_type, object_id=object_id, reason=reason, verb=verb)
    raise Http404(message)
