"""State changes of the reports app: what staff write into a work report, their wording of generated sentences,
and boundary uploads for the dashboard map. Each checks the actor's role and scope, validates, writes the audit
entry in the same transaction, and answers bad input with a Chinese ValidationError, writing nothing."""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.models.audit import AuditEventType
from sifa.indicators.errors import IndicatorError
from sifa.indicators.orgscope import org_scope, resolve_org
from sifa.indicators.periods import parse_period

from . import boundaries, permissions, registry, templating
from .models import Boundary, SentenceEdit, WorkReport

MAX_FREE_TEXT = 20_000
MAX_TITLE = 100
REPORT_FIELDS = ("title", "signer", "signed_on", "problems", "plans", "percent_decimals")


def _resolve(org, period):
    try:
        return resolve_org(org), parse_period(period)
    except IndicatorError as exc:
        raise ValidationError(str(exc))


def _check_editor(actor, org) -> None:
    """`actor=None` is the command line (the operator already holds the server)."""
    if actor is None:
        return
    if not permissions.can_edit_report(actor):
        raise ValidationError("您的角色不能编辑工作总结。")
    if not permissions.in_scope(actor, org):
        raise ValidationError("该机构不在您的数据范围内，或不存在。")


def _snapshot(report: WorkReport) -> dict:
    return {f: str(getattr(report, f)) for f in REPORT_FIELDS}


def _lock_report(org, period, actor) -> tuple[WorkReport, bool]:
    """The report row of (org, period), created on first write, locked for the rest of the transaction."""
    report = WorkReport.objects.select_for_update().filter(org=org, period_key=period.key).first()
    if report is not None:
        return report, False
    report = WorkReport(org=org, period_key=period.key, period_start=period.start, period_end=period.end,
                        created_by=actor, version=0)
    report.save()
    return report, True


def _clean_text(value: str, label: str, limit: int) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if templating._CONTROL.search(value):
        raise ValidationError(f"{label}中含有不可见的控制字符，请删除后再保存。")
    if len(value) > limit:
        raise ValidationError(f"{label}不能超过{limit}字（现有{len(value)}字）。")
    return value


@transaction.atomic
def save_report(actor, *, org, period, version: int | None = None, title: str = "", signer: str = "",
                signed_on: dt.date | None = None, problems: str = "", plans: str = "",
                percent_decimals: int = 0) -> WorkReport:
    """Save the staff-written parts of a report. `version` is the version the writer started from (0 for a report
    never saved): if someone saved in between, nothing is written and the writer is told to reload (no lost update)."""
    org, period = _resolve(org, period)
    _check_editor(actor, org)
    title = _clean_text(title, "标题", MAX_TITLE)
    signer = _clean_text(signer, "落款单位", MAX_TITLE)
    problems = _clean_text(problems, "存在问题", MAX_FREE_TEXT)
    plans = _clean_text(plans, "下步打算", MAX_FREE_TEXT)
    if "\n" in title or "\n" in signer:
        raise ValidationError("标题和落款单位只能写一行。")
    if percent_decimals not in (0, 1, 2):
        raise ValidationError("百分比小数位数只能是0、1或2。")
    if signed_on is not None and signed_on < period.start:
        raise ValidationError(f"成文日期不能早于统计期间的开始日期（{period.start:%Y-%m-%d}）。")
    report, _ = _lock_report(org, period, actor)
    if version is not None and report.version != version:
        raise ValidationError("该工作总结已被他人修改：请刷新页面，在最新内容上修改。")
    before = _snapshot(report)
    report.title, report.signer, report.signed_on = title, signer, signed_on
    report.problems, report.plans, report.percent_decimals = problems, plans, percent_decimals
    report.version += 1
    report.updated_by = actor
    report.save()
    audit.record(AuditEventType.ACTION, user=actor, obj=report, verb="修改工作总结", before=before,
                 after=_snapshot(report), username="" if actor else "命令行")
    return report


def _paragraph_template(key: str) -> str:
    paragraph_key, _, sentence_key = key.partition(":")
    paragraph = registry.get(paragraph_key)
    templates = paragraph.templates() if paragraph else {}
    if sentence_key not in templates:
        raise ValidationError("要修改的句子不存在（系统句式可能已调整），请刷新页面。")
    return templates[sentence_key]


def _check_bindings(text: str, template: str, org, period) -> None:
    """Every placeholder names a registered indicator and valid dimensions: the link to its figure holds."""
    from sifa.indicators import registry as indicator_registry

    try:
        items = templating.check_edit(text, template)
        scope = org_scope(org)
        for item in items:
            if isinstance(item, templating.Placeholder) and item.code:
                indicator_registry.get(item.code).clean_dims(dict(item.dims), scope)
    except (templating.TemplateError, IndicatorError) as exc:
        raise ValidationError(str(exc))


