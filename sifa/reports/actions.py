"""State changes of the reports app: what staff write into a work report, their wording of generated sentences,
boundary uploads for the dashboard map, and the bureau's targets held by the cockpit. Each checks the actor's role and scope, validates, writes the audit
entry in the same transaction, and answers bad input with a Chinese ValidationError, writing nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import audit
from sifa.core.models.audit import AuditEventType
from sifa.indicators.errors import IndicatorError
from sifa.indicators.orgscope import org_scope, resolve_org
from sifa.indicators.periods import parse_period

from . import boundaries, permissions, registry, templating
from .models import Boundary, SentenceEdit, Target, TargetComparison, WorkReport

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


# ------------------------------------------------------------------------------------------------ report kinds

MAX_CHAPTERS = 40


def _resolve_kind(kind, org, period):
    from . import kinds

    org, period = _resolve(org, period)
    try:
        kind = kinds.get(kind)
        kinds.check_period(kind, period)
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    return kind, org, period


def _lock_kind_report(kind, org, period, actor):
    from .models import KindReport

    row = KindReport.objects.select_for_update().filter(org=org, kind=kind.key, period_key=period.key).first()
    if row is None:
        row = KindReport(org=org, kind=kind.key, period_key=period.key, period_start=period.start,
                         period_end=period.end, created_by=actor, version=0)
        row.save()
    return row


def _check_version(row, version) -> None:
    if version is not None and row.version != version:
        raise ValidationError("该报告已被他人修改：请刷新页面，在最新内容上修改。")


def _clean_layout(entries) -> list[dict]:
    """[{key, title?, text?, dropped?}] → the stored layout; a custom chapter needs a title; keys are unique."""
    from .chapters import chapters as registered
    from .kinds import CUSTOM_PREFIX

    known = {c.key for c in registered()}
    out, seen = [], set()
    if len(entries) > MAX_CHAPTERS:
        raise ValidationError(f"章节不能超过{MAX_CHAPTERS}个。")
    for entry in entries:
        key = str(entry.get("key", "")).strip()
        if not key or key in seen:
            raise ValidationError("章节重复或缺少代码，请刷新页面后重试。")
        if not key.startswith(CUSTOM_PREFIX) and key not in known:
            raise ValidationError(f"章节“{key[:40]}”不存在（系统章节可能已调整），请刷新页面。")
        seen.add(key)
        title = _clean_text(entry.get("title", ""), "章节标题", MAX_TITLE)
        if "\n" in title:
            raise ValidationError("章节标题只能写一行。")
        item = {"key": key, "title": title}
        if key.startswith(CUSTOM_PREFIX):
            if not title:
                raise ValidationError("自行添加的章节须填写标题。")
            item["text"] = _clean_text(entry.get("text", ""), f"章节“{title}”的内容", MAX_FREE_TEXT)
        if entry.get("dropped"):
            item["dropped"] = True
        out.append(item)
    return out


@transaction.atomic
def save_layout(actor, *, kind, org, period, entries: list, version: int | None = None):
    """Store the chapters of one report (kind, org, period) in the bureau's order: entries in order, each
    {key, title, text (custom chapters), dropped}. Audited with the layout before and after."""
    kind, org, period = _resolve_kind(kind, org, period)
    _check_editor(actor, org)
    layout = _clean_layout(entries)
    row = _lock_kind_report(kind, org, period, actor)
    _check_version(row, version)
    before = list(row.layout or [])
    row.layout, row.updated_by = layout, actor
    row.version += 1
    row.save()
    audit.record(AuditEventType.ACTION, user=actor, obj=row, verb=f"调整{kind.name}章节", before={"layout": before},
                 after={"layout": layout}, username="" if actor else "命令行")
    return row


def add_chapter(actor, *, kind, org, period, title: str, text: str = "", after: str = ""):
    """Add a chapter the bureau writes itself (title and text) to a report's layout, after the chapter `after`
    (default: at the end), starting from the layout as shown (the default one when none is stored)."""
    from . import kinds

    kind_obj, org_obj, period_obj = _resolve_kind(kind, org, period)
    doc = kinds.build(kind_obj, org_obj, period_obj)
    row = doc.kind_row
    current = list(row.layout) if row and row.layout else kinds.default_layout(doc.chapters)
    numbers = [int(e["key"][len(kinds.CUSTOM_PREFIX):]) for e in current
               if e["key"].startswith(kinds.CUSTOM_PREFIX) and e["key"][len(kinds.CUSTOM_PREFIX):].isdigit()]
    entry = {"key": f"{kinds.CUSTOM_PREFIX}{max(numbers, default=0) + 1}", "title": title, "text": text}
    keys = [e["key"] for e in current]
    current.insert(keys.index(after) + 1 if after in keys else len(current), entry)
    return save_layout(actor, kind=kind_obj.key, org=org_obj, period=period_obj, entries=current,
                       version=row.version if row else None)


@transaction.atomic
def save_kind_texts(actor, *, kind, org, period, texts: dict, subject: str | None = None,
                    version: int | None = None):
    """The staff-written parts of a report kind (its free parts, the preface, title and signer)."""
    kind, org, period = _resolve_kind(kind, org, period)
    _check_editor(actor, org)
    allowed = {p.key: p.heading for p in kind.free_parts} | {"preface": "导语", "title": "标题", "signer": "落款单位"}
    cleaned = {}
    for key, value in texts.items():
        if key not in allowed:
            raise ValidationError(f"“{key[:40]}”不是{kind.name}的组成部分。")
        limit = MAX_TITLE if key in ("title", "signer") else MAX_FREE_TEXT
        cleaned[key] = _clean_text(value, allowed[key].replace("{", "").replace("}", ""), limit)
        if key in ("title", "signer") and "\n" in cleaned[key]:
            raise ValidationError("标题和落款单位只能写一行。")
    row = _lock_kind_report(kind, org, period, actor)
    _check_version(row, version)
    before = {"texts": dict(row.texts or {}), "subject": row.subject}
    row.texts = {**(row.texts or {}), **cleaned}
    if subject is not None:
        row.subject = _clean_text(subject, "报告主体", MAX_TITLE)
    row.version += 1
    row.updated_by = actor
    row.save()
    audit.record(AuditEventType.ACTION, user=actor, obj=row, verb=f"修改{kind.name}", before=before,
                 after={"texts": row.texts, "subject": row.subject}, username="" if actor else "命令行")
    return row


@transaction.atomic
def record_filing(actor, *, org, year, submitted_on: dt.date | None, published_on: dt.date | None,
                  published_url: str = "", subject: str | None = None):
    """Record when the year's 法治政府建设年度报告 was 报送 and 公开 (and where): the home page's “4月1日前”
    item goes when both are recorded."""
    from django.core.validators import URLValidator

    from .kinds import ANNUAL_RULE_OF_LAW

    kind, org, period = _resolve_kind(ANNUAL_RULE_OF_LAW, org, str(year))
    _check_editor(actor, org)
    for label, day in (("报送日期", submitted_on), ("公开日期", published_on)):
        if day is not None and day < period.end:
            raise ValidationError(f"{label}不能早于{period.year}年度结束（{period.end:%Y-%m-%d}）。")
    published_url = (published_url or "").strip()
    if published_url:
        try:
            URLValidator(schemes=["http", "https"])(published_url)
        except ValidationError:
            raise ValidationError("公开网址不正确：应以 http:// 或 https:// 开头。")
    if published_on is not None and not published_url:
        raise ValidationError("已公开的报告请填写公开网址。")
    row = _lock_kind_report(kind, org, period, actor)
    before = {"submitted_on": str(row.submitted_on), "published_on": str(row.published_on),
              "published_url": row.published_url}
    row.submitted_on, row.published_on, row.published_url = submitted_on, published_on, published_url
    if subject is not None:
        row.subject = _clean_text(subject, "报告主体", MAX_TITLE)
    row.version += 1
    row.updated_by = actor
    row.save()
    audit.record(AuditEventType.ACTION, user=actor, obj=row, verb="登记法治政府建设年度报告报送和公开",
                 before=before, after={"submitted_on": str(submitted_on), "published_on": str(published_on),
                                       "published_url": published_url}, username="" if actor else "命令行")
    return row


def record_kind_export(actor, doc, fmt: str, *, cli: bool = False) -> None:
    audit.record(AuditEventType.EXPORT, user=actor, obj=getattr(doc, "kind_row", None),
                 verb=f"导出{doc.kind.name}（{fmt}）",
                 after={"kind": doc.kind.key, "org": doc.org.code, "period": doc.period.key, "title": doc.title},
                 object_type="reports.kindreport" if getattr(doc, "kind_row", None) is None else "",
                 username="命令行" if cli else "")
# ------------------------------------------------------------------------------------------------ targets

TARGET_FIELDS = ("indicator_code", "dims", "comparison", "value", "year", "note")
MAX_TARGET_NOTE = 200
FIRST_TARGET_YEAR = 2000
TARGET_YEARS_AHEAD = 5


def _target_snapshot(target: Target) -> dict:
    data = {f: getattr(target, f) for f in TARGET_FIELDS}
    data["value"] = target.value_display
    data["org"] = target.org.code
    return data


def _check_target_actor(actor, org) -> None:
    if actor is None:
        return
    if not permissions.can_manage_targets(actor):
        raise ValidationError("您的角色不能设定目标值。")
    if not permissions.in_scope(actor, org):
        raise ValidationError("该机构不在您的数据范围内，或不存在。")


def parse_dims_text(text) -> dict:
    """“category=缓刑，level=县级” (or a dict) → {name: value}; the values are checked against the indicator later."""
    if isinstance(text, dict):
        return {str(k).strip(): str(v).strip() for k, v in text.items()}
    dims = {}
    for part in str(text or "").replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.replace("＝", "=").replace(":", "=").replace("：", "=").partition("=")
        if not sep or not name.strip():
            raise ValidationError(f"维度筛选“{part}”格式不正确：应为“维度=取值”，如 category=缓刑，多项用逗号分隔。")
        if name.strip() in dims:
            raise ValidationError(f"维度“{name.strip()}”重复填写。")
        dims[name.strip()] = value.strip()
    return dims


def _clean_target_value(raw, indicator, comparison: str) -> Decimal:
    text = str("" if raw is None else raw).strip().replace(",", "").replace("，", "").rstrip("%％")
    if not text:
        raise ValidationError("请填写目标值。")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(f"目标值“{str(raw)[:30]}”不是有效的数字。")
    if not value.is_finite():
        raise ValidationError(f"目标值“{str(raw)[:30]}”不是有效的数字。")
    if value < 0:
        raise ValidationError("目标值不能为负数。")
    if value.as_tuple().exponent < -4:
        raise ValidationError("目标值最多保留4位小数。")
    if value >= Decimal(10) ** 15:
        raise ValidationError("目标值过大。")
    if indicator.unit == "%" and value > 100:
        raise ValidationError(f"“{indicator.name}”按百分比计，目标值不能超过100。")
    if comparison == TargetComparison.BELOW and value == 0:
        raise ValidationError("目标“小于0”无法达到，请改为“等于0”或“不超过”某个数。")
    if comparison == TargetComparison.ABOVE and indicator.unit == "%" and value == 100:
        raise ValidationError("目标“大于100%”无法达到，请改为“等于100%”。")
    return value


def _clean_year(raw) -> int:
    try:
        year = int(str(raw).strip().removesuffix("年"))
    except (TypeError, ValueError):
        raise ValidationError(f"年度“{str(raw)[:20]}”不正确：应为四位年份，如 {timezone.localdate().year}。")
    last = timezone.localdate().year + TARGET_YEARS_AHEAD
    if not FIRST_TARGET_YEAR <= year <= last:
        raise ValidationError(f"年度应在{FIRST_TARGET_YEAR}年至{last}年之间。")
    return year


@transaction.atomic
def set_target(actor, *, org, code: str, comparison: str, value, year, dims=None, note: str = "",
               cli_user: str = "") -> Target:
    """Set (or correct) the target of one indicator (optionally filtered by dimensions) for one org and year."""
    from sifa.indicators import registry as indicator_registry

    try:
        org = resolve_org(org)
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    _check_target_actor(actor, org)
    try:
        indicator = indicator_registry.get((code or "").strip())
    except IndicatorError:
        raise ValidationError(f"指标“{str(code)[:60]}”不存在或已停用。")
    if comparison not in TargetComparison.values:
        labels = {label: key for key, label in TargetComparison.choices}
        if comparison not in labels:
            raise ValidationError("比较方式应为 ≥、>、≤、< 或 =。")
        comparison = labels[comparison]
    clean_value = _clean_target_value(value, indicator, comparison)
    year = _clean_year(year)
    try:
        clean_dims = indicator.clean_dims(parse_dims_text(dims), org_scope(org))
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    note = _clean_text(note, "依据或说明", MAX_TARGET_NOTE)
    if "\n" in note:
        raise ValidationError("依据或说明只能写一行。")
    dims_key = ";".join(f"{k}={v}" for k, v in sorted(clean_dims.items()))
    existing = Target.objects.select_for_update().filter(org=org, indicator_code=indicator.code,
                                                         dims_key=dims_key, year=year).first()
    before = _target_snapshot(existing) if existing else None
    target = existing or Target(org=org, indicator_code=indicator.code, dims_key=dims_key, year=year,
                                created_by=actor)
    target.dims, target.comparison, target.value, target.note = clean_dims, comparison, clean_value, note
    target.set_by = actor
    target.save()
    audit.record(AuditEventType.CONFIG, user=actor, obj=target, verb="修改目标值" if existing else "设定目标值",
                 before=before, after=_target_snapshot(target), username=cli_user or ("" if actor else "命令行"))
    return target


@transaction.atomic
def remove_target(actor, target: Target, cli_user: str = "") -> None:
    _check_target_actor(actor, target.org)
    audit.record(AuditEventType.CONFIG, user=actor, obj=target, verb="删除目标值", before=_target_snapshot(target),
                 username=cli_user or ("" if actor else "命令行"))
    target.delete()


@transaction.atomic
def load_default_targets(actor, *, org, year, cli_user: str = "") -> tuple[list[Target], list[str]]:
    """Set the default targets (cockpit.DEFAULT_TARGETS) that `org` has not set for `year`: (set, skipped with
    the reason). A target the bureau already set is never overwritten; each one set is its own audit row."""
    from sifa.indicators import registry as indicator_registry

    from .cockpit import DEFAULT_TARGETS

    try:
        org = resolve_org(org)
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    _check_target_actor(actor, org)
    year = _clean_year(year)
    done, skipped = [], []
    for default in DEFAULT_TARGETS:
        try:
            indicator_registry.get(default.code)
        except IndicatorError:
            skipped.append(f"{default.label}：指标“{default.code}”尚未登记")
            continue
        if Target.objects.filter(org=org, indicator_code=default.code, dims_key="", year=year).exists():
            skipped.append(f"{default.label}：已设定，未覆盖")
            continue
        done.append(set_target(actor, org=org, code=default.code, comparison=default.comparison,
                               value=default.value, year=year, note=default.note, cli_user=cli_user))
    return done, skipped


def record_cockpit_export(actor, data) -> None:
    """The leader's brief holds aggregate figures only, but every export is on the record."""
    audit.record(AuditEventType.EXPORT, user=actor, verb="导出法治驾驶舱简报（docx）",
                 after={"org": data.org_code, "period": data.period_key, "unmet": [f.code for f in data.unmet]},
                 object_type="reports.target", object_id=data.org_code)
