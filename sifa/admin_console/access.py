"""Who may open which console page, and what lies in an administrator's reach: the subtree of their own org unit.

A page the role may not use answers 403; an object outside the subtree answers 404, exactly as one that does not
exist, and both leave a "denied" row in the audit log (SECURITY.md B1)."""

from functools import wraps

from django.http import Http404
from django.shortcuts import render

from sifa.core import audit
from sifa.core.models import Division, OrgUnit, User
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import has_capability


def _record_denial(request, reason: str, object_type: str = "", object_id: str = "") -> None:
    audit.record(AuditEventType.DENIED, user=request.user, verb="越权访问", outcome="denied",
                 object_type=object_type, object_id=object_id,
                 reason=f"{reason}（{request.method} {request.path}）")


def capability_required(capability: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                _record_denial(request, f"缺少权限“{capability}”")
                return render(request, "admin_console/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_in_scope_or_404(request, queryset, pk):
    """The object `pk` of a scoped queryset, or 404 with an audit row when it is missing or out of reach."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        _record_denial(request, "对象不存在或不在管理范围内", object_type=queryset.model._meta.label_lower,
                       object_id=str(pk))
        raise Http404("对象不存在或不在您的管理范围内。")
    return obj


def orgs_in_scope(user):
    if not user.org_id:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=user.org.path).select_related("division", "parent")


def users_in_scope(user):
    if not user.org_id:
        return User.objects.none()
    return User.objects.filter(org__path__startswith=user.org.path, is_superuser=False).select_related("org")


def divisions_in_scope(user, levels=None):
    """The division of the admin's org unit and every division under it, optionally only some levels."""
    if not user.org_id:
        return Division.objects.none()
    divisions = Division.objects.filter(code__startswith=user.org.division_id)
    return divisions.filter(level__in=levels) if levels else divisions
