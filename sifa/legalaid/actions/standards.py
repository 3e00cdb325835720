"""The centre's standards: 经济困难标准 (who qualifies) and the 办案补贴 rate table (what a closed case earns)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from sifa.core import audit
from sifa.core.action_checks import choice, money, required
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgUnit

from ..models import Category, HardshipStandard, QualityGrade, SubsidyRate
from .base import can_write


@transaction.atomic
def set_hardship_standard(actor, *, org: OrgUnit, monthly_income_per_capita, basis: str,
                          effective_from: dt.date) -> HardshipStandard:
    """经济困难标准 for `org`'s subtree from `effective_from` (a later standard replaces it)."""
    can_write(actor, org)
    amount = money(monthly_income_per_capita, "家庭人均月收入上限", allow_zero=False)
    if amount is None:
        raise ValidationError("请填写家庭人均月收入上限（元）。")
    if HardshipStandard.objects.filter(org=org, effective_from=effective_from).exists():
        raise ValidationError(f"{effective_from:%Y-%m-%d}起施行的经济困难标准已登记。")
    standard = HardshipStandard.objects.create(org=org, monthly_income_per_capita=amount,
                                               basis=required(basis, "标准依据", 200), effective_from=effective_from,
                                               created_by=actor)
    audit.record("config", user=actor, obj=standard, verb="设置经济困难标准",
                 after={"amount": str(amount), "effective_from": str(effective_from), "basis": standard.basis})
    return standard


def hardship_standard_for(org: OrgUnit, on: dt.date) -> HardshipStandard | None:
    """The standard in force on `on` for `org`: the nearest ancestor's latest standard effective by then."""
    ancestors = [p for p in _ancestor_paths(org.path)]
    candidates = HardshipStandard.objects.filter(org__path__in=ancestors, effective_from__lte=on)
    return max(candidates, key=lambda s: (len(s.org_path), s.effective_from, s.pk), default=None)


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


RATE_FIELDS = ("category", "base_amount", "extra_person_amount", "effective_from", "effective_to", "note")


def _check_rate(rate: SubsidyRate) -> None:
    if rate.effective_to and rate.effective_to < rate.effective_from:
        raise ValidationError("停止日期不能早于施行日期。")
    overlapping = SubsidyRate.objects.filter(org=rate.org, category=rate.category).exclude(pk=rate.pk).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=rate.effective_from))
    if rate.effective_to:
        overlapping = overlapping.filter(effective_from__lte=rate.effective_to)
    if overlapping.exists():
        raise ValidationError(f"“{rate.get_category_display()}”在该期间已有补贴标准，请先为原标准填写停止日期。")


@transaction.atomic
def set_subsidy_rate(actor, *, org: OrgUnit, category: str, base_amount, effective_from: dt.date,
                     extra_person_amount=0, effective_to: dt.date | None = None, note: str = "") -> SubsidyRate:
    """One row of the 办案补贴 rate table."""
    can_write(actor, org)
    rate = SubsidyRate(org=org, category=choice(category, Category, "案件类别"),
                       base_amount=money(base_amount, "基本补贴", allow_zero=False) or Decimal("0"),
                       extra_person_amount=money(extra_person_amount, "每增加一名受援人的补贴") or Decimal("0"),
                       effective_from=effective_from, effective_to=effective_to, note=(note or "").strip()[:200],
                       created_by=actor)
    if rate.base_amount <= 0:
        raise ValidationError("请填写基本补贴（元/件）。")
    _check_rate(rate)
    rate.save()
    audit.record("config", user=actor, obj=rate, verb="设置办案补贴标准", after=masked_snapshot(rate, RATE_FIELDS))
    return rate


@transaction.atomic
def update_subsidy_rate(actor, rate: SubsidyRate, **changes) -> SubsidyRate:
    rate = SubsidyRate.objects.select_for_update().get(pk=rate.pk)
    can_write(actor, rate.org)
    with audit.edited(actor, rate, "修改办案补贴标准", RATE_FIELDS, event="config") as edit:
        edit.apply(changes, allowed={"base_amount", "extra_person_amount", "effective_to", "note"}, cleaners={
            "base_amount": lambda v: money(v, "基本补贴", allow_zero=False),
            "extra_person_amount": lambda v: money(v, "每增加一名受援人的补贴") or Decimal("0"),
            "note": lambda v: (v or "").strip()[:200]})
        if rate.base_amount is None:
            raise ValidationError("请填写基本补贴（元/件）。")
        _check_rate(rate)
        rate.save()
    return rate


def rate_for(org: OrgUnit, category: str, on: dt.date) -> SubsidyRate | None:
    candidates = SubsidyRate.objects.filter(org__path__in=_ancestor_paths(org.path), category=category,
                                            effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    return max(candidates, key=lambda r: (len(r.org_path), r.effective_from, r.pk), default=None)


def subsidy_for(rate: SubsidyRate, recipients: int, grade: str) -> Decimal:
    """Base amount plus the per-extra-recipient amount; a file graded 不合格 earns no subsidy."""
    if grade == QualityGrade.FAIL:
        return Decimal("0.00")
    return (rate.base_amount + rate.extra_person_amount * max(recipients - 1, 0)).quantize(Decimal("0.01"))
