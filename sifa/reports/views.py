"""Pages: the dashboard (驾驶舱), the work report (preview, the staff-written parts, sentence edits, .docx/.pdf
downloads) and boundary uploads for the map. Thin: read the selection (org within the viewer's scope, period),
call document / dashboard / actions, render. An org outside the viewer's scope answers 404."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core.access import orgs_within_reach, record_denial, refused_object
from sifa.core.models import OrgKind, OrgUnit
from sifa.indicators import selection
from sifa.indicators.errors import IndicatorError, OutOfScope
from sifa.indicators.orgscope import cached_lookup
from sifa.indicators.periods import PERIOD_FORMS_HELP

from . import actions, boundaries, dashboard, document, export_docx, export_pdf, kinds, permissions
from .forms import BoundaryForm, ReportForm, SentenceForm
from .models import Boundary

REPORT_KINDS = (OrgKind.PROVINCE_BUREAU, OrgKind.CITY_BUREAU, OrgKind.COUNTY_BUREAU, OrgKind.JUSTICE_OFFICE)
DOWNLOADS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", export_docx.render),
    "pdf": ("application/pdf", export_pdf.render),
}


def _refuse(request, message: str, status: int = 404):
    return render(request, "reports/refused.html", {"message": message}, status=status)


def _guard(allowed, refusal: str):
    """Role check, then the engine's errors: out of scope → 404 (never reveal the org), other bad input → 400."""
    def decorator(view):
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                return _refuse(request, refusal, status=403)
            try:
                return view(request, *args, **kwargs)
            except OutOfScope as exc:
                record_denial(request, **refused_object(request, kwargs), reason=str(exc))
                return _refuse(request, str(exc))
            except IndicatorError as exc:
                return _refuse(request, str(exc), status=400)
        wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
        return wrapped
    return decorator


dashboard_guard = _guard(permissions.can_view_dashboard, "您的角色不能查看驾驶舱。")
report_guard = _guard(permissions.can_view_report, "您的角色不能查看工作总结。")


CHOICE_DEPTH = 2


def _org_choices(user, selected=None) -> list[tuple[str, str]]:
    """The bureaus and 司法所 of the viewer's subtree down to two levels below the viewer (a province lists its
    cities and counties, not 1,500 司法所), indented by depth, plus the selected unit wherever it is; cached until
    the org tree changes."""
    selected_pk = getattr(selected, "pk", user.org_id)
    return cached_lookup(["core.orgunit"], f"org_choices:{user.org_id}:{selected_pk}",
                         lambda: _compute_org_choices(user, selected))


def _compute_org_choices(user, selected=None) -> list[tuple[str, str]]:
    base = user.org.path.count("/")
    units = orgs_within_reach(user).filter(kind__in=REPORT_KINDS,
                                           path__regex=rf"^([^/]*/){{{base},{base + CHOICE_DEPTH}}}$")
    units = units | OrgUnit.objects.filter(pk__in=[user.org_id, getattr(selected, "pk", user.org_id)])
    return [(code, "　" * (path.count("/") - base) + name)
            for code, name, path in units.order_by("path").values_list("code", "name", "path")]


def default_report_period(today=None) -> str:
    """The half-year most recently ended: reports are written after their period."""
    today = today or timezone.localdate()
    return f"{today.year}H1" if today.month > 6 else f"{today.year - 1}H2"


def _query(sel, as_of=None) -> str:
    params = {"org": sel.org.code, "period": sel.period.key}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    return urlencode(params)


def _as_of(request):
    """(date, error): the as-of date asked for on the report page (?as_of=2021-08-13), or None when not given —
    the 成文日期 saved with the report then decides (document.as_of_date)."""
    value = request.GET.get("as_of", "").strip()
    if not value:
        return None, ""
    try:
        return dt.date.fromisoformat(value), ""
    except ValueError:
        return None, f"数据截至日期“{value[:20]}”不正确：应为 年-月-日，如 2021-08-13。"