@transaction.atomic
def save_sentence(actor, *, org, period, key: str, text: str) -> SentenceEdit | None:
    """Store a writer's wording of one sentence. The same text as the registered template removes the edit."""
    org, period = _resolve(org, period)
    _check_editor(actor, org)
    template = _paragraph_template(key)
    text = (text or "").replace("\r", "").replace("\n", "").strip()
    _check_bindings(text, template, org, period)
    report, _ = _lock_report(org, period, actor)
    edit = SentenceEdit.objects.filter(report=report, key=key).first()
    before = {"text": edit.text} if edit else {"text": template}
    if text == template:
        if edit is not None:
            edit.delete()
            audit.record(AuditEventType.ACTION, user=actor, obj=report, verb="恢复报告原句", before=before,
                         after={"key": key, "text": template}, username="" if actor else "命令行")
        return None
    edit = edit or SentenceEdit(report=report, org=report.org, key=key, created_by=actor)
    edit.text, edit.template, edit.edited_by = text, template, actor
    edit.save()
    overrides = [p.raw for p in templating.placeholders(text) if p.override]
    audit.record(AuditEventType.ACTION, user=actor, obj=edit, verb="修改报告句子", before=before,
                 after={"key": key, "text": text, "overrides": overrides}, username="" if actor else "命令行")
    return edit


@transaction.atomic
def reset_sentence(actor, *, org, period, key: str) -> None:
    org, period = _resolve(org, period)
    _check_editor(actor, org)
    report = WorkReport.objects.filter(org=org, period_key=period.key).first()
    edit = SentenceEdit.objects.filter(report=report, key=key).first() if report else None
    if edit is None:
        return
    before = {"key": key, "text": edit.text}
    edit.delete()
    audit.record(AuditEventType.ACTION, user=actor, obj=report, verb="恢复报告原句", before=before,
                 after={"key": key}, username="" if actor else "命令行")


def record_export(actor, doc, fmt: str, *, cli: bool = False) -> None:
    """An exported report holds aggregate figures only, but every export is on the record."""
    audit.record(AuditEventType.EXPORT, user=actor, obj=doc.stored, verb=f"导出工作总结（{fmt}）",
                 after={"org": doc.org.code, "period": doc.period.key, "title": doc.title},
                 object_type="reports.workreport" if doc.stored is None else "",
                 username="命令行" if cli else "")


# ------------------------------------------------------------------------------------------------ boundaries

def _check_boundary_actor(actor, org) -> None:
    if actor is None:
        return
    if not permissions.can_manage_boundaries(actor):
        raise ValidationError("您的角色不能上传边界数据。")
    if not permissions.in_scope(actor, org):
        raise ValidationError("该机构不在您的数据范围内，或不存在。")


@transaction.atomic
def upload_boundary(actor, *, org, name: str, data: bytes) -> Boundary:
    """Replace `org`'s boundary with a validated GeoJSON FeatureCollection (see boundaries.parse_upload)."""
    try:
        org = resolve_org(org)
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    _check_boundary_actor(actor, org)
    name = _clean_text(name, "名称", 100) or "边界"
    try:
        parsed = boundaries.parse_upload(data, org)
    except boundaries.BoundaryError as exc:
        raise ValidationError(str(exc))
    existing = Boundary.objects.select_for_update().filter(org=org).first()
    before = {"name": existing.name, "codes": existing.codes} if existing else None
    boundary = existing or Boundary(org=org, created_by=actor)
    boundary.name, boundary.geojson = name, json.dumps(parsed.collection, ensure_ascii=False, separators=(",", ":"))
    boundary.feature_count, boundary.codes, boundary.size = len(parsed.codes), parsed.codes, parsed.size
    boundary.uploaded_by = actor
    boundary.save()
    audit.record(AuditEventType.CONFIG, user=actor, obj=boundary, verb="上传边界数据", before=before,
                 after={"name": name, "codes": parsed.codes, "size": parsed.size}, username="" if actor else "命令行")
    return boundary


@transaction.atomic
def delete_boundary(actor, boundary: Boundary) -> None:
    _check_boundary_actor(actor, boundary.org)
    audit.record(AuditEventType.CONFIG, user=actor, obj=boundary, verb="删除边界数据",
                 before={"name": boundary.name, "codes": boundary.codes}, username="" if actor else "命令行")
    boundary.delete()
