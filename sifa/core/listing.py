"""Generic list and detail pages that every business line reuses.

A line declares *what* to show (model, columns, search fields, filters) and inherits *how*: data scope through
`objects.for_user`, sorting by allowed columns only, paging with Chinese labels, masked sensitive values, an
Excel export (the ledger framework's when a ledger kind is configured, a minimal masked .xlsx otherwise), and a
detail page with the record's audit history. An out-of-scope record answers 404 and leaves a "denied" audit row.

    class MediationCaseList(listing.RecordListView):
        model = MediationCase
        title = "调解案件"
        columns = [Column("number", link=True), Column("party_name"), Column("status"), Column("org__name", "所属机构")]
        search_fields = ["number", "party_name"]
        filters = [ChoiceFilter("status"), DateRangeFilter("accepted_on"), OrgFilter()]
        detail_url_name = "mediation:case_detail"
"""

from __future__ import annotations

import datetime
import io
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View

from . import access, audit
from .models.audit import AuditEvent, AuditEventType
from .models.scope import ScopedModel
from .roles import has_capability
from .workflow import Workflow

log = logging.getLogger("sifa.listing")

MAX_SEARCH_LENGTH = 100


# --- masking: sifa.core.masking when present, a local fallback otherwise ---------------------------------------

ID_LIKE = re.compile(r"^\d{15}$|^\d{17}[\dXx]$")
MOBILE_LIKE = re.compile(r"^1\d{10}$")


def _fallback_mask(value) -> str:
    text = str(value).strip()
    if ID_LIKE.match(text) or MOBILE_LIKE.match(text):
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return text[:1] + "*" * min(max(len(text) - 1, 1), 8)


def mask_field(model, field_name: str, value) -> str:
    """Mask one sensitive value the way the masking module decides for this model and field."""
    if value is None or value == "":
        return ""
    try:
        masking = import_module("sifa.core.masking")
    except ModuleNotFoundError as exc:
        if exc.name != "sifa.core.masking":
            raise
        return _fallback_mask(value)
    return masking.mask_value(model, field_name, value)


# --- columns and values -----------------------------------------------------------------------------------------

def model_field(model, path: str) -> models.Field | None:
    """The model field at the end of a `a__b__c` path, or None when the path names a property or method."""
    current = model
    field = None
    for part in path.split("__"):
        if current is None:
            return None
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        current = field.related_model if field.is_relation else None
    return field


def format_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


@dataclass(frozen=True)
class Column:
    """One column of a list (or one row of a detail page).

    field: a model field path ("name", "org__name") or the name of a property/method of the record.
    label: defaults to the model field's verbose_name.
    sortable: only columns backed by a database field can be sorted; others ignore this flag.
    link: the cell links to the record's detail page.
    sensitive: None means "sensitive if the model lists the field in `sensitive_fields`".
    """

    field: str
    label: str = ""
    sortable: bool = True
    link: bool = False
    sensitive: bool | None = None

    def label_for(self, model) -> str:
        if self.label:
            return self.label
        field = model_field(model, self.field)
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name)
        return self.field

    def is_sensitive(self, model) -> bool:
        if self.sensitive is not None:
            return self.sensitive
        owner, name = self.owner(model)
        return owner is not None and name in getattr(owner, "sensitive_fields", ())

    def owner(self, model):
        """The model that holds the column's last field, and that field's name."""
        *relations, name = self.field.split("__")
        owner = model
        for part in relations:
            field = model_field(owner, part)
            owner = field.related_model if field is not None and field.is_relation else None
            if owner is None:
                return None, name
        return owner, name

    def sort_key(self, model) -> str | None:
        if not self.sortable or self.is_sensitive(model):
            return None
        field = model_field(model, self.field)
        if field is None or field.is_relation and not field.many_to_one:
            return None
        return self.field

    def raw(self, obj):
        target = obj
        parts = self.field.split("__")
        for part in parts[:-1]:
            target = getattr(target, part, None)
            if target is None:
                return None
        name = parts[-1]
        try:
            field = target._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            field = None
        if field is not None and getattr(field, "choices", None):
            return getattr(target, f"get_{name}_display")()
        value = getattr(target, name, None)
        return value() if callable(value) else value

    def display(self, obj, model) -> str:
        value = self.raw(obj)
        if self.is_sensitive(model):
            owner, name = self.owner(model)
            return mask_field(owner, name, value)
        return format_value(value)