# ------------------------------------------------------------------------------------------------ dashboard

@require_GET
@dashboard_guard
def dashboard_page(request):
    """Key figures, monthly trends, the split by township or sub-unit, the map and overdue work of one unit."""
    sel = selection.read(request)
    context = {"sel": sel, "org_choices": _org_choices(request.user, sel.org), "period_help": PERIOD_FORMS_HELP,
               "period_value": sel.period.key if sel.period else request.GET.get("period", "")}
    if not sel.ok:
        return render(request, "reports/dashboard.html", context, status=400)
    data = dashboard.data_for(sel.org, sel.period, user=request.user)
    map_options = [s for s in data.split.get("series", []) if s["map"]]
    chosen = request.GET.get("map", "")
    if chosen and chosen not in {s["code"] for s in map_options}:
        context["map_error"] = f"地图着色指标“{chosen}”不可用，已改用默认指标。"
        chosen = ""
    chosen = chosen or (map_options[0]["code"] if map_options else "")

    def payload():  # called by the template only when the figures' fragment is not cached
        return {**dataclasses.asdict(data), "map_indicator": chosen,
                "map_url": reverse("reports:map_geojson") + "?" + urlencode({"org": sel.org.code})}

    context.update(data=data, payload=payload, map_options=map_options, map_indicator=chosen,
                   split_rows=lambda: dashboard.split_table(data), cache_seconds=dashboard.CACHE_SECONDS,
                   query=_query(sel))
    return render(request, "reports/dashboard.html", context)


@require_GET
@dashboard_guard
def overdue(request):
    """The 超期/临期 block of a dashboard, loaded after the page so a slow line's source never holds it up (and
    as a page of its own without scripts)."""
    sel = selection.read(request)
    if sel.org is None:
        raise OutOfScope("该机构不在您的数据范围内，或不存在。")
    context = {"overdue": dashboard.overdue_for(request.user, sel.org), "org": sel.org}
    template = "reports/_overdue.html" if request.headers.get("HX-Request") else "reports/overdue.html"
    return render(request, template, context)


