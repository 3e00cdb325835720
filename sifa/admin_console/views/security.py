from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core import actions as core_actions
from sifa.core.access import orgs_within_reach

from .. import access
from ..access import capability_required
from ..forms import RoleChangeForm, RoleDecisionForm
from ..lockouts import lockouts_of
from ..models import RoleRequest, RoleRequestStatus
from .common import run_action
from .users import filtered_users

HISTORY_LENGTH = 20


def _requests_in_scope(user):
    return RoleRequest.objects.filter(user__org__in=orgs_within_reach(user)).select_related(
        "user", "user__org", "requested_by", "decided_by")


@require_GET
@capability_required("manage_roles")
def role_list(request):
    filters, page, locked = filtered_users(request)
    requests = _requests_in_scope(request.user)
    return render(request, "admin_console/role_list.html", {
        "filters": filters, "page": page, "locked": locked,
        "pending": requests.filter(status=RoleRequestStatus.PENDING).order_by("id"),
        "history": requests.exclude(status=RoleRequestStatus.PENDING)[:HISTORY_LENGTH],
    })


@require_http_methods(["GET", "POST"])
@capability_required("manage_roles")
def role_change(request, pk):
    account = access.get_in_scope_or_404(request, access.users_in_scope(request.user), pk)
    is_self = account.pk == request.user.pk
    form = None if is_self else RoleChangeForm(request.POST or None, instance=account, propose=False)
    if request.method == "POST":
        if form is None:
            messages.error(request, "不能变更本人的角色。")
            return redirect("admin_console:role_change", pk=account.pk)
        if form.is_valid() and form.submit(request.user) is not None:
            messages.success(request, f"已将账号“{account.username}”的角色变更为“{account.get_role_display()}”。")
            return redirect("admin_console:role_list")
    return render(request, "admin_console/role_change.html", {"account": account, "form": form,
                                                                "is_self": is_self})


@require_POST
@capability_required("manage_roles")
def role_decide(request, pk):
    role_request = access.get_in_scope_or_404(request, _requests_in_scope(request.user), pk)
    form = RoleDecisionForm(request.POST, instance=role_request)
    if form.is_valid() and form.submit(request.user) is not None:
        verb = "批准" if form.cleaned_data["decision"] == "approve" else "驳回"
        messages.success(request, f"已{verb}账号“{role_request.user.username}”的角色变更申请。")
    else:
        messages.error(request, "审核未完成：" + "；".join(
            str(e) for errors in form.errors.values() for e in errors))
    return redirect("admin_console:role_list")


@require_GET
@capability_required("unlock_accounts")
def lockout_list(request):
    return render(request, "admin_console/lockout_list.html",
                  {"lockouts": lockouts_of(access.users_in_scope(request.user))})


@require_POST
@capability_required("unlock_accounts")
def lockout_unlock(request, pk):
    account = access.get_in_scope_or_404(request, access.users_in_scope(request.user), pk)
    run_action(request, f"已解除账号“{account.username}”的登录锁定。", core_actions.unlock_account, account)
    return redirect("admin_console:lockout_list")
