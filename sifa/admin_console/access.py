"""Who may open which console page, and what lies in an administrator's reach: the subtree of their own org unit
(`sifa.core.access.orgs_within_reach`, the one definition of it).

A page the role may not use answers 403; an object outside the subtree answers 404, exactly as one that does not
exist (`sifa.core.access.refuse`), and both leave a "denied" row in the audit log (SECURITY.md B1)."""

from functools import wraps

from django.shortcuts import render

from sifa.core.access import orgs_within_reach, record_denial, refuse
from sifa.core.models import Division, User
from sifa.core.roles import has_capability


def capability_required(capability: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                record_denial(request, reason=f"缺少权限“{capability}”", verb="越权访问")
                return render(request, "admin_console/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_in_scope_or_404(request, queryset, pk):
    """The object `pk` of a scoped queryset, or 404 with an audit row when it is missing or out of reach."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        refuse(request, object_type=queryset.model._meta.label_lower, object_id=pk, verb="越权访问",
               reason="对象不存在或不在管理范围内", message="对象不存在或不在您的管理范围内。")
    return obj


def users_in_scope(user):
    return User.objects.filter(org__in=orgs_within_reach(user), is_superuser=False).select_related("org")


def divisions_in_scope(user, levels=None):
    """The division of the admin's org unit and every division under it, optionally only some levels."""
    if not user.org_id:
        return Division.objects.none()
    divisions = Division.objects.filter(code__startswith=user.org.division_id)
    return divisions.filter(level__in=levels) if levels else divisions