# --- filters ----------------------------------------------------------------------------------------------------

class Filter:
    """A list filter: renders one control and narrows the queryset. Bad values are ignored with a Chinese message."""

    label = ""

    def control(self, request, view) -> dict:
        raise NotImplementedError

    def apply(self, queryset, request, view):
        """Returns (queryset, error message or "")."""
        raise NotImplementedError


class ChoiceFilter(Filter):
    """A select over a field's choices (or given choices); booleans get 是/否."""

    def __init__(self, field: str, label: str = "", choices: Sequence[tuple[str, str]] | None = None,
                 param: str = ""):
        self.field = field
        self.label = label
        self.choices = choices
        self.param = param or field

    def options(self, model) -> list[tuple[str, str]]:
        if self.choices is not None:
            return [(str(v), str(lbl)) for v, lbl in self.choices]
        field = model_field(model, self.field)
        if isinstance(field, models.BooleanField):
            return [("1", "是"), ("0", "否")]
        if field is not None and field.choices:
            return [(str(v), str(lbl)) for v, lbl in field.flatchoices]
        raise ImproperlyConfigured(f"筛选字段 {self.field} 没有可选值，请给出 choices。")

    def _label(self, model) -> str:
        if self.label:
            return self.label
        field = model_field(model, self.field)
        return str(field.verbose_name) if field is not None else self.field

    def control(self, request, view) -> dict:
        current = request.GET.get(self.param, "")
        return {"kind": "select", "name": self.param, "label": self._label(view.model),
                "options": [{"value": v, "label": lbl, "selected": v == current}
                            for v, lbl in self.options(view.model)]}

    def apply(self, queryset, request, view):
        value = request.GET.get(self.param, "")
        if not value:
            return queryset, ""
        if value not in {v for v, _ in self.options(view.model)}:
            return queryset, f"筛选条件“{self._label(view.model)}”的取值无效，已忽略。"
        field = model_field(view.model, self.field)
        if isinstance(field, models.BooleanField):
            return queryset.filter(**{self.field: value == "1"}), ""
        return queryset.filter(**{self.field: value}), ""


class DateRangeFilter(Filter):
    """From/to dates (inclusive) on a date or datetime field; parameters <field>_from and <field>_to."""

    def __init__(self, field: str, label: str = ""):
        self.field = field
        self.label = label

    def _label(self, model) -> str:
        if self.label:
            return self.label
        field = model_field(model, self.field)
        return str(field.verbose_name) if field is not None else self.field

    def control(self, request, view) -> dict:
        return {"kind": "daterange", "label": self._label(view.model),
                "from_name": f"{self.field}_from", "to_name": f"{self.field}_to",
                "from_value": request.GET.get(f"{self.field}_from", ""),
                "to_value": request.GET.get(f"{self.field}_to", "")}

    def apply(self, queryset, request, view):
        field = model_field(view.model, self.field)
        lookup = f"{self.field}__date" if isinstance(field, models.DateTimeField) else self.field
        bounds = {}
        for suffix, op in (("from", "gte"), ("to", "lte")):
            raw = request.GET.get(f"{self.field}_{suffix}", "").strip()
            if not raw:
                continue
            try:
                bounds[op] = datetime.date.fromisoformat(raw)
            except ValueError:
                return queryset, f"“{self._label(view.model)}”的日期格式应为“年-月-日”（如2024-01-31），已忽略。"
        if "gte" in bounds and "lte" in bounds and bounds["gte"] > bounds["lte"]:
            return queryset, f"“{self._label(view.model)}”的起始日期晚于截止日期，已忽略。"
        return queryset.filter(**{f"{lookup}__{op}": day for op, day in bounds.items()}), ""


