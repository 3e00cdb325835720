"""What a staff user sees first (工作台): 待办 (unread inbox), 临期/超期 items, 待我决定 (from the lines' workflow
tables, core.workflow), 最近记录, and for the 三员
administrators their administration links instead of case data.

Business lines add their recent records with a provider registered in their AppConfig.ready()::

    home.register_recent_model("人民调解", Dispute, "mediation:dispute_detail", title=lambda d: d.number)

or, for anything else, `home.register_recent("人民调解", provider)` with `provider(user, limit)` returning
`RecentRecord`s that the provider has scoped to the user itself.

A line whose records are assigned to people by name (sifa.core.access: `assignee_fields`) lists the open ones
under 指派给我的, so an assigned lawyer finds their cases though another unit owns them::

    home.register_assigned("法律援助", Application, "legalaid:application_detail", open_only=Q(status__in=…))
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from . import access, notify
from .context_processors import navigation_sections
from .roles import ADMIN_ROLES, can_read_case_records

log = logging.getLogger("sifa.home")

INBOX_ON_HOME = 8
DUE_ON_HOME = 30
RECENT_ON_HOME = 10
DUE_PER_LINE = 5

ADMIN_DUTIES = {
    "system_admin": "负责机构、账号、系统配置和后台任务的管理。按照“三员分立”要求，系统管理员不查看业务案件数据，也不查阅审计日志。",
    "security_admin": "负责角色授权、账号解锁和安全策略的管理。按照“三员分立”要求，安全管理员不查看业务案件数据。",
    "audit_admin": "负责查阅、核验审计日志，监督系统管理员和安全管理员的操作。审计管理员只读，不修改任何数据。",
}


@dataclass(frozen=True)
class RecentRecord:
    title: str
    url: str
    when: dt.datetime | dt.date | None
    line: str
    note: str = ""


Provider = Callable[[object, int], Iterable[RecentRecord]]
_providers: list[tuple[str, Provider]] = []


def register_recent(line: str, provider: Provider) -> Provider:
    """Add a source of recent records for the home page. Registering the same provider twice is harmless."""
    if (line, provider) not in _providers:
        _providers.append((line, provider))
    return provider


def unregister_recent(provider: Provider) -> None:
    _providers[:] = [(line, p) for line, p in _providers if p is not provider]


def register_recent_model(line: str, model, url_name: str, *, title: Callable = str,
                          when_field: str = "updated_at", mine_only: bool = False, note: Callable | None = None):
    """A provider over a ScopedModel: the records of the user's scope changed most recently (with mine_only, the
    ones the user created)."""

    def provider(user, limit: int):
        queryset = model.objects.for_user(user)
        if mine_only:
            queryset = queryset.filter(created_by=user)
        for obj in queryset.order_by(f"-{when_field}", "-pk")[:limit]:
            yield RecentRecord(title=str(title(obj)), url=reverse(url_name, args=[obj.pk]),
                               when=getattr(obj, when_field), line=line, note=note(obj) if note else "")

    provider.__qualname__ = f"recent_{model._meta.label_lower}"
    return register_recent(line, provider)


@dataclass(frozen=True)
class AssignedSource:
    line: str
    model: type
    url_name: str
    title: Callable
    open_only: Q | None


_assigned: list[AssignedSource] = []


def register_assigned(line: str, model, url_name: str, *, title: Callable = str, open_only: Q | None = None):
    """List the user's open assigned records of `model` (those `open_only` keeps) on their home page."""
    source = AssignedSource(line, model, url_name, title, open_only)
    if source not in _assigned:
        _assigned.append(source)
    return source


def assigned_records(user, limit: int = DUE_ON_HOME) -> tuple[list[RecentRecord], int]:
    """(the newest open records assigned to the user by name, how many there are in all)."""
    records, total = [], 0
    for source in _assigned:
        queryset = access.assigned_to(source.model.objects.all(), user)
        if source.open_only is not None:
            queryset = queryset.filter(source.open_only)
        total += queryset.count()
        for obj in queryset.order_by("-updated_at", "-pk")[:limit]:
            records.append(RecentRecord(title=str(source.title(obj)), url=reverse(source.url_name, args=[obj.pk]),
                                        when=obj.updated_at, line=source.line))
    return sorted(records, key=_sort_key, reverse=True)[:limit], total


