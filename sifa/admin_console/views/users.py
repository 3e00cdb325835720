from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core import actions as core_actions

from .. import access
from ..access import capability_required
from ..forms import PasswordResetForm, RoleChangeForm, UserCreateForm, UserEditForm, UserFilterForm
from ..lockouts import locked_usernames
from ..models import RoleRequest, RoleRequestStatus
from .common import paginate, parse_flag, run_action


def filtered_users(request):
    """The scoped account list with the page's search and filters: shared by 用户管理 and 角色分配."""
    filters = UserFilterForm(request.GET or None, actor=request.user)
    users = filters.filter(access.users_in_scope(request.user)).order_by("org__path", "username")
    page = paginate(request, users)
    locked = locked_usernames(u.username for u in page)
    return filters, page, locked


def _issued(request, user, password, what: str):
    """The one page that ever shows a generated password; it is not stored anywhere in clear."""
    return render(request, "admin_console/password_issued.html", {"account": user, "password": password,
                                                                    "what": what})


@require_GET
@capability_required("manage_users")
def user_list(request):
    filters, page, locked = filtered_users(request)
    return render(request, "admin_console/user_list.html", {"filters": filters, "page": page, "locked": locked})


@require_http_methods(["GET", "POST"])
@capability_required("manage_users")
def user_create(request):
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        result = form.submit(request.user)
        if result is not None:
            user, password = result
            if password:
                return _issued(request, user, password, "新建账号")
            messages.success(request, f"已新建账号“{user.username}”，首次登录须修改密码。")
            return redirect("admin_console:user_list")
    return render(request, "admin_console/user_create.html", {"form": form})


def _account(request, pk):
    return access.get_in_scope_or_404(request, access.users_in_scope(request.user), pk)


@require_http_methods(["GET", "POST"])
@capability_required("manage_users")
def user_edit(request, pk):
    account = _account(request, pk)
    refusal = core_actions.account_management_refusal(request.user, account)
    form = None if refusal else UserEditForm(request.POST or None, actor=request.user, instance=account)
    if request.method == "POST":
        if form is None:
            messages.error(request, refusal)
            return redirect("admin_console:user_edit", pk=account.pk)
        if form.is_valid() and form.submit(request.user) is not None:
            messages.success(request, f"已保存账号“{account.username}”。")
            return redirect("admin_console:user_list")
    pending = RoleRequest.objects.filter(user=account, status=RoleRequestStatus.PENDING).first()
    return render(request, "admin_console/user_edit.html", {
        "account": account, "form": form, "refusal": refusal, "pending": pending,
        "role_form": None if pending or account.pk == request.user.pk else
        RoleChangeForm(instance=account, propose=True),
    })


@require_POST
@capability_required("manage_users")
def user_set_active(request, pk):
    account = _account(request, pk)
    active = parse_flag(request.POST.get("active"))
    if active is None:
        messages.error(request, "请求无效：未指明启用还是停用。")
    else:
        run_action(request, f"已{'启用' if active else '停用'}账号“{account.username}”。",
                   core_actions.set_user_active, account, active)
    return redirect("admin_console:user_edit", pk=account.pk)


@require_http_methods(["GET", "POST"])
@capability_required("manage_users")
def user_password(request, pk):
    account = _account(request, pk)
    refusal = core_actions.account_management_refusal(request.user, account)
    if refusal:
        messages.error(request, refusal)
        return redirect("admin_console:user_edit", pk=account.pk)
    form = PasswordResetForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        result = form.submit(request.user)
        if result is not None:
            _, password = result
            if password:
                return _issued(request, account, password, "重置密码")
            messages.success(request, f"已重置账号“{account.username}”的密码，下次登录须修改。")
            return redirect("admin_console:user_edit", pk=account.pk)
    return render(request, "admin_console/user_password.html", {"account": account, "form": form})


@require_POST
@capability_required("manage_users")
def user_propose_role(request, pk):
    account = _account(request, pk)
    form = RoleChangeForm(request.POST, instance=account, propose=True)
    if form.is_valid() and form.submit(request.user) is not None:
        messages.success(request, f"已提交账号“{account.username}”的角色变更申请，待安全管理员审核。")
        return redirect("admin_console:user_edit", pk=account.pk)
    refusal = core_actions.account_management_refusal(request.user, account)
    return render(request, "admin_console/user_edit.html", {
        "account": account, "refusal": refusal, "role_form": form, "pending": None,
        "form": None if refusal else UserEditForm(actor=request.user, instance=account),
    })