class OrgFilter(Filter):
    """An org unit within the user's scope; records of its whole subtree match.

    path_field: the record's copy of the org path ("org_path" on ScopedModel, "path" on OrgUnit itself)."""

    def __init__(self, label: str = "所属机构", path_field: str = "org_path", param: str = "org"):
        self.label = label
        self.path_field = path_field
        self.param = param

    def control(self, request, view) -> dict:
        current = request.GET.get(self.param, "")
        orgs = access.orgs_within_reach(request.user).only("pk", "name", "path")
        return {"kind": "select", "name": self.param, "label": self.label,
                "options": [{"value": str(o.pk), "label": "　" * max(o.depth - 1, 0) + o.name,
                             "selected": str(o.pk) == current} for o in orgs]}

    def apply(self, queryset, request, view):
        value = request.GET.get(self.param, "")
        if not value:
            return queryset, ""
        org = access.orgs_within_reach(request.user).filter(pk=value).first() if value.isdigit() else None
        if org is None:
            return queryset, f"“{self.label}”不在您的管辖范围内，已忽略。"
        return queryset.filter(**{f"{self.path_field}__startswith": org.path}), ""


# --- scope, permission and denial -------------------------------------------------------------------------------

class ScopedViewMixin:
    """Who may open the page (capabilities, any of them) and which records they see (scope)."""

    model: type[models.Model] | None = None
    capabilities: Sequence[str] = ("read_records",)

    def scope_queryset(self, request):
        """The records the user may see. ScopedModel subclasses are always scoped by `for_user`; any other model
        must override this (fail closed rather than list everything)."""
        if self.model is not None and issubclass(self.model, ScopedModel):
            return self.model.objects.for_user(request.user)
        raise ImproperlyConfigured(f"{type(self).__name__}: {self.model} 不是 ScopedModel，须实现 scope_queryset。")

    def check_capability(self, request) -> None:
        if not any(has_capability(request.user, c) for c in self.capabilities):
            access.forbid(self.model, f"缺少权限：{'/'.join(self.capabilities)}")


def get_scoped_or_404(queryset, model, pk, verb: str = "查看", *, field: str = "pk", user=None,
                      where: str = ""):
    """The one "scoped object or 404" of the platform (pages call it directly, the API through
    `sifa.api.scope.get_scoped_or_404`): the record whose `field` equals `pk` if it is in `queryset` (already
    scoped to the caller); otherwise 404 through `access.refuse`, with a "denied" audit row when the record exists
    outside the caller's scope (an IDOR attempt or a stale link). The answer is the same 404 either way, so ids
    cannot be probed."""
    try:
        obj = queryset.filter(**{field: pk}).first()
    except (ValueError, TypeError, OverflowError, ValidationError):
        raise Http404("记录不存在。")
    if obj is not None:
        return obj
    try:
        exists = model._base_manager.filter(**{field: pk}).exists()
    except (ValueError, TypeError, OverflowError, ValidationError):
        exists = False
    if exists:
        access.refuse(user=user, object_type=model._meta.label_lower, object_id=pk,
                      reason="记录不在本人数据范围内" + (f"（{where}）" if where else ""), verb=verb)
    raise Http404(access.NOT_FOUND)


# --- export -----------------------------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def ledger_exporter() -> Callable | None:
    """`export(kind_code, queryset, user, filters)` through the ledger framework (sifa.ledger.exporter), which
    checks the right to export, masks, neutralises formulas and audits; None when the framework is absent."""
    try:
        exporter = import_module("sifa.ledger.exporter")
        registry = import_module("sifa.ledger.registry")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("sifa.ledger"):
            raise
        return None

    def export(kind_code, queryset, user, filters=None):
        kind = registry.get(kind_code) if isinstance(kind_code, str) else kind_code
        return exporter.export_response(kind, queryset, user, filters=filters)

    return export


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (SECURITY.md F4): a text cell never starts a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_xlsx(sheet_title: str, headers: Sequence[str], rows) -> bytes:
    """A minimal .xlsx: one sheet, a bold header row, every value as (formula-safe) text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\\/*?:\[\]]", "", sheet_title)[:31] or "Sheet1")
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(h))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- paging -----------------------------------------------------------------------------------------------------

def paginate(request, queryset, per_page: int = 20):
    """A page of `queryset` from ?page=; out-of-range or malformed numbers give the nearest valid page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


# --- list -------------------------------------------------------------------------------------------------------

