"""机构: the org units of the user's own subtree, read-only, on the shared list/detail machinery."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from . import access, jobs
from .listing import ChoiceFilter, Column, OrgFilter, RecordDetailView, RecordListView
from .models.orgs import OrgUnit
from .org_directory import ORG_CAPABILITIES, ORG_COLUMNS
from .roles import has_capability


class OrgScope:
    model = OrgUnit
    capabilities = ORG_CAPABILITIES

    def scope_queryset(self, request):
        # OrgUnit is the tree itself, not a ScopedModel: its scope is the user's subtree by path prefix.
        return access.orgs_within_reach(request.user).select_related("division", "parent")


class OrgUnitList(OrgScope, RecordListView):
    title = "机构"
    columns = ORG_COLUMNS
    search_fields = ("name", "code", "address")
    search_placeholder = "机构名称、代码或地址"
    filters = (ChoiceFilter("kind"), OrgFilter("上级机构（含下级）", path_field="path"), ChoiceFilter("active"))
    default_sort = ("path",)
    detail_url_name = "core:org_detail"
    template_name = "core/org_list.html"


class OrgUnitDetail(OrgScope, RecordDetailView):
    fields = (*ORG_COLUMNS[:3], Column("division", "所在区划"), Column("parent__name", "上级机构"),
              Column("credit_code"), Column("address"), Column("phone"), Column("active"))
    list_url_name = "core:org_list"
    template_name = "core/org_detail.html"

    def extra_context(self, request, obj) -> dict:
        return {"children": obj.children.order_by("path")}


@require_POST
def org_directory_job(request):
    if not any(has_capability(request.user, c) for c in ORG_CAPABILITIES):
        raise PermissionDenied("您的角色无权导出机构名录。")
    job = jobs.submit("机构名录导出", "sifa.core.tasks.org_directory", {}, request.user)
    return redirect("core:job_detail", job.pk)
