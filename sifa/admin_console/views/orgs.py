from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core import actions as core_actions
from sifa.core.access import orgs_within_reach

from .. import access
from ..access import capability_required
from ..forms import OrgUnitForm
from .common import parse_flag, run_action

MAX_INDENT = 8


@require_GET
@capability_required("manage_orgs")
def org_list(request):
    orgs = orgs_within_reach(request.user).select_related("division", "parent").annotate(
        active_users=Count("users", filter=Q(users__is_active=True)))
    root_depth = request.user.org.depth if request.user.org_id else 0
    rows = [{"org": org, "indent": min(org.depth - root_depth, MAX_INDENT)} for org in orgs]
    return render(request, "admin_console/org_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@capability_required("manage_orgs")
def org_create(request):
    initial = {}
    parent = orgs_within_reach(request.user).filter(pk=request.GET.get("parent") or None, active=True).first()
    if parent is not None:
        initial = {"parent": parent.pk, "division": parent.division_id}
    form = OrgUnitForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        org = form.submit(request.user)
        if org is not None:
            messages.success(request, f"已新建机构“{org.name}”。")
            return redirect("admin_console:org_list")
    return render(request, "admin_console/org_form.html", {"form": form, "org": None})


@require_http_methods(["GET", "POST"])
@capability_required("manage_orgs")
def org_edit(request, pk):
    org = access.get_in_scope_or_404(request, orgs_within_reach(request.user), pk)
    form = OrgUnitForm(request.POST or None, actor=request.user, instance=org)
    if request.method == "POST" and form.is_valid():
        if form.submit(request.user) is not None:
            messages.success(request, f"已保存机构“{org.name}”。")
            return redirect("admin_console:org_list")
    return render(request, "admin_console/org_form.html", {"form": form, "org": org})


@require_POST
@capability_required("manage_orgs")
def org_set_active(request, pk):
    org = access.get_in_scope_or_404(request, orgs_within_reach(request.user), pk)
    active = parse_flag(request.POST.get("active"))
    if active is None:
        messages.error(request, "请求无效：未指明启用还是停用。")
    else:
        run_action(request, f"已{'启用' if active else '停用'}机构“{org.name}”。",
                   core_actions.set_org_unit_active, org, active)
    return redirect("admin_console:org_edit", pk=org.pk)