class RecordListView(ScopedViewMixin, View):
    title = ""
    columns: Sequence[Column] = ()
    search_fields: Sequence[str] = ()
    search_placeholder = ""
    filters: Sequence[Filter] = ()
    default_sort: Sequence[str] = ()
    page_size = 20
    detail_url_name: str | None = None
    ledger_kind: str | None = None
    export_capability = "export"
    export_max_rows = 20000
    template_name = "core/list.html"

    # -- the pieces a subclass may override --

    def get_title(self) -> str:
        return self.title or str(self.model._meta.verbose_name_plural)

    def detail_url(self, obj) -> str | None:
        if self.detail_url_name:
            return reverse(self.detail_url_name, args=[obj.pk])
        return None

    def extra_context(self, request) -> dict:
        return {}

    # -- machinery --

    def sortable_keys(self) -> dict[str, str]:
        return {c.field: key for c in self.columns if (key := c.sort_key(self.model))}

    def search(self, queryset, request):
        query = request.GET.get("q", "").strip()[:MAX_SEARCH_LENGTH]
        if not query or not self.search_fields:
            return queryset
        sensitive = set(getattr(self.model, "sensitive_fields", ()))
        condition = Q()
        touched_sensitive = False
        for field in self.search_fields:
            if field in sensitive:
                # sensitive values are matched exactly, never by fragment, and the search is audited
                condition |= Q(**{field: query})
                touched_sensitive = True
            else:
                condition |= Q(**{f"{field}__icontains": query})
        if touched_sensitive:
            audit.record(AuditEventType.SEARCH_SENSITIVE, object_type=self.model._meta.label_lower, verb="检索",
                         reason="列表检索包含敏感字段")
        return queryset.filter(condition)

    def sort(self, queryset, request):
        requested = request.GET.get("sort", "")
        keys = self.sortable_keys()
        descending = requested.startswith("-")
        key = keys.get(requested.lstrip("-"))
        if key:
            order = f"-{key}" if descending else key
            return queryset.order_by(order, "-pk" if descending else "pk"), requested
        order = list(self.default_sort) or list(self.model._meta.ordering)
        return queryset.order_by(*order, "-pk"), ""

    def filtered_queryset(self, request):
        queryset = self.scope_queryset(request)
        errors = []
        for f in self.filters:
            queryset, error = f.apply(queryset, request, self)
            if error:
                errors.append(error)
        queryset = self.search(queryset, request)
        queryset, sort = self.sort(queryset, request)
        return queryset, sort, errors

    def row(self, obj) -> dict:
        return {"obj": obj, "url": self.detail_url(obj),
                "cells": [{"text": c.display(obj, self.model), "link": c.link, "label": c.label_for(self.model)}
                          for c in self.columns]}

    def header(self, current_sort: str) -> list[dict]:
        keys = self.sortable_keys()
        headers = []
        for c in self.columns:
            entry = {"label": c.label_for(self.model), "sort": None, "direction": ""}
            if c.field in keys:
                if current_sort == c.field:
                    entry.update(sort=f"-{c.field}", direction="asc")
                elif current_sort == f"-{c.field}":
                    entry.update(sort=c.field, direction="desc")
                else:
                    entry["sort"] = c.field
            headers.append(entry)
        return headers

    def can_export(self, request) -> bool:
        return has_capability(request.user, self.export_capability)

    def get(self, request, *args, **kwargs):
        self.check_capability(request)
        queryset, sort, errors = self.filtered_queryset(request)
        if request.GET.get("export"):
            return self.export(request, queryset)
        for error in errors:
            messages.warning(request, error)
        page = paginate(request, queryset, self.page_size)
        context = {
            "page_title": self.get_title(),
            "headers": self.header(sort),
            "rows": [self.row(obj) for obj in page.object_list],
            "page": page,
            "search_enabled": bool(self.search_fields),
            "search_placeholder": self.search_placeholder or "输入关键字",
            "query": request.GET.get("q", ""),
            "controls": [f.control(request, self) for f in self.filters],
            "can_export": self.can_export(request),
            "filtered": any(k not in ("page", "sort") for k in request.GET),
        }
        context.update(self.extra_context(request))
        return render(request, self.template_name, context)

    def export(self, request, queryset):
        if not self.can_export(request):
            audit.record(AuditEventType.DENIED, object_type=self.model._meta.label_lower, verb="导出",
                         outcome="failure", reason="缺少导出权限")
            raise PermissionDenied("您的角色无权导出。")
        count = queryset.count()
        if count > self.export_max_rows:
            messages.error(request, f"符合条件的记录有{count}条，超过单次导出上限{self.export_max_rows}条，请缩小筛选范围。")
            params = request.GET.copy()
            params.pop("export", None)
            return redirect(f"{request.path}?{params.urlencode()}")
        exporter = ledger_exporter() if self.ledger_kind else None
        if exporter is not None:
            filters = {k: v for k, v in request.GET.items() if k not in ("export", "page", "sort", "q")}
            return exporter(self.ledger_kind, queryset, request.user, filters)
        title = self.get_title()
        content = write_xlsx(title, [c.label_for(self.model) for c in self.columns],
                             ([c.display(obj, self.model) for c in self.columns] for obj in queryset.iterator()))
        audit.record(AuditEventType.EXPORT, object_type=self.model._meta.label_lower, verb="导出",
                     after={"rows": count, "columns": [c.field for c in self.columns],
                            "parameters": sorted(k for k in request.GET if k != "export")})
        return xlsx_response(f"{title}-{timezone.localdate():%Y%m%d}.xlsx", content)


