"""法律援助服务机构 and the people on the roster (lawyers, 基层法律服务工作者, volunteers): registration,
执业状态, and who may take a case — the rules 轮流指派 reads."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q

from sifa.core import audit
from sifa.core.action_checks import choice, not_future, positive_int, required
from sifa.core.action_checks import today as _today
from sifa.core.identifiers import validate_credit_code, validate_mobile
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgUnit, User

from .. import rules
from ..models import (
    ASSIGNED_STATUSES,
    LAWYER_KINDS,
    LICENSED_KINDS,
    SENIOR_LAWYER_CIRCUMSTANCES,
    Application,
    Assignment,
    CaseArea,
    Category,
    LicenceStatus,
    Provider,
    ProviderKind,
    ServiceOrg,
    ServiceOrgKind,
)
from .base import PROVIDER_FIELDS, can_write


@transaction.atomic
def create_service_org(actor, *, org: OrgUnit, name: str, kind: str, credit_code: str = "",
                       phone: str = "") -> ServiceOrg:
    can_write(actor, org)
    name = required(name, "机构名称", 100)
    if ServiceOrg.objects.filter(org=org, name=name).exists():
        raise ValidationError(f"“{name}”已登记。")
    credit_code = validate_credit_code(credit_code) if (credit_code or "").strip() else ""
    service_org = ServiceOrg.objects.create(org=org, name=name, kind=choice(kind, ServiceOrgKind, "机构类型"),
                                            credit_code=credit_code, phone=(phone or "").strip()[:30],
                                            created_by=actor)
    audit.action(actor, "登记法律援助服务机构", service_org,
                 after={"name": name, "kind": service_org.kind, "credit_code": credit_code})
    return service_org


def clean_licence(kind: str, number: str) -> str:
    """律师执业证号 is 17 digits (DOMAIN §18.4); a 基层法律服务工作者 has a licence number of its own form; a
    volunteer has none."""
    number = "".join((number or "").split())
    if kind in LAWYER_KINDS:
        if not (len(number) == 17 and number.isdigit()):
            raise ValidationError(f"律师执业证号应为17位数字，“{number or '（空）'}”不符合。")
    elif kind == ProviderKind.LEGAL_WORKER:
        if not number or len(number) > 30 or not number.isalnum():
            raise ValidationError("请填写基层法律服务工作者执业证号（字母或数字，不超过30位）。")
    elif number:
        raise ValidationError("法律援助志愿者没有执业证号，请不要填写。")
    return number


def clean_specialities(value) -> str:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    areas = []
    for item in items:
        item = str(item).strip()
        if item:
            code = choice(item, CaseArea, "擅长领域")
            if code not in areas:
                areas.append(code)
    if not areas:
        raise ValidationError("请至少选择一个擅长领域（刑事、民事、行政）。")
    return ",".join(a for a in CaseArea.values if a in areas)


def _validate_provider(p: Provider) -> None:
    p.name = required(p.name, "姓名", 50)
    p.kind = choice(p.kind, ProviderKind, "人员类别")
    p.licence_number = clean_licence(p.kind, p.licence_number)
    p.licence_status = choice(p.licence_status, LicenceStatus, "执业状态")
    p.specialities = clean_specialities(p.specialities)
    p.max_open_cases = positive_int(p.max_open_cases, "同时承办案件上限", 200)
    not_future(p.practice_since, "首次执业日期")
    if p.kind in LICENSED_KINDS and p.practice_since is None:
        raise ValidationError("请填写首次执业日期（用于判断执业年限）。")
    p.mobile = validate_mobile(p.mobile) if (p.mobile or "").strip() else ""
    if p.licence_number and Provider.objects.filter(licence_number=p.licence_number).exclude(pk=p.pk).exists():
        raise ValidationError(f"执业证号“{p.licence_number}”已登记。")


@transaction.atomic
def create_provider(actor, *, service_org: ServiceOrg, name: str, kind: str, licence_number: str = "",
                    licence_status: str = LicenceStatus.ACTIVE, practice_since: dt.date | None = None,
                    specialities="criminal,civil,administrative", max_open_cases: int = 10,
                    in_rotation: bool = True, mobile: str = "", user: User | None = None) -> Provider:
    can_write(actor, service_org.org)
    if not service_org.active:
        raise ValidationError(f"“{service_org}”已停止承接法律援助。")
    provider = Provider(org=service_org.org, service_org=service_org, name=name, kind=kind,
                        licence_number=licence_number, licence_status=licence_status, practice_since=practice_since,
                        specialities=specialities, max_open_cases=max_open_cases, in_rotation=in_rotation,
                        mobile=mobile, user=user, created_by=actor)
    _validate_provider(provider)
    if provider.kind in LAWYER_KINDS and service_org.kind == ServiceOrgKind.LEGAL_SERVICE_FIRM:
        raise ValidationError("律师应登记在律师事务所或法律援助机构，不能登记在基层法律服务所。")
    if provider.kind == ProviderKind.LEGAL_WORKER and service_org.kind == ServiceOrgKind.LAW_FIRM:
        raise ValidationError("基层法律服务工作者应登记在基层法律服务所。")
    provider.save()
    audit.action(actor, "登记法律援助人员", provider, after=masked_snapshot(provider, PROVIDER_FIELDS))
    return provider


@transaction.atomic
def update_provider(actor, provider: Provider, **changes) -> Provider:
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    can_write(actor, provider.org)
    with audit.edited(actor, provider, "修改法律援助人员", PROVIDER_FIELDS) as edit:
        edit.apply(changes, allowed={"name", "practice_since", "specialities", "max_open_cases", "in_rotation",
                                     "mobile"})
        _validate_provider(provider)
        provider.save()
    return provider


@transaction.atomic
def set_licence_status(actor, provider: Provider, *, status: str, reason: str = "") -> Provider:
    """执业状态 as the 律师协会/司法行政机关 announced it; a provider who may no longer practise leaves the rotation."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    can_write(actor, provider.org)
    if provider.kind not in LICENSED_KINDS:
        raise ValidationError("法律援助志愿者没有执业证，无需登记执业状态。")
    status = choice(status, LicenceStatus, "执业状态")
    if status != LicenceStatus.ACTIVE and not (reason or "").strip():
        raise ValidationError("请填写执业状态变更的依据（如处罚决定书文号）。")
    before = {"licence_status": provider.licence_status}
    provider.licence_status = status
    provider.save(update_fields=["licence_status", "updated_at"])
    audit.action(actor, "变更执业状态", provider, before=before, after={"licence_status": status},
                 reason=(reason or "").strip()[:500])
    return provider


