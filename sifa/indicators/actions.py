"""State changes of the indicators app: entering and removing historical baselines. Each validates, writes the
audit entry in the same transaction, and answers bad input with a Chinese ValidationError, writing nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import audit
from sifa.core.access import reaches
from sifa.core.models.audit import AuditEventType

from . import registry
from .errors import IndicatorError
from .models import Baseline
from .orgscope import resolve_org
from .periods import parse_period
from .permissions import can_manage_baselines

BASELINE_FIELDS = ("indicator_code", "org_id", "period_key", "value", "source", "note")
MAX_SOURCE = 200


def _snapshot(obj) -> dict:
    return {f: str(getattr(obj, f)) for f in BASELINE_FIELDS}


def _check_actor(actor, org) -> None:
    """A person may enter baselines for their own subtree only; `actor=None` is the command line (the operator
    already holds the server)."""
    if actor is None:
        return
    if not can_manage_baselines(actor):
        raise ValidationError("您的角色不能录入历史基数。")
    if not reaches(actor, org):
        raise ValidationError("该机构不在您的数据范围内，或不存在。")


def _clean_value(raw, decimals: int) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"数值“{raw}”不是有效的数字。")
    if not value.is_finite():
        raise ValidationError(f"数值“{raw}”不是有效的数字。")
    if value < 0:
        raise ValidationError("历史基数不能为负数。")
    if value.as_tuple().exponent < -4:
        raise ValidationError("历史基数最多保留4位小数。")
    if decimals == 0 and value != value.to_integral_value():
        raise ValidationError("该指标按整数计，历史基数应为整数。")
    if value >= Decimal(10) ** 16:
        raise ValidationError("数值过大。")
    return value


@transaction.atomic
def set_baseline(actor, *, code: str, org, period: str, value, source: str, note: str = "",
                 cli_user: str = "") -> Baseline:
    """Enter (or correct) the baseline of one indicator, org unit and past period."""
    try:
        indicator = registry.get(code)
        org = resolve_org(org)
        parsed = parse_period(period)
    except IndicatorError as exc:
        raise ValidationError(str(exc))
    _check_actor(actor, org)
    if parsed.end >= timezone.localdate():
        raise ValidationError(f"历史基数只能录入已结束的统计期间（{parsed.label}尚未结束）；本期数值一律由业务记录计算。")
    clean_value = _clean_value(value, indicator.decimals)
    source = (source or "").strip()
    if not source:
        raise ValidationError("请填写数据来源，如“2020年工作总结”。")
    if len(source) > MAX_SOURCE:
        raise ValidationError(f"数据来源不能超过{MAX_SOURCE}个字。")
    existing = Baseline.objects.filter(indicator_code=indicator.code, org=org, period_key=parsed.key).first()
    before = _snapshot(existing) if existing else None
    baseline = existing or Baseline(indicator_code=indicator.code, org=org, period_key=parsed.key,
                                    created_by=actor)
    baseline.period_start, baseline.period_end = parsed.start, parsed.end
    baseline.value, baseline.source, baseline.note = clean_value, source, (note or "").strip()
    baseline.entered_by = actor
    baseline.full_clean(exclude=["org_path", "region_code"])
    baseline.save()
    audit.record(AuditEventType.ACTION, user=actor, obj=baseline, verb="修改历史基数" if existing else "录入历史基数",
                 before=before, after=_snapshot(baseline), username=cli_user)
    return baseline


@transaction.atomic
def delete_baseline(actor, baseline: Baseline, cli_user: str = "") -> None:
    _check_actor(actor, baseline.org)
    before = _snapshot(baseline)
    audit.record(AuditEventType.ACTION, user=actor, obj=baseline, verb="删除历史基数", before=before,
                 username=cli_user)
    baseline.delete()
