"""The one way handlers reach records, so no route filters by hand.

    scoped(request, Model)               the records the caller may see (a queryset)
    get_scoped_or_404(request, Model, pk) one of them, or 404 — and a "denied" audit row when the record exists
                                          but lies outside the caller's scope (SECURITY.md B1)
    require_capability(request, "manage_orgs")   403 unless the caller's role holds the capability

Business records (ScopedModel subclasses) are scoped by their org subtree through `objects.for_user`. Platform
models that are not ScopedModel declare their rule here with `scope_rule`; a model without a rule cannot be
reached through these helpers at all, so forgetting to scope is an error rather than a leak. The helpers work
for API handlers (`request.auth`) and plain views (`request.user`) alike."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet

from sifa.core import access, listing
from sifa.core.models import ApiToken, Division, Job, Notification, OrgUnit, Population, ScopedModel
from sifa.core.roles import has_capability

from .auth import acting_user

CAPABILITY_LABELS = {
    "read_records": "查阅业务记录", "write_records": "办理业务", "view_dashboard": "查看统计", "view_reports": "查看报告",
    "approve": "审批", "import": "导入", "export": "导出", "unmask": "查看未脱敏信息", "read_tracks": "查看行踪轨迹",
    "manage_orgs": "机构管理", "manage_users": "账号管理", "manage_config": "参数配置", "manage_jobs": "任务管理",
    "manage_security": "安全管理", "manage_roles": "角色管理", "unlock_accounts": "解锁账号", "read_audit": "查阅审计日志",
}

_rules: dict[type[Model], Callable[[QuerySet, object], QuerySet]] = {}


def scope_rule(model: type[Model]):
    """Declare how a non-ScopedModel is scoped: a function (queryset, user) → queryset."""

    def decorator(func):
        _rules[model] = func
        return func

    return decorator


@scope_rule(OrgUnit)
def _org_units(qs, user):
    """The caller's own subtree, for staff who work with records or administer the tree."""
    if not (has_capability(user, "read_records") or has_capability(user, "manage_orgs")):
        return qs.none()
    return qs & access.orgs_within_reach(user)


@scope_rule(Notification)
def _own_notifications(qs, user):
    return qs.filter(user=user)


@scope_rule(Job)
def _own_jobs(qs, user):
    return qs.filter(user=user)


@scope_rule(ApiToken)
def _own_tokens(qs, user):
    return qs.filter(user=user)


@scope_rule(Division)
def _divisions(qs, user):
    return qs  # public reference data (GB/T 2260)


@scope_rule(Population)
def _population(qs, user):
    return qs  # published statistics


def _is_staff_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def scoped(request, model: type[Model]) -> QuerySet:
    user = acting_user(request)
    if issubclass(model, ScopedModel):
        return model.objects.for_user(user)
    rule = _rules.get(model)
    if rule is None:
        raise ImproperlyConfigured(f"{model._meta.label} 未声明数据范围：请继承 ScopedModel 或用 scope_rule 声明。")
    if not _is_staff_user(user):
        return model.objects.none()
    return rule(model._default_manager.all(), user)


def get_scoped_or_404(request, model: type[Model], pk, *, select_related: tuple[str, ...] = (),
                      field: str = "pk"):
    """The record `pk` (or the one whose `field` equals it) if it is in the caller's scope; otherwise 404.

    One implementation for pages and the API (`sifa.core.listing.get_scoped_or_404`): a record that exists but
    lies outside the scope is logged as a denied access; the answer is the same 404 either way, so ids of other
    offices cannot be probed."""
    queryset = scoped(request, model)
    if select_related:
        queryset = queryset.select_related(*select_related)
    user = acting_user(request)
    method = getattr(request, "method", "")
    return listing.get_scoped_or_404(queryset, model, pk, verb=method or "查看", field=field,
                                     user=user if _is_staff_user(user) else None,
                                     where=f"{method} {getattr(request, 'path', '')}".strip())


def require_capability(request, capability: str) -> None:
    if not has_capability(acting_user(request), capability):
        label = CAPABILITY_LABELS.get(capability, capability)
        raise PermissionDenied(f"您没有执行此操作的权限（需要“{label}”权限）。")
