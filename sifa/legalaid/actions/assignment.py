"""指派 within three days (第43条, 第36条): to a person, to a firm that names its person, or by rotation; and
更换承办人. The assignee is re-read from the database and checked (licence, speciality, workload)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.action_checks import not_before, not_future, required
from sifa.core.action_checks import today as _today

from .. import rules
from ..models import (
    Application,
    Assignment,
    Provider,
    ServiceOrg,
    Status,
)
from .base import application_url, lock, snapshot, tell, within_limit
from .providers import can_take, open_cases, suggest_providers


def _fresh(service_org: ServiceOrg | None, provider: Provider | None):
    """Re-read the assignee from the database: a licence may have been suspended since the form was shown."""
    if provider is not None:
        provider = Provider.objects.select_related("service_org").get(pk=provider.pk)
    if service_org is not None:
        service_org = ServiceOrg.objects.get(pk=service_org.pk)
    return service_org, provider


def _check_assignee(app: Application, service_org: ServiceOrg, provider: Provider | None, on: dt.date) -> None:
    root = rules.county_root(app.org)
    if not service_org.org_path.startswith(root.path):
        raise ValidationError(f"“{service_org}”不在本县（区）的法律援助服务机构名册中。")
    if not service_org.active:
        raise ValidationError(f"“{service_org}”已停止承接法律援助。")
    if provider is None:
        return
    if provider.service_org_id != service_org.pk:
        raise ValidationError(f"“{provider.name}”不属于“{service_org}”。")
    reason = can_take(provider, app, on)
    if reason:
        raise ValidationError(reason)
    if open_cases(provider) >= provider.max_open_cases:
        raise ValidationError(f"“{provider.name}”在办案件已达上限{provider.max_open_cases}件，请指派其他人员。")


@transaction.atomic
def assign(actor, app: Application, *, assigned_on: dt.date, service_org: ServiceOrg | None = None,
           provider: Provider | None = None, by_rotation: bool = False, late_reason: str = "") -> Assignment:
    """指派 within three days of the decision (第43条) or of receiving the notice (第36条): to a person (their
    firm follows), to a firm that will name its person (第27条), or — with `by_rotation` — to the first person
    the rotation offers."""
    app = lock(app, actor, "assign")
    not_future(assigned_on, "指派日期")
    not_before(assigned_on, app.decided_on or app.centre_received_on, "指派日期",
               "决定日期" if app.decided_on else "收到通知日期")
    if by_rotation and provider is None:
        offered = suggest_providers(app, assigned_on, limit=1)
        if not offered:
            raise ValidationError("名册中没有可轮流指派的人员（执业状态正常、擅长该领域且未达承办上限），请手动指派。")
        provider = offered[0]
    service_org, provider = _fresh(service_org, provider)
    if provider is not None:
        service_org = service_org or provider.service_org
    if service_org is None:
        raise ValidationError("请选择承办机构或承办人员。")
    _check_assignee(app, service_org, provider, assigned_on)
    on_time = within_limit(assigned_on, app.assign_due, late_reason, "指派")
    before = snapshot(app)
    assignment = Assignment.objects.create(application=app, org=app.org, service_org=service_org, provider=provider,
                                           assigned_on=assigned_on, by_rotation=bool(by_rotation), created_by=actor)
    app.status = Status.ASSIGNED
    app.assigned_on, app.assigned_on_time = assigned_on, on_time
    if not on_time:
        app.late_reason = "；".join(x for x in (app.late_reason, late_reason.strip()) if x)[:2000]
    app.save()
    audit.action(actor, "指派", app, before=before,
                 after=snapshot(app) | {"service_org": service_org.name, "provider": provider.name if provider else "",
                                         "by_rotation": bool(by_rotation)})
    if provider is not None and provider.user_id:
        tell([provider.user], f"法律援助指派：{app.number}", app.get_category_display(), application_url(app))
    return assignment


@transaction.atomic
def designate_provider(actor, app: Application, *, provider: Provider) -> Assignment:
    """The firm a case was assigned to names the lawyer or 基层法律服务工作者 who will handle it."""
    app = lock(app, actor, "designate")
    assignment = app.assignments.filter(active=True).first()
    if assignment is None:
        raise ValidationError("该案件尚未指派。")
    if assignment.provider_id:
        raise ValidationError("该案件已确定承办人；如需更换，请使用“更换承办人”。")
    _, provider = _fresh(None, provider)
    _check_assignee(app, assignment.service_org, provider, _today())
    assignment.provider = provider
    assignment.save(update_fields=["provider", "updated_at"])
    audit.action(actor, "确定承办人", app, after={"provider": provider.name})
    if provider.user_id:
        tell([provider.user], f"法律援助指派：{app.number}", app.get_category_display(), application_url(app))
    return assignment


@transaction.atomic
def replace_assignment(actor, app: Application, *, reason: str, replaced_on: dt.date,
                       provider: Provider) -> Assignment:
    """更换承办人 (受援人 asks with good reason, the lawyer can no longer act…): the old assignment stays on
    file, inactive."""
    app = lock(app, actor, "replace")
    current = app.assignments.filter(active=True).first()
    if current is None:
        raise ValidationError("该案件尚未指派，不能更换承办人。")
    reason = required(reason, "更换原因", 200)
    not_future(replaced_on, "更换日期")
    not_before(replaced_on, current.assigned_on, "更换日期", "原指派日期")
    _, provider = _fresh(None, provider)
    if provider.pk == current.provider_id:
        raise ValidationError("新承办人与原承办人相同。")
    _check_assignee(app, provider.service_org, provider, replaced_on)
    current.active, current.ended_on, current.end_reason = False, replaced_on, reason
    current.save(update_fields=["active", "ended_on", "end_reason", "updated_at"])
    assignment = Assignment.objects.create(application=app, org=app.org, service_org=provider.service_org,
                                           provider=provider, assigned_on=replaced_on, created_by=actor)
    audit.action(actor, "更换承办人", app, after={"provider": provider.name}, reason=reason)
    return assignment
