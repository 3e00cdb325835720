"""Searching, presenting and exporting the audit log for the 审计管理员 (SECURITY.md B2, C1)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.apps import apps
from django.db.models import Max, Min
from django.utils import timezone

from sifa.core import audit
from sifa.core.models import OrgUnit
from sifa.core.models.accounts import Role
from sifa.core.models.audit import AuditEvent, AuditEventType

from . import xlsx

MAX_EXPORT_ROWS = 50_000
OUTCOME_LABELS = {"success": "成功", "failure": "失败", "denied": "拒绝"}


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(filters: dict):
    """AuditEvent rows matching a cleaned AuditSearchForm, newest first."""
    qs = AuditEvent.objects.all().order_by("-id")
    if filters.get("start"):
        qs = qs.filter(at__gte=_day_start(filters["start"]))
    if filters.get("end"):
        qs = qs.filter(at__lt=_day_start(filters["end"] + timedelta(days=1)))
    if filters.get("username"):
        qs = qs.filter(username__icontains=filters["username"].strip())
    for name in ("role", "event", "object_type", "ip", "outcome"):
        if filters.get(name):
            qs = qs.filter(**{name: filters[name]})
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"].strip())
    return qs


def _model_label(object_type: str) -> str:
    if not object_type:
        return ""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


@dataclass
class AuditRow:
    """One audit event with its codes turned into Chinese labels."""

    event: AuditEvent
    event_label: str
    role_label: str
    org_name: str
    object_label: str
    outcome_label: str

    def __getattr__(self, name):
        return getattr(self.event, name)


def present(events) -> list[AuditRow]:
    events = list(events)
    paths = {e.org_path for e in events if e.org_path}
    org_names = dict(OrgUnit.objects.filter(path__in=paths).values_list("path", "name")) if paths else {}
    event_labels = dict(AuditEventType.choices)
    role_labels = dict(Role.choices)
    return [AuditRow(event=e, event_label=event_labels.get(e.event, e.event),
                     role_label=role_labels.get(e.role, e.role),
                     org_name=org_names.get(e.org_path, e.org_path),
                     object_label=_model_label(e.object_type),
                     outcome_label=OUTCOME_LABELS.get(e.outcome, e.outcome)) for e in events]


EXPORT_HEADERS = ["编号", "时间（北京时间）", "事件类型", "结果", "账号", "角色", "机构", "IP地址", "请求编号",
                  "对象类型", "对象编号", "对象", "操作", "事由"]


def _export_rows(qs):
    batch = []
    for event in qs.iterator(chunk_size=2000):
        batch.append(event)
        if len(batch) == 2000:
            yield from present(batch)
            batch = []
    yield from present(batch)


def export(actor, filters: dict, active_filters: dict) -> tuple[bytes, int]:
    """The filtered rows as .xlsx bytes; the export itself is audited (EXPORT). Raises ValueError if too large."""
    qs = search(filters)
    count = qs.count()
    if count > MAX_EXPORT_ROWS:
        raise ValueError(f"符合条件的记录有{count}条，超过单次导出上限{MAX_EXPORT_ROWS}条，请缩小时间范围后再导出。")
    rows = (
        [r.id, timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"), r.event_label, r.outcome_label, r.username,
         r.role_label, r.org_name, r.ip or "", r.request_id, r.object_label, r.object_id, r.object_repr, r.verb,
         r.reason]
        for r in _export_rows(qs)
    )
    content = xlsx.workbook_bytes("审计日志", EXPORT_HEADERS, rows)
    span = qs.aggregate(first=Min("id"), last=Max("id"))
    audit.record(AuditEventType.EXPORT, user=actor, object_type=AuditEvent._meta.label_lower, verb="导出审计日志",
                 object_id=f"{span['first']}-{span['last']}" if count else "无记录",
                 after={"filters": active_filters, "rows": count})
    return content, count