@require_GET
@dashboard_guard
def map_geojson(request):
    """The boundary the dashboard map draws for an org (its upload, or the packaged outline)."""
    sel = selection.read(request)
    shape = boundaries.map_for(sel.org, dashboard.child_codes(sel.org))
    if not shape.available:
        return JsonResponse({"error": shape.note}, status=404, json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(json.dumps(shape.geojson, ensure_ascii=False, separators=(",", ":")),
                            content_type="application/geo+json; charset=utf-8")
    return response


# ------------------------------------------------------------------------------------------------ report

def _report_context(request, sel, **extra) -> dict:
    context = {"sel": sel, "org_choices": _org_choices(request.user, sel.org), "period_help": PERIOD_FORMS_HELP,
               "period_value": sel.period.key if sel.period else request.GET.get("period", ""),
               "can_edit": permissions.can_edit_report(request.user), "as_of_field": True}
    as_of, as_of_error = _as_of(request)
    context.update(as_of_value=request.GET.get("as_of", "")[:20], as_of_error=as_of_error)
    if sel.ok and not as_of_error:
        doc = document.build(sel.org, sel.period, user=request.user, as_of=as_of)
        stored = doc.stored
        initial = {"version": stored.version if stored else 0, "title": stored.title if stored else "",
                   "signer": stored.signer if stored else "", "signed_on": stored.signed_on if stored else None,
                   "percent_decimals": stored.percent_decimals if stored else 0,
                   "problems": doc.problems.text, "plans": doc.plans.text}
        context.update(doc=doc, query=_query(sel, as_of), report_form=ReportForm(initial=initial))
    context.update(extra)
    return context


@require_GET
@report_guard
def report_page(request):
    """The work report of one unit and period: preview with every figure linked, and the staff-written parts."""
    sel = selection.read(request, default_period=default_report_period())
    context = _report_context(request, sel)
    return render(request, "reports/report.html", context,
                  status=400 if sel.error or context["as_of_error"] else 200)


def _selected(request):
    sel = selection.read(request, default_period=default_report_period())
    if sel.error:
        raise IndicatorError(sel.error)
    return sel


def _edit_refused(request):
    return _refuse(request, "您的角色不能编辑工作总结。", status=403)


@require_POST
@report_guard
def report_save(request):
    sel = _selected(request)
    if not permissions.can_edit_report(request.user):
        return _edit_refused(request)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            actions.save_report(request.user, org=sel.org, period=sel.period, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存。")
            return redirect(reverse("reports:report") + "?" + _query(sel) + "#free-text")
    return render(request, "reports/report.html", _report_context(request, sel, report_form=form), status=400)


@require_POST
@report_guard
def sentence_save(request):
    sel = _selected(request)
    if not permissions.can_edit_report(request.user):
        return _edit_refused(request)
    form = SentenceForm(request.POST)
    key = request.POST.get("key", "")
    if form.is_valid():
        try:
            if request.POST.get("reset"):
                actions.reset_sentence(request.user, org=sel.org, period=sel.period, key=form.cleaned_data["key"])
                messages.success(request, "已恢复系统生成的句子。")
            else:
                actions.save_sentence(request.user, org=sel.org, period=sel.period, **form.cleaned_data)
                messages.success(request, "已保存修改后的句子；其中的数字仍由指标计算。")
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            kind = request.POST.get("kind", "")
            if kind in {k.key for k in kinds.kinds()}:
                back = reverse("reports:kind") + "?" + urlencode({"kind": kind, "org": sel.org.code,
                                                                  "period": sel.period.key})
                return redirect(back + "#" + document.anchor(key))
            return redirect(reverse("reports:report") + "?" + _query(sel) + "#" + document.anchor(key))
    errors = "；".join(e for field in form.errors.values() for e in field)
    context = _report_context(request, sel, sentence_error={"key": key, "text": request.POST.get("text", ""),
                                                            "message": errors})
    return render(request, "reports/report.html", context, status=400)


@require_GET
@report_guard
def report_download(request, fmt: str):
    """The report as .docx (GB/T 9704 layout) or PDF."""
    if fmt not in DOWNLOADS:
        return _refuse(request, "不支持的格式：可下载 docx 或 pdf。")
    sel = _selected(request)
    as_of, as_of_error = _as_of(request)
    if as_of_error:
        return _refuse(request, as_of_error, status=400)
    doc = document.build(sel.org, sel.period, user=request.user, as_of=as_of)
    content_type, render_bytes = DOWNLOADS[fmt]
    payload = render_bytes(doc)
    actions.record_export(request.user, doc, fmt)
    response = HttpResponse(payload, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{doc.title}.{fmt}")
    return response


# ------------------------------------------------------------------------------------------------ boundaries

@require_http_methods(["GET", "POST"])
@dashboard_guard
def boundaries_page(request):
    """Boundary GeoJSON uploaded for the map, per unit of the viewer's subtree, and the upload form."""
    may_edit = permissions.can_manage_boundaries(request.user)
    form = BoundaryForm(_org_choices(request.user), request.POST or None, request.FILES or None,
                        initial={"org": request.user.org.code}) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            return _refuse(request, "您的角色不能上传边界数据。", status=403)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > boundaries.MAX_BYTES:
                form.add_error("file", f"文件过大，不能超过 {boundaries.MAX_BYTES // 1024 // 1024} MB。")
            else:
                try:
                    boundary = actions.upload_boundary(request.user, org=form.cleaned_data["org"],
                                                       name=form.cleaned_data["name"], data=upload.read())
                except ValidationError as exc:
                    form.add_error("file", exc)
                else:
                    messages.success(request, f"已上传“{boundary.name}”：{boundary.feature_count}个区划。")
                    return redirect("reports:boundaries")
    items = Boundary.objects.for_user(request.user).select_related("org", "uploaded_by").defer("geojson")
    return render(request, "reports/boundaries.html",
                  {"form": form, "items": items, "may_edit": may_edit, "max_mb": boundaries.MAX_BYTES // 1024 // 1024,
                   "code_keys": "、".join(boundaries.CODE_KEYS)},
                  status=400 if form is not None and form.errors else 200)


@require_POST
@dashboard_guard
def boundary_delete(request, pk: int):
    boundary = Boundary.objects.for_user(request.user).filter(pk=pk).first()
    if boundary is None:
        raise OutOfScope("该边界数据不存在，或不在您的数据范围内。")
    try:
        actions.delete_boundary(request.user, boundary)
    except ValidationError as exc:
        return _refuse(request, "；".join(exc.messages), status=403)
    messages.success(request, "已删除边界数据，地图将改用系统内置的轮廓。")
    return redirect("reports:boundaries")


# ------------------------------------------------------------------------------------------------ report kinds

def _default_kind_period(kind, today=None) -> str:
    today = today or timezone.localdate()
    if "year" in kind.periods:
        return str(today.year - 1)
    if "quarter" in kind.periods:
        q = (today.month - 1) // 3
        return f"{today.year}Q{q}" if q else f"{today.year - 1}Q4"
    return default_report_period(today)


def _kind_selection(request):
    kind = kinds.get(request.GET.get("kind", "").strip() or "half-year")
    sel = selection.read(request, default_period=_default_kind_period(kind))
    if sel.ok:
        try:
            kinds.check_period(kind, sel.period)
        except IndicatorError as exc:
            sel.error = str(exc)
    return kind, sel


def _kind_query(kind, sel) -> str:
    return urlencode({"kind": kind.key, "org": sel.org.code, "period": sel.period.key})


def _kind_context(request, kind, sel, **extra) -> dict:
    context = {"kind": kind, "kinds": kinds.kinds(), "sel": sel, "org_choices": _org_choices(request.user, sel.org),
               "period_help": PERIOD_FORMS_HELP,
               "period_value": sel.period.key if sel.period else request.GET.get("period", ""),
               "can_edit": permissions.can_edit_report(request.user)}
    if sel.ok and not sel.error:
        doc = kinds.build(kind, sel.org, sel.period, user=request.user)
        row = doc.kind_row
        texts = [{"key": "preface", "label": "导语", "value": doc.preface, "hint": "主送机关之后的第一段"}] \
            if kind.salutation or kind.preface else []
        free = {p.key: s for p, s in zip(kind.parts, doc.sections, strict=True)}
        texts += [{"key": p.key, "label": free[p.key].heading, "value": free[p.key].text, "hint": p.hint}
                  for p in kind.free_parts]
        context.update(doc=doc, row=row, query=_kind_query(kind, sel), layout_rows=kinds.layout_rows(doc),
                       version=row.version if row else 0, texts=texts,
                       report_query=_query(sel),
                       filing_state=kinds.filing_state(row) if kind.key == kinds.ANNUAL_RULE_OF_LAW else "",
                       due=kinds.publication_due(sel.period.year) if kind.key == kinds.ANNUAL_RULE_OF_LAW else None)
    context.update(extra)
    return context


@require_GET
@report_guard
def kind_page(request):
    """A report of one kind (半年/年度工作总结, 法治政府建设年度报告, 行政应诉季度通报): preview, the layout of its
    chapters, its staff-written parts and, for the 法治政府建设年度报告, its 报送 and 公开."""
    kind, sel = _kind_selection(request)
    return render(request, "reports/kind.html", _kind_context(request, kind, sel), status=400 if sel.error else 200)


def _kind_post(request, write, done: str):
    """Run `write(kind, sel)` for a POST from the kind page; a refusal shows the page again with the message."""
    kind, sel = _kind_selection(request)
    if sel.error:
        raise IndicatorError(sel.error)
    if not permissions.can_edit_report(request.user):
        return _edit_refused(request)
    try:
        write(kind, sel)
    except ValidationError as exc:
        context = _kind_context(request, kind, sel, form_error="；".join(exc.messages))
        return render(request, "reports/kind.html", context, status=400)
    messages.success(request, done)
    return redirect(reverse("reports:kind") + "?" + _kind_query(kind, sel))


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_POST
@report_guard
def kind_layout(request):
    """Save the chapters' order (序号), titles, dropped ones and the bureau's own chapters' text."""
    def write(kind, sel):
        keys = request.POST.getlist("key")
        entries = []
        for position, key in enumerate(keys):
            entries.append({"key": key, "title": request.POST.get(f"title-{key}", ""),
                            "text": request.POST.get(f"text-{key}", ""),
                            "dropped": bool(request.POST.get(f"drop-{key}")),
                            "order": _int(request.POST.get(f"order-{key}"), position + 1)})
        entries.sort(key=lambda e: (e["dropped"], e["order"]))
        # a registered chapter's title left as shown is not stored: it follows the registry
        from . import chapters, templating

        words = templating.context_words(sel.org, sel.period)
        for entry in entries:
            if not entry["key"].startswith(kinds.CUSTOM_PREFIX):
                default = kinds.fill(chapters.get_chapter(entry["key"]).title, words) \
                    if entry["key"] in {c.key for c in chapters.chapters()} else ""
                if entry["title"].strip() == default:
                    entry["title"] = ""
        actions.save_layout(request.user, kind=kind.key, org=sel.org, period=sel.period, entries=entries,
                            version=_int(request.POST.get("version"), None))
    return _kind_post(request, write, "已保存章节编排。")


@require_POST
@report_guard
def kind_chapter(request):
    def write(kind, sel):
        actions.add_chapter(request.user, kind=kind.key, org=sel.org, period=sel.period,
                            title=request.POST.get("title", ""), text=request.POST.get("text", ""),
                            after=request.POST.get("after", ""))
    return _kind_post(request, write, "已添加章节。")


@require_POST
@report_guard
def kind_texts(request):
    def write(kind, sel):
        keys = ["preface", "title", "signer"] + [p.key for p in kind.free_parts]
        texts = {k: request.POST[k] for k in keys if k in request.POST}
        subject = request.POST.get("subject") if "subject" in request.POST else None
        actions.save_kind_texts(request.user, kind=kind.key, org=sel.org, period=sel.period, texts=texts,
                                subject=subject, version=_int(request.POST.get("version"), None))
    return _kind_post(request, write, "已保存。")


def _date_field(request, name: str, label: str):
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{label}“{value[:20]}”不正确：应为 年-月-日，如 2022-03-25。")


@require_POST
@report_guard
def kind_filing(request):
    def write(kind, sel):
        if kind.key != kinds.ANNUAL_RULE_OF_LAW:
            raise ValidationError("只有法治政府建设年度报告需要登记报送和公开。")
        actions.record_filing(request.user, org=sel.org, year=sel.period.year,
                              submitted_on=_date_field(request, "submitted_on", "报送日期"),
                              published_on=_date_field(request, "published_on", "公开日期"),
                              published_url=request.POST.get("published_url", ""))
    return _kind_post(request, write, "已登记报送和公开情况。")


@require_GET
@report_guard
def kind_download(request, fmt: str):
    if fmt not in DOWNLOADS:
        return _refuse(request, "不支持的格式：可下载 docx 或 pdf。")
    kind, sel = _kind_selection(request)
    if sel.error:
        raise IndicatorError(sel.error)
    doc = kinds.build(kind, sel.org, sel.period, user=request.user)
    content_type, render_bytes = DOWNLOADS[fmt]
    payload = render_bytes(doc)
    actions.record_kind_export(request.user, doc, fmt)
    response = HttpResponse(payload, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{doc.title}.{fmt}")
    return response
