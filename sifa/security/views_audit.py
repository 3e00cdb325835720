"""The audit-log pages of the 审计管理员: search, one event, export. Read-only by construction: any other
method than GET is refused with 403 and audited (SECURITY.md B2)."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sifa.core.models.audit import AuditEvent
from sifa.core.roles import has_capability

from . import audit_log, xlsx
from .denial import deny
from .forms import AuditSearchForm

PAGE_SIZE = 50


def audit_reader(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_capability(request.user, "read_audit"):
            return deny(request, status=403, object_type=AuditEvent._meta.label_lower,
                        message="只有审计管理员可以查看审计日志。")
        if request.method not in ("GET", "HEAD"):
            return deny(request, status=403, object_type=AuditEvent._meta.label_lower,
                        message="审计日志只读，不能修改或删除。")
        return view(request, *args, **kwargs)

    return wrapped


def _form(request) -> AuditSearchForm:
    data = request.GET.copy()
    data.pop("page", None)
    return AuditSearchForm(data or None)


@audit_reader
def audit_search(request):
    form = _form(request)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and form.errors:
        return render(request, "core/audit/search.html", {"form": form, "page": None}, status=400)
    page = Paginator(audit_log.search(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit/search.html", {
        "form": form, "page": page, "rows": audit_log.present(page.object_list), "query": query.urlencode(),
    })


@audit_reader
def audit_export(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(request, "core/audit/search.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    try:
        content, _ = audit_log.export(request.user, filters, form.active_filters() if form.is_bound else {})
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('security:audit_search')}?{request.GET.urlencode()}")
    return xlsx.xlsx_response(f"审计日志_{timezone.localdate():%Y%m%d}.xlsx", content)


@audit_reader
def audit_detail(request, pk: int):
    event = get_object_or_404(AuditEvent, pk=pk)
    return render(request, "core/audit/detail.html", {"row": audit_log.present([event])[0]})