# --- detail -----------------------------------------------------------------------------------------------------

HISTORY_LIMIT = 100


def history_for(obj, limit: int = HISTORY_LIMIT) -> list[dict]:
    """The record's audit rows, newest first, with changed fields spelled out."""
    events = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("-id")
    rows = []
    events = list(events[:limit])
    names = _people_names({e.user_id for e in events if e.user_id})
    for event in events:
        rows.append({"at": event.at, "username": names.get(event.user_id) or event.username or "系统",
                     "event": event.get_event_display(),
                     "verb": event.verb, "outcome": "成功" if event.outcome == "success" else "未成功",
                     "reason": event.reason, "changes": describe_changes(type(obj), event.before, event.after)})
    return rows


def _people_names(ids) -> dict:
    """{user id: "姓名（账号）"} for the history panel: a person by name, the account beside it."""
    from .models import User

    return {pk: f"{full or username}（{username}）" if full else username
            for pk, full, username in User.objects.filter(pk__in=ids).values_list("pk", "full_name", "username")}


def _field_label(model, key: str) -> str:
    for name in (key, key.removesuffix("_id")):
        field = model_field(model, name)
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name)
    return key


def describe_changes(model, before, after) -> list[str]:
    """What an audit row changed, in readable words (core.history: choices by label, related records by name,
    dates in Chinese form; sensitive fields masked; a state by its label from the line's workflow table)."""
    from . import history

    return history.describe(model, before, after, sensitive=set(getattr(model, "sensitive_fields", ())),
                            workflow=Workflow.of(model), mask=mask_field)


class RecordDetailView(ScopedViewMixin, View):
    fields: Sequence[Column] = ()
    list_url_name: str | None = None
    show_history = True
    pk_url_kwarg = "pk"
    template_name = "core/detail.html"

    def get_title(self, obj) -> str:
        return str(obj)

    def extra_context(self, request, obj) -> dict:
        return {}

    def field_entry(self, column: Column, obj) -> dict:
        """One row of 基本信息. A declared sensitive field of the record itself is shown through break-glass
        unmasking (masked, with 查看完整信息 for roles that may ask; clear and audited during a grant)."""
        declared = getattr(self.model, "sensitive_fields", ()) or ()
        direct_sensitive = (issubclass(self.model, ScopedModel) and column.field in declared
                            and column.is_sensitive(self.model))
        return {"label": column.label_for(self.model), "text": column.display(obj, self.model),
                "sensitive_field": column.field if direct_sensitive else ""}

    def get_object(self, request):
        return get_scoped_or_404(self.scope_queryset(request), self.model, self.kwargs.get(self.pk_url_kwarg))

    def get(self, request, *args, **kwargs):
        self.check_capability(request)
        obj = self.get_object(request)
        context = {
            "object": obj,
            "page_title": self.get_title(obj),
            "model_label": str(self.model._meta.verbose_name),
            "list_url": reverse(self.list_url_name) if self.list_url_name else None,
            "fields": [self.field_entry(c, obj) for c in self.fields],
            "history": history_for(obj) if self.show_history else None,
        }
        context.update(self.extra_context(request, obj))
        return render(request, self.template_name, context)
