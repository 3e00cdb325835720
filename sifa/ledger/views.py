"""Pages of the ledger: pick a kind, download its template, upload a filled one, read the result."""

import io
import tempfile

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sifa.core.access import orgs_within_reach, refuse
from sifa.core.models import OrgUnit

from . import registry
from .error_report import write_error_report
from .exporter import export_filename, export_kind, xlsx_response
from .forms import ImportForm
from .importer import import_file
from .models import ImportRun
from .template import build_template

RESULT_ROWS_ON_PAGE = 200


def _kind(code: str) -> registry.RecordKind:
    try:
        return registry.get(code)
    except registry.UnknownKind:
        raise Http404("没有这种台账。")


def _index_context(user, bound: dict | None = None) -> dict:
    importable = registry.importable_by(user)
    exportable = registry.exportable_by(user)
    if not importable and not exportable:
        raise PermissionDenied("您没有导入或导出台账的权限。")
    bound = bound or {}
    sections = [{"kind": k, "form": bound.get(k.code) or ImportForm(user=user, prefix=k.code),
                 "can_import": k in importable, "can_export": k in exportable}
                for k in registry.kinds() if k in importable or k in exportable]
    return {"sections": sections, "export_orgs": orgs_within_reach(user).filter(active=True),
            "runs": ImportRun.objects.filter(user=user).select_related("org")[:10]}


@require_GET
def index(request):
    return render(request, "ledger/index.html", _index_context(request.user))


@require_GET
def template_download(request, kind):
    kind = _kind(kind)
    if not (kind.can_import(request.user) or kind.can_export(request.user)):
        raise PermissionDenied("您没有使用该台账的权限。")
    buffer = io.BytesIO()
    build_template(kind, buffer)
    return xlsx_response(buffer, f"{kind.name}导入模板.xlsx")


@require_POST
def import_upload(request, kind):
    kind = _kind(kind)
    if not kind.can_import(request.user):
        raise PermissionDenied(f"您没有导入“{kind.name}”的权限。")
    form = ImportForm(request.POST, request.FILES, user=request.user, prefix=kind.code)
    upload = request.FILES.get(f"{kind.code}-file")
    try:
        if not form.is_valid():
            context = _index_context(request.user, {kind.code: form})
            return render(request, "ledger/index.html", context, status=400)
        result = import_file(kind, upload, org=form.cleaned_data["org"], user=request.user,
                             dry_run=form.cleaned_data["dry_run"], filename=upload.name)
    finally:
        if upload is not None:
            upload.close()   # a large upload's temporary file is removed now, not at the end of the request
    return redirect("ledger:run", pk=result.run.pk)


def _own_run(request, pk) -> ImportRun:
    run = get_object_or_404(ImportRun.objects.select_related("org"), pk=pk)
    if run.user_id != request.user.pk:
        refuse(request, object_type="ledger.importrun", object_id=pk)  # looks like a missing one, audited
    return run


@require_GET
def run_detail(request, pk):
    run = _own_run(request, pk)
    return render(request, "ledger/run.html", {"run": run, "errors": run.errors[:RESULT_ROWS_ON_PAGE],
                                               "more_errors": len(run.errors) > RESULT_ROWS_ON_PAGE})


@require_GET
def run_errors(request, pk):
    run = _own_run(request, pk)
    tmp = tempfile.TemporaryFile()
    write_error_report(run.errors, tmp)
    return xlsx_response(tmp, f"{run.kind_name}导入错误报告_{run.pk}.xlsx")


@require_GET
def export_download(request, kind):
    kind = _kind(kind)
    code = request.GET.get("org") or (request.user.org.code if request.user.org_id else "")
    org = OrgUnit.objects.filter(code=code).first()
    if org is None:
        raise Http404("机构不存在。")
    if not registry.org_in_scope(request.user, org):
        refuse(request, object_type="core.orgunit", object_id=org.pk)
    tmp = tempfile.TemporaryFile()
    try:
        export_kind(kind, request.user, org, tmp)   # PermissionDenied for a kind or unit out of reach
    except BaseException:
        tmp.close()
        raise
    return xlsx_response(tmp, export_filename(kind, org))