def open_cases(provider: Provider) -> int:
    return Assignment.objects.filter(provider=provider, active=True,
                                     application__status__in=ASSIGNED_STATUSES).count()


def can_take(provider: Provider, app: Application, on: dt.date) -> str:
    """Why `provider` may not take `app` on `on`, or "" if they may."""
    if provider.kind in LICENSED_KINDS and provider.licence_status != LicenceStatus.ACTIVE:
        return f"“{provider.name}”的执业状态为“{provider.get_licence_status_display()}”，不能承办法律援助案件。"
    if not provider.service_org.active:
        return f"“{provider.service_org}”已停止承接法律援助。"
    if app.category == Category.CRIMINAL_DEFENCE and provider.kind not in LAWYER_KINDS:
        return "刑事辩护须指派律师承办。"
    if app.circumstance in SENIOR_LAWYER_CIRCUMSTANCES:
        years = rules.years_between(provider.practice_since, on) if provider.practice_since else 0
        if provider.kind not in LAWYER_KINDS or years < rules.SENIOR_YEARS:
            return ("依据《法律援助法》第二十六条，可能被判处无期徒刑、死刑的人和死刑复核案件被告人，须指派具有三年以上"
                    f"相关执业经历的律师，“{provider.name}”执业不满三年。")
    return ""


def suggest_providers(app: Application, on: dt.date | None = None, limit: int = 10) -> list[Provider]:
    """轮流指派: people on the centre's roster who may take the case, whose speciality covers its area and who are
    under their workload limit — those with the fewest open cases first, then whoever waited longest."""
    on = on or _today()
    root = rules.county_root(app.org)
    candidates = (Provider.objects.filter(org_path__startswith=root.path, in_rotation=True,
                                          specialities__contains=app.case_area)
                  .select_related("service_org")
                  .annotate(open=Count("assignments", filter=Q(assignments__active=True,
                                                               assignments__application__status__in=ASSIGNED_STATUSES)),
                            last=Max("assignments__assigned_on")))
    ranked = sorted((p for p in candidates if p.open < p.max_open_cases and not can_take(p, app, on)),
                    key=lambda p: (p.open, p.last or dt.date.min, p.pk))
    return ranked[:limit]
