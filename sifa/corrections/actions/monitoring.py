"""电子定位 (第二十九条): proposed for one of the law's situations, approved by the county for at most three
months at a time, renewed on assessment and ended early or when the correction ends."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import choice, not_before, not_future, required, today
from sifa.core.masking import masked_snapshot

from .. import access, rules
from ..models import (
    REVOCATION_KINDS,
    ElectronicMonitor,
    MonitorRenewal,
    MonitorSituation,
    MonitorStatus,
    RewardSanction,
    SanctionKind,
    SanctionStatus,
    Subject,
)
from ..workflow import MONITOR
from .base import county_heads, decided_sanctions, in_period, link_to, past_date, supervised, tell, writable

MONITOR_FIELDS = ("situation", "months", "status", "approved_on", "start_on", "end_on", "ended_on")


def _check_situation(subject: Subject, situation: str) -> None:
    """The facts a situation rests on must be on the record (a tag is a serious measure, 第二十九条)."""
    if situation == MonitorSituation.PROHIBITION and not subject.prohibitions.strip():
        raise ValidationError("该对象未被宣告禁止令，不能以“违反人民法院禁止令”为由使用电子定位装置。")
    if situation == MonitorSituation.REFUSED_REPORT and not decided_sanctions(subject, SanctionKind.WARNING).exists():
        raise ValidationError("以“拒不报告活动情况被给予警告”为由的，须已对该对象作出警告决定。")
    if situation == MonitorSituation.PUNISHED and not decided_sanctions(
            subject, SanctionKind.PUBLIC_SECURITY, SanctionStatus.UPHELD).exists():
        raise ValidationError("以“被给予治安管理处罚”为由的，须已有公安机关作出治安管理处罚的记录。")
    if situation == MonitorSituation.REVOCATION and not RewardSanction.objects.filter(
            subject=subject, kind__in=REVOCATION_KINDS,
            status__in=(SanctionStatus.PROPOSED, SanctionStatus.SUBMITTED)).exists():
        raise ValidationError("以“拟提请撤销缓刑、假释或收监执行”为由的，须已提出撤销或收监建议。")


@transaction.atomic
def propose_monitor(actor, subject: Subject, *, situation: str, facts: str, months: int,
                    proposed_on: dt.date | None = None) -> ElectronicMonitor:
    """提出 using an electronic tag: only in the five situations of 第二十九条, at most three months."""
    subject = supervised(subject, actor, "提出使用电子定位装置")
    situation = choice(situation, MonitorSituation, "适用情形")
    months = inputs.whole_number(months, "使用期限（月）", 1, rules.MONITOR_MAX_MONTHS)
    proposed_on = inputs.date(proposed_on or today(), "提出日期")
    in_period(subject, proposed_on, "提出日期")
    _check_situation(subject, situation)
    if ElectronicMonitor.objects.filter(subject=subject, status__in=(MonitorStatus.PROPOSED,
                                                                     MonitorStatus.ACTIVE)).exists():
        raise ValidationError("该对象已有待批准或使用中的电子定位。")
    monitor = ElectronicMonitor.objects.create(subject=subject, org=subject.org, situation=situation,
                                               facts=required(facts, "事实和理由", 2000), months=months,
                                               proposed_on=proposed_on, proposed_by=actor, created_by=actor)
    audit.action(actor, "提出使用电子定位装置", monitor, after=masked_snapshot(monitor, MONITOR_FIELDS))
    tell(county_heads(subject.org), f"电子定位待批准：{subject.name}", monitor.get_situation_display(),
          link_to(monitor))
    return monitor


def _monitor_end(start: dt.date, months: int) -> dt.date:
    return rules.add_years_months(start, months=months) - dt.timedelta(days=1)


@transaction.atomic
def approve_monitor(actor, monitor: ElectronicMonitor, *, approve: bool, approved_on: dt.date | None = None,
                    start_on: dt.date | None = None, reason: str = "") -> ElectronicMonitor:
    """县级司法行政部门负责人批准 (第二十九条); the period is the approved months from `start_on` (the day of
    approval unless later)."""
    monitor = ElectronicMonitor.objects.select_for_update().select_related("subject").get(pk=monitor.pk)
    access.ensure_head(actor, monitor.org, "使用电子定位装置")
    MONITOR.check(monitor, "approve")
    approved_on = inputs.date(approved_on or today(), "批准日期")
    not_future(approved_on, "批准日期")
    not_before(approved_on, monitor.proposed_on, "批准日期", "提出日期")
    before = masked_snapshot(monitor, MONITOR_FIELDS)
    monitor.approved_by, monitor.approved_on = actor, approved_on
    if approve:
        start_on = inputs.date(start_on or approved_on, "使用起始日")
        not_before(start_on, approved_on, "使用起始日", "批准日期")
        monitor.status, monitor.start_on = MonitorStatus.ACTIVE, start_on
        monitor.end_on = _monitor_end(start_on, monitor.months)
    else:
        monitor.status = MonitorStatus.REJECTED
        monitor.end_reason = required(reason, "不予批准理由", 500)
    monitor.save()
    audit.action(actor, "批准使用电子定位装置" if approve else "不予批准使用电子定位装置", monitor, before=before,
                 after=masked_snapshot(monitor, MONITOR_FIELDS))
    tell([monitor.proposed_by], f"电子定位{'已批准' if approve else '未获批准'}：{monitor.subject.name}", "",
          link_to(monitor))
    return monitor


@transaction.atomic
def renew_monitor(actor, monitor: ElectronicMonitor, *, months: int, assessment: str,
                  approved_on: dt.date | None = None) -> MonitorRenewal:
    """延长: after an assessment that it is still needed, each renewal at most three months, approved by the
    head again. Every renewal is kept."""
    monitor = ElectronicMonitor.objects.select_for_update().get(pk=monitor.pk)
    access.ensure_head(actor, monitor.org, "延长使用电子定位装置")
    MONITOR.check(monitor, "renew")
    months = inputs.whole_number(months, "延长期限（月）", 1, rules.MONITOR_MAX_MONTHS)
    approved_on = inputs.date(approved_on or today(), "批准日期")
    not_future(approved_on, "批准日期")
    if approved_on > monitor.end_on:
        raise ValidationError(f"电子定位已于{monitor.end_on:%Y-%m-%d}期满，期满后不能再延长；确需使用的，"
                              "请重新提出。")
    previous_end = monitor.end_on
    monitor.end_on = _monitor_end(previous_end + dt.timedelta(days=1), months)
    monitor.save(update_fields=["end_on", "updated_at"])
    renewal = MonitorRenewal.objects.create(monitor=monitor, org=monitor.org, approved_on=approved_on,
                                            approved_by=actor, months=months, previous_end=previous_end,
                                            new_end=monitor.end_on, assessment=required(assessment, "评估意见", 2000),
                                            created_by=actor)
    audit.action(actor, "延长使用电子定位装置", monitor, before={"end_on": str(previous_end)},
                 after={"end_on": str(monitor.end_on), "months": months})
    return renewal


@transaction.atomic
def end_monitor(actor, monitor: ElectronicMonitor, *, ended_on: dt.date, reason: str) -> ElectronicMonitor:
    """解除 when no longer needed (第二十九条第二款) or at the end of the period."""
    monitor = writable(ElectronicMonitor.objects.select_for_update().get(pk=monitor.pk), actor, MONITOR, "end")
    ended_on = past_date(ended_on, "解除日期", monitor.start_on, "使用起始日")
    before = masked_snapshot(monitor, MONITOR_FIELDS)
    monitor.status, monitor.ended_on = MonitorStatus.ENDED, ended_on
    monitor.end_reason = required(reason, "解除理由", 500)
    monitor.save()
    audit.action(actor, "解除电子定位装置", monitor, before=before, after=masked_snapshot(monitor, MONITOR_FIELDS))
    return monitor


def close_monitors(subject: Subject, on: dt.date, reason: str) -> None:
    for monitor in ElectronicMonitor.objects.filter(subject=subject, status__in=(MonitorStatus.ACTIVE,
                                                                                MonitorStatus.PROPOSED)):
        was = monitor.status
        monitor.status = MonitorStatus.ENDED if was == MonitorStatus.ACTIVE else MonitorStatus.REJECTED
        monitor.ended_on = on if was == MonitorStatus.ACTIVE else None
        monitor.end_reason = f"社区矫正{reason}"
        monitor.save()