def _sort_key(record: RecentRecord):
    when = record.when
    if when is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time.max)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when


def recent_records(user, limit: int = RECENT_ON_HOME) -> list[RecentRecord]:
    """Every line's recent records for the user, newest first. A failing provider is logged and skipped so one
    broken line cannot take the home page down."""
    records: list[RecentRecord] = []
    for line, provider in list(_providers):
        try:
            records.extend(list(provider(user, limit))[:limit])
        except Exception:
            log.exception("最近记录来源“%s”出错，已跳过", line)
    return sorted(records, key=_sort_key, reverse=True)[:limit]


def own_recent_records(user, limit: int) -> list[RecentRecord]:
    """最近记录 from the user's own actions (the audit log's 业务操作 rows): the records they last worked on,
    newest first, each once, re-read through the record's data scope (a record no longer theirs drops out) and
    linked to its page. Every line's records come for free; a line's own provider may add more."""
    from django.apps import apps

    from .models.audit import AuditEvent, AuditEventType
    from .models.scope import ScopedModel

    seen, records = set(), []
    rows = (AuditEvent.objects.filter(user=user, event=AuditEventType.ACTION, outcome="success")
            .exclude(object_id="").order_by("-id").values_list("object_type", "object_id", "at", "verb"))
    for object_type, object_id, at, verb in rows[:limit * 10]:
        if (object_type, object_id) in seen:
            continue
        seen.add((object_type, object_id))
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        if not issubclass(model, ScopedModel) or not hasattr(model, "get_absolute_url"):
            continue
        obj = model.objects.for_user(user).filter(pk=object_id).first() if str(object_id).isdigit() else None
        if obj is None:
            continue
        try:
            url = obj.get_absolute_url()
        except Exception:
            continue
        records.append(RecentRecord(title=str(obj), url=url, when=at, line=model._meta.app_config.verbose_name,
                                    note=verb))
        if len(records) >= limit:
            break
    return records


register_recent("本人操作", own_recent_records)


def _awaiting(user) -> list:
    """待我决定: records whose state (in their line's workflow table) awaits a decision the user may take. A
    failing line is logged and skipped, as for the other home-page sources."""
    from .workflow import awaiting_for

    try:
        return awaiting_for(user)
    except Exception:
        log.exception("待我决定出错，已跳过")
        return []


def home_context(user) -> dict:
    from . import deadlines

    inbox = notify.inbox_for(user).filter(read_at__isnull=True).order_by("-id")
    context = {
        "inbox": list(inbox[:INBOX_ON_HOME]),
        "inbox_count": inbox.count(),
        "is_admin_role": user.role in ADMIN_ROLES,
        "reads_cases": can_read_case_records(user),
    }
    if context["is_admin_role"]:
        context["admin_duty"] = ADMIN_DUTIES.get(user.role, "")
        context["admin_sections"] = navigation_sections(user)
    if context["reads_cases"]:
        summary = deadlines.summary_for(user)
        first = summary.due_today()
        first += [i for i in summary.newly_overdue() if i not in first]
        assigned, assigned_count = assigned_records(user)
        context.update(
            assigned=assigned,
            assigned_count=assigned_count,
            due_items=summary.items[:DUE_ON_HOME],
            due_first=first[:DUE_ON_HOME],
            today=summary.today,
            due_by_line=[dict(g, items=g["items"][:DUE_PER_LINE]) for g in summary.by_line(exclude=first)],
            long_overdue_count=summary.long_overdue_count(),
            long_overdue_days=deadlines.LONG_OVERDUE_DAYS,
            overdue_count=summary.overdue,
            near_count=summary.near,
            recent=recent_records(user),
            awaiting=_awaiting(user),
        )
    return context
