"""Every change to a legal-aid or legal-consultation record goes through one of these functions.

Each one checks the actor's scope, the workflow (申请/通知 → 转交 → 审查决定 ≤7日 → 指派 ≤3日 → 承办 → 结案 →
评查/补贴 → 评价; DOMAIN.md §3) and the legal time limits, writes the audit row in the same transaction and
notifies whoever acts next. Bad input raises ValidationError with a Chinese message and writes nothing;
acting outside one's scope raises PermissionDenied. Pages, the API, ledger imports, the portal and the demo
builder all call these.

Time limits are the centre's duties, so a late step is not refused — it happened and must be recorded — but it
needs a written reason (逾期原因) and is counted as late by the 按期 indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse

from sifa.core import audit, uploads
from sifa.core.action_checks import (
    choice,
    ensure_can_write,
    money,
    not_before,
    not_future,
    positive_int,
    required,
)
from sifa.core.action_checks import today as _today
from sifa.core.identifiers import parse_resident_id, validate_credit_code, validate_mobile
from sifa.core.masking import mask_mobile, masked_snapshot
from sifa.core.models import OrgKind, OrgUnit, Role, User
from sifa.core.notify import notify
from sifa.core.numbering import next_case_number

from . import rules
from .models import (
    ASSIGNED_STATUSES,
    AWAITING_ASSIGNMENT,
    FINAL_STATUSES,
    LAWYER_KINDS,
    LICENSED_KINDS,
    SENIOR_LAWYER_CIRCUMSTANCES,
    Application,
    Assignment,
    CaseArea,
    Category,
    Channel,
    Circumstance,
    CivilMatter,
    ClosureMethod,
    Consultation,
    ConsultChannel,
    ConsultStatus,
    Decision,
    Document,
    DocumentKind,
    DutyShift,
    DutyStation,
    Exemption,
    HardshipStandard,
    HelpKind,
    LegalHelp,
    LicenceStatus,
    NotifyingOrgan,
    Objection,
    ObjectionOutcome,
    Progress,
    ProgressKind,
    Provider,
    ProviderKind,
    QualityGrade,
    Referral,
    ReviewBasis,
    Satisfaction,
    ServiceOrg,
    ServiceOrgKind,
    Stage,
    StationKind,
    Status,
    SubsidyRate,
    TerminationReason,
    Topic,
)

LINE = "法律援助"
CASE_LINE_CODE = "legalaid"
APPLICATION_FIELDS = ("number", "status", "channel", "category", "org_id", "received_on", "centre_received_on",
                      "decision", "decided_on", "decision_due", "assign_due", "assigned_on", "closed_on",
                      "closure_method", "quality_grade", "subsidy_amount", "satisfaction", "review_basis",
                      "exemption", "household_income", "recipients")
PROVIDER_FIELDS = ("name", "kind", "licence_number", "licence_status", "practice_since", "specialities",
                   "max_open_cases", "in_rotation", "mobile", "service_org_id")
CHILDREN = (Assignment, Progress, Document, Objection)
PORTAL_KIND = "legalaid"
QUESTION_KIND = "legalaid_question"


# --- shared helpers -----------------------------------------------------------------------------------------------


def _can_write(actor, org: OrgUnit) -> None:
    ensure_can_write(actor, org, LINE)


def _snapshot(app: Application) -> dict:
    return masked_snapshot(app, APPLICATION_FIELDS)


def application_url(app: Application) -> str:
    try:
        return reverse("legalaid:application_detail", args=[app.pk])
    except NoReverseMatch:
        return ""


def _notify(users: Iterable[User], title: str, body: str = "", link: str = "") -> None:
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notify(user, title, body, link, category=LINE)


def staff_of(org: OrgUnit) -> list[User]:
    return list(User.objects.filter(org=org, role__in=[Role.SECTION_STAFF, Role.OFFICE_STAFF], is_active=True))


def _lock(app: Application, actor, verb: str) -> Application:
    app = Application.objects.select_for_update().get(pk=app.pk)
    _can_write(actor, app.org)
    return app


def _late(day: dt.date, due: dt.date | None, late_reason: str, what: str) -> bool:
    """True if on time; a late step needs a reason (the limit is the centre's duty, the step still counts)."""
    if due is None or day <= due:
        return True
    if not (late_reason or "").strip():
        raise ValidationError(f"已超过{what}的法定期限（应于{due:%Y-%m-%d}前完成），请填写逾期原因。")
    return False


def _move(app: Application, org: OrgUnit) -> None:
    app.org = org
    app.save()
    for model in CHILDREN:
        model.objects.filter(application=app).update(org=org, org_path=org.path, region_code=org.division_id)


# --- configuration ------------------------------------------------------------------------------------------------


@transaction.atomic
def set_hardship_standard(actor, *, org: OrgUnit, monthly_income_per_capita, basis: str,
                          effective_from: dt.date) -> HardshipStandard:
    """经济困难标准 for `org`'s subtree from `effective_from` (a later standard replaces it)."""
    _can_write(actor, org)
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
    _can_write(actor, org)
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
    _can_write(actor, rate.org)
    before = masked_snapshot(rate, RATE_FIELDS)
    for field, value in changes.items():
        if field not in {"base_amount", "extra_person_amount", "effective_to", "note"}:
            raise ValidationError(f"字段“{field}”不允许修改。")
        if field == "base_amount":
            value = money(value, "基本补贴", allow_zero=False)
        elif field == "extra_person_amount":
            value = money(value, "每增加一名受援人的补贴") or Decimal("0")
        elif field == "note":
            value = (value or "").strip()[:200]
        setattr(rate, field, value)
    if rate.base_amount is None:
        raise ValidationError("请填写基本补贴（元/件）。")
    _check_rate(rate)
    rate.save()
    audit.record("config", user=actor, obj=rate, verb="修改办案补贴标准", before=before,
                 after=masked_snapshot(rate, RATE_FIELDS))
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


# --- service organisations and providers --------------------------------------------------------------------------


@transaction.atomic
def create_service_org(actor, *, org: OrgUnit, name: str, kind: str, credit_code: str = "",
                       phone: str = "") -> ServiceOrg:
    _can_write(actor, org)
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
    _can_write(actor, service_org.org)
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
    _can_write(actor, provider.org)
    before = masked_snapshot(provider, PROVIDER_FIELDS)
    for field, value in changes.items():
        if field not in {"name", "practice_since", "specialities", "max_open_cases", "in_rotation", "mobile"}:
            raise ValidationError(f"字段“{field}”不允许修改。")
        setattr(provider, field, value)
    _validate_provider(provider)
    provider.save()
    audit.action(actor, "修改法律援助人员", provider, before=before, after=masked_snapshot(provider, PROVIDER_FIELDS))
    return provider


@transaction.atomic
def set_licence_status(actor, provider: Provider, *, status: str, reason: str = "") -> Provider:
    """执业状态 as the 律师协会/司法行政机关 announced it; a provider who may no longer practise leaves the rotation."""
    provider = Provider.objects.select_for_update().get(pk=provider.pk)
    _can_write(actor, provider.org)
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


# --- applicants and applications ----------------------------------------------------------------------------------


def _applicant(data: dict, on: dt.date) -> dict:
    try:
        person = parse_resident_id(data.get("id_number"))
    except ValidationError as exc:
        raise ValidationError(f"申请人：{' '.join(exc.messages)}")
    age = person.age_on(on)
    mobile = (data.get("mobile") or "").strip()
    return {
        "name": required(data.get("name"), "申请人姓名", 50), "id_number": person.number, "sex": person.sex,
        "birth_date": person.birth_date, "mobile": validate_mobile(mobile) if mobile else "",
        "address": (data.get("address") or "").strip()[:200],
        "is_minor": age < rules.ADULT_AGE, "is_elderly": age >= rules.ELDERLY_AGE, "is_woman": person.sex == "女",
    }


def check_economic(*, org: OrgUnit, on: dt.date, exemption: str = "", review_basis: str = ReviewBasis.PLEDGE,
                   household_size=None, household_income=None) -> dict:
    """The economic review of 第41–42条 and 第32条: an exempt or unlimited case passes as such; otherwise the
    household's per-capita monthly income must not exceed the hardship standard in force. An applicant who is
    above it and falls under no exemption is refused here, before anything is written."""
    exemption = choice(exemption, Exemption, "免予核查或不受限情形") if exemption else ""
    basis = rules.review_basis_for(exemption, choice(review_basis or ReviewBasis.PLEDGE, ReviewBasis, "审查方式"))
    if basis == ReviewBasis.NOTIFIED:
        raise ValidationError("“办案机关通知”只用于通知辩护（代理）案件，申请案件请选择信息共享核查或个人诚信承诺。")
    result = {"exemption": exemption, "review_basis": basis, "household_size": None, "household_income": None,
              "hardship_standard": None}
    if exemption:
        return result
    size = positive_int(household_size, "家庭人口", 50) if household_size not in (None, "") else None
    income = money(household_income, "家庭月收入")
    if size is None or income is None:
        raise ValidationError("请填写家庭人口和家庭月收入，或选择免予核查（第四十二条）、不受经济困难条件限制"
                              "（第三十二条）的情形。")
    standard = hardship_standard_for(org, on)
    if standard is None:
        raise ValidationError("本地尚未设置经济困难标准，无法审查经济状况。请先在“经济困难标准”中设置。")
    per_capita = rules.per_capita(income, size)
    if per_capita > standard.monthly_income_per_capita:
        raise ValidationError(
            f"申请人家庭人均月收入{per_capita}元，高于本地经济困难标准{standard.monthly_income_per_capita}元"
            f"（{standard.basis}），且不属于《法律援助法》第四十二条免予核查或第三十二条不受经济困难条件限制的情形，"
            "不符合法律援助条件。可告知申请人委托律师，或属于上述情形的，请选择相应情形后重新提交。")
    result.update(household_size=size, household_income=income, hardship_standard=standard)
    return result


def _clean_matter(category: str, civil_matter: str) -> tuple[str, str]:
    category = choice(category, Category, "案件类别")
    if civil_matter:
        civil_matter = choice(civil_matter, CivilMatter, "援助事项")
    elif category not in (Category.CRIMINAL_DEFENCE, Category.CRIMINAL_AGENCY):
        raise ValidationError("民事、行政法律援助请选择《法律援助法》第三十一条规定的援助事项。")
    return category, civil_matter


def _case_number(app: Application, year: int) -> str:
    centre = rules.aid_centre_for(app.org)
    return next_case_number(CASE_LINE_CODE, centre, year, rules.short_name(centre.name) + "援")


def _decision_due(app: Application) -> None:
    if app.centre_received_on is not None:
        app.decision_due = rules.due(rules.DECISION, app.centre_received_on)


def _save_new(app: Application, actor, verb: str, public_username: str = "") -> Application:
    app.number = _case_number(app, app.received_on.year)
    app.created_by = actor if getattr(actor, "pk", None) else None
    app.save()
    after = _snapshot(app)
    if app.created_by is None:
        audit.record("action", obj=app, verb=verb, after=after, username=public_username)
    else:
        audit.action(actor, verb, app, after=after)
    return app


def _intake_status(org: OrgUnit) -> tuple[str, bool]:
    at_centre = rules.is_aid_centre(org)
    return (Status.RECEIVED if at_centre else Status.FORWARDING), at_centre


def _build_application(*, org: OrgUnit, channel: str, category: str, summary: str, received_on: dt.date,
                       applicant: dict, civil_matter: str = "", opposing_party: str = "", handling_organ: str = "",
                       amount=None, recipients=1, is_disabled=False, is_migrant_worker=False, is_military=False,
                       is_dv_victim=False, exemption: str = "", review_basis: str = ReviewBasis.PLEDGE,
                       household_size=None, household_income=None, financial_note: str = "") -> Application:
    if org.kind not in (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU, OrgKind.JUSTICE_OFFICE,
                        OrgKind.PLS_CENTER, OrgKind.PLS_STATION) or not org.active:
        raise ValidationError(f"“{org}”不是法律援助机构、公共法律服务中心（站）或司法所，不能受理法律援助申请。")
    not_future(received_on, "受理日期")
    category, civil_matter = _clean_matter(category, civil_matter)
    person = _applicant(applicant, received_on)
    economic = check_economic(org=org, on=received_on, exemption=exemption, review_basis=review_basis,
                              household_size=household_size, household_income=household_income)
    status, at_centre = _intake_status(org)
    app = Application(
        org=org, intake_org=org, channel=choice(channel, Channel, "申请方式"), category=category,
        case_area=rules.area_of(category), civil_matter=civil_matter, summary=required(summary, "案情摘要", 5000),
        opposing_party=(opposing_party or "").strip()[:100], handling_organ=(handling_organ or "").strip()[:100],
        amount=money(amount, "涉案金额"), recipients=positive_int(recipients, "受援人数", 10000),
        is_disabled=bool(is_disabled), is_migrant_worker=bool(is_migrant_worker), is_military=bool(is_military),
        is_dv_victim=bool(is_dv_victim), financial_note=(financial_note or "").strip()[:2000],
        status=status, received_on=received_on, centre_received_on=received_on if at_centre else None,
        **person, **economic)
    if app.channel == Channel.NOTICE:
        raise ValidationError("办案机关通知辩护（代理）请使用“登记通知”。")
    if app.exemption == Exemption.MIGRANT_WORKER:
        app.is_migrant_worker = True
    if app.exemption == Exemption.ABUSE and not app.is_dv_victim:
        app.is_dv_victim = True
    _decision_due(app)
    return app


@transaction.atomic
def register_application(actor, *, org: OrgUnit, applicant: dict, **fields) -> Application:
    """受理 an application made in person (来访), by phone or through a staff member for an online form.
    `applicant` = {name, id_number, mobile, address}. The economic review runs now: an applicant above the
    hardship standard with no exemption is refused with the reason and nothing is written."""
    _can_write(actor, org)
    app = _build_application(org=org, applicant=applicant, **fields)
    app = _save_new(app, actor, "受理法律援助申请")
    if app.status == Status.FORWARDING:
        centre = rules.aid_centre_for(org)
        _notify(staff_of(centre), f"待转交法律援助申请：{app.number}", f"{org.name}受理，请及时接收审查。",
                application_url(app))
    return app


@transaction.atomic
def submit_online_application(*, org: OrgUnit, mobile: str, applicant: dict, **fields) -> Application:
    """A citizen's online application (portal), signed in with `mobile`: it reaches the chosen centre (or 司法所)
    with a 查询码 for the status pages."""
    from sifa.portal.tracking import issue_tracking_code

    mobile = validate_mobile(mobile)
    applicant = {**applicant, "mobile": applicant.get("mobile") or mobile}
    app = _build_application(org=org, channel=Channel.ONLINE, received_on=_today(), applicant=applicant, **fields)
    app = _save_new(app, None, "网上申请法律援助", public_username=f"公众:{mask_mobile(mobile)}")
    app.tracking_code = issue_tracking_code(app, PORTAL_KIND, mobile).code
    app.save(update_fields=["tracking_code"])
    _notify(staff_of(org), "新的网上法律援助申请", f"{app.get_category_display()}：{app.summary[:60]}",
            application_url(app))
    return app


@transaction.atomic
def register_notice(actor, *, org: OrgUnit, notifying_organ: str, notifier: str, notice_number: str,
                    circumstance: str, stage: str, notified_on: dt.date, received_on: dt.date, defendant: dict,
                    summary: str, category: str = Category.CRIMINAL_DEFENCE, discovered_on: dt.date | None = None,
                    handling_organ: str = "", is_disabled: bool = False) -> Application:
    """通知辩护（代理）: a court, procuratorate or police notice under 第25、28条. The organ must notify within three
    days of finding the circumstance (第36条; a late notice is recorded, not refused — the defendant still gets
    a lawyer); the centre must assign within three days of receipt. No economic review (第25条). The same notice
    (organ and document number), or a second open notice of the same organ for the same person at the same
    stage, is refused as a duplicate."""
    _can_write(actor, org)
    if not rules.is_aid_centre(org):
        raise ValidationError("通知辩护（代理）由法律援助机构接收，请选择法律援助中心。")
    notifying_organ = choice(notifying_organ, NotifyingOrgan, "通知机关类别")
    notifier = required(notifier, "通知机关名称", 100)
    notice_number = required(notice_number, "通知书文号", 100)
    circumstance = choice(circumstance, Circumstance, "应当通知的情形")
    stage = choice(stage, Stage, "诉讼阶段")
    category = choice(category, Category, "案件类别")
    if category not in (Category.CRIMINAL_DEFENCE, Category.CRIMINAL_AGENCY):
        raise ValidationError("通知案件的类别应为刑事辩护或刑事代理（强制医疗）。")
    if stage == Stage.INVESTIGATION and notifying_organ == NotifyingOrgan.COURT:
        raise ValidationError("侦查阶段的通知应由公安机关或人民检察院发出。")
    not_future(notified_on, "发出通知日期")
    not_future(received_on, "收到通知日期")
    not_before(received_on, notified_on, "收到通知日期", "发出通知日期")
    not_before(notified_on, discovered_on, "发出通知日期", "发现应当通知情形日期")
    person = _applicant(defendant, received_on)
    if Application.objects.filter(notifier=notifier, notice_number=notice_number).exists():
        raise ValidationError(f"{notifier}的通知书“{notice_number}”已经登记，不能重复登记。", code="duplicate")
    if Application.objects.filter(channel=Channel.NOTICE, notifying_organ=notifying_organ, stage=stage,
                                  id_number=person["id_number"]).exclude(status__in=FINAL_STATUSES).exists():
        raise ValidationError(f"{NotifyingOrgan(notifying_organ).label}在{Stage(stage).label}为该犯罪嫌疑人（被告人）"
                              "发出的通知已经登记且尚未结案，不能重复登记。", code="duplicate")
    notice_due = rules.due(rules.NOTICE, discovered_on) if discovered_on else None
    app = Application(
        org=org, intake_org=org, channel=Channel.NOTICE, category=category, case_area=CaseArea.CRIMINAL,
        summary=required(summary, "案情摘要", 5000), handling_organ=(handling_organ or notifier).strip()[:100],
        review_basis=ReviewBasis.NOTIFIED, notifying_organ=notifying_organ, notifier=notifier,
        notice_number=notice_number, circumstance=circumstance, stage=stage, discovered_on=discovered_on,
        notified_on=notified_on, notice_late=bool(notice_due and notified_on > notice_due),
        is_disabled=bool(is_disabled or circumstance == Circumstance.SENSORY_DISABILITY),
        status=Status.GRANTED, received_on=received_on, centre_received_on=received_on,
        assign_due=rules.due(rules.NOTICE_ASSIGNMENT, received_on), **person)
    try:
        with transaction.atomic():
            app = _save_new(app, actor, "登记通知辩护（代理）")
    except IntegrityError:
        raise ValidationError(f"{notifier}的通知书“{notice_number}”已经登记，不能重复登记。", code="duplicate")
    _notify(staff_of(org), f"通知辩护：{app.number}，请于{app.assign_due:%Y-%m-%d}前指派律师", notifier,
            application_url(app))
    return app


@transaction.atomic
def forward_application(actor, app: Application, *, forwarded_on: dt.date, centre: OrgUnit | None = None) -> Application:
    """转交: a 司法所 or workstation passes the application to the 法律援助中心; the seven days of 第43条 run from
    the centre's receipt."""
    app = _lock(app, actor, "转交")
    if app.status != Status.FORWARDING:
        raise ValidationError("该申请已由法律援助机构接收，无需转交。")
    centre = centre or rules.aid_centre_for(app.org)
    if not rules.is_aid_centre(centre):
        raise ValidationError(f"“{centre}”不是法律援助机构。")
    if not rules.county_root(app.org).path == rules.county_root(centre).path:
        raise ValidationError("只能转交本县（区）的法律援助机构。")
    not_future(forwarded_on, "转交日期")
    not_before(forwarded_on, app.received_on, "转交日期", "受理日期")
    before = _snapshot(app)
    app.status = Status.RECEIVED
    app.centre_received_on = forwarded_on
    _decision_due(app)
    _move(app, centre)
    audit.action(actor, "转交法律援助机构", app, before=before, after=_snapshot(app))
    _notify(staff_of(centre), f"收到转交的法律援助申请：{app.number}",
            f"请于{app.decision_due:%Y-%m-%d}前作出决定。", application_url(app))
    return app


@transaction.atomic
def decide(actor, app: Application, *, decision: str, decided_on: dt.date, reason: str = "",
           late_reason: str = "") -> Application:
    """审查决定 within seven days of the centre's receipt (第43条): 给予, 不予 (with reasons, the applicant may
    object within the law's procedure, 第49条) or 先行提供 (第44条, urgent cases)."""
    app = _lock(app, actor, "审查决定")
    if app.status != Status.RECEIVED:
        raise ValidationError(f"该案件当前状态为“{app.get_status_display()}”，不能作出审查决定。")
    if not rules.is_aid_centre(app.org):
        raise ValidationError("审查决定由法律援助机构作出，请先转交。")
    decision = choice(decision, Decision, "审查决定")
    not_future(decided_on, "决定日期")
    not_before(decided_on, app.centre_received_on, "决定日期", "收到申请日期")
    if decision in (Decision.REFUSE, Decision.PROVISIONAL) and not (reason or "").strip():
        raise ValidationError("不予法律援助须写明理由；先行提供须写明紧急情形（第四十四条）。")
    on_time = _late(decided_on, app.decision_due, late_reason, "审查决定")
    before = _snapshot(app)
    app.decision, app.decided_on, app.decided_on_time = decision, decided_on, on_time
    app.decision_reason = (reason or "").strip()[:2000]
    if not on_time:
        app.late_reason = late_reason.strip()[:2000]
    if decision == Decision.REFUSE:
        app.status = Status.REFUSED
    else:
        app.status = Status.GRANTED if decision == Decision.GRANT else Status.PROVISIONAL
        app.assign_due = rules.due(rules.ASSIGNMENT, decided_on)
    app.save()
    audit.action(actor, "法律援助审查决定", app, before=before, after=_snapshot(app), reason=app.decision_reason)
    return app


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
    app = _lock(app, actor, "指派")
    if app.status not in AWAITING_ASSIGNMENT:
        raise ValidationError(f"该案件当前状态为“{app.get_status_display()}”，不能指派。")
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
    on_time = _late(assigned_on, app.assign_due, late_reason, "指派")
    before = _snapshot(app)
    assignment = Assignment.objects.create(application=app, org=app.org, service_org=service_org, provider=provider,
                                           assigned_on=assigned_on, by_rotation=bool(by_rotation), created_by=actor)
    app.status = Status.ASSIGNED
    app.assigned_on, app.assigned_on_time = assigned_on, on_time
    if not on_time:
        app.late_reason = "；".join(x for x in (app.late_reason, late_reason.strip()) if x)[:2000]
    app.save()
    audit.action(actor, "指派", app, before=before,
                 after=_snapshot(app) | {"service_org": service_org.name, "provider": provider.name if provider else "",
                                         "by_rotation": bool(by_rotation)})
    if provider is not None and provider.user_id:
        _notify([provider.user], f"法律援助指派：{app.number}", app.get_category_display(), application_url(app))
    return assignment


@transaction.atomic
def designate_provider(actor, app: Application, *, provider: Provider) -> Assignment:
    """The firm a case was assigned to names the lawyer or 基层法律服务工作者 who will handle it."""
    app = _lock(app, actor, "确定承办人")
    assignment = app.assignments.filter(active=True).first()
    if app.status not in ASSIGNED_STATUSES or assignment is None:
        raise ValidationError("该案件尚未指派。")
    if assignment.provider_id:
        raise ValidationError("该案件已确定承办人；如需更换，请使用“更换承办人”。")
    _, provider = _fresh(None, provider)
    _check_assignee(app, assignment.service_org, provider, _today())
    assignment.provider = provider
    assignment.save(update_fields=["provider", "updated_at"])
    audit.action(actor, "确定承办人", app, after={"provider": provider.name})
    if provider.user_id:
        _notify([provider.user], f"法律援助指派：{app.number}", app.get_category_display(), application_url(app))
    return assignment


@transaction.atomic
def replace_assignment(actor, app: Application, *, reason: str, replaced_on: dt.date,
                       provider: Provider) -> Assignment:
    """更换承办人 (受援人 asks with good reason, the lawyer can no longer act…): the old assignment stays on
    file, inactive."""
    app = _lock(app, actor, "更换承办人")
    current = app.assignments.filter(active=True).first()
    if app.status not in ASSIGNED_STATUSES or current is None:
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


@transaction.atomic
def record_progress(actor, app: Application, *, happened_on: dt.date, kind: str, note: str) -> Progress:
    app = _lock(app, actor, "登记办理进展")
    if app.status not in ASSIGNED_STATUSES:
        raise ValidationError("只有已指派、承办中的案件可以登记办理进展。")
    not_future(happened_on, "日期")
    not_before(happened_on, app.assigned_on, "日期", "指派日期")
    progress = Progress.objects.create(application=app, org=app.org, happened_on=happened_on,
                                       kind=choice(kind, ProgressKind, "办理事项"), note=required(note, "情况", 5000),
                                       created_by=actor)
    if app.status == Status.ASSIGNED:
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记办理进展", app, after={"kind": progress.kind, "on": str(happened_on)})
    return progress


def _store_document(app: Application, kind: str, uploaded, actor, from_portal: bool) -> Document:
    kind = choice(kind, DocumentKind, "材料类型")
    stored = uploads.store(uploaded, folder="legalaid")
    try:
        document = Document.objects.create(
            application=app, org=app.org, kind=kind, original_name=stored.original_name,
            stored_name=stored.name, content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
            from_portal=from_portal, created_by=actor)
    except Exception:
        uploads.delete(stored.name)
        raise
    return document


MAX_DOCUMENTS = 50


@transaction.atomic
def add_document(actor, app: Application, *, kind: str, uploaded) -> Document:
    """案卷材料: uploaded through the staff pages (size cap, magic-byte allowlist, metadata stripped)."""
    app = _lock(app, actor, "上传材料")
    if app.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(f"每件案件最多上传{MAX_DOCUMENTS}份材料。")
    document = _store_document(app, kind, uploaded, actor, from_portal=False)
    audit.action(actor, "上传案件材料", app, after={"kind": document.kind, "size": document.size})
    return document


PORTAL_DOCUMENT_KINDS = (DocumentKind.IDENTITY, DocumentKind.ECONOMIC, DocumentKind.EVIDENCE,
                         DocumentKind.APPLICATION_FORM, DocumentKind.OTHER)
PORTAL_MAX_DOCUMENTS = 10


@transaction.atomic
def add_portal_document(app: Application, *, mobile: str, kind: str, uploaded) -> Document:
    """A document the applicant uploads on the portal for their own application, while it is being reviewed."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import codes_for

    app = Application.objects.select_for_update().get(pk=app.pk)
    if not codes_for(app).filter(mobile_digest=mobile_digest(mobile)).exists():
        raise PermissionDenied("只能为本人的申请上传材料。")
    if app.status not in (Status.FORWARDING, Status.RECEIVED):
        raise ValidationError("申请已审查完毕，如需补充材料请联系法律援助中心。")
    if choice(kind, DocumentKind, "材料类型") not in PORTAL_DOCUMENT_KINDS:
        raise ValidationError("请选择身份证明、经济困难证明、案件材料等申请材料类型。")
    if app.documents.filter(from_portal=True).count() >= PORTAL_MAX_DOCUMENTS:
        raise ValidationError(f"网上最多上传{PORTAL_MAX_DOCUMENTS}份材料，其余材料请到窗口提交。")
    document = _store_document(app, kind, uploaded, None, from_portal=True)
    audit.record("action", obj=app, verb="申请人上传材料", after={"kind": document.kind, "size": document.size},
                 username=f"公众:{mask_mobile(mobile)}")
    return document


@transaction.atomic
def close_case(actor, app: Application, *, closed_on: dt.date, method: str, outcome: str,
               recovered_amount=None) -> Application:
    """结案: the 结案报告 and the document that shows how the case ended must be on file first."""
    app = _lock(app, actor, "结案")
    if app.status not in ASSIGNED_STATUSES:
        raise ValidationError(f"该案件当前状态为“{app.get_status_display()}”，不能结案。")
    current = app.assignments.filter(active=True).first()
    if current is None or current.provider_id is None:
        raise ValidationError("该案件尚未确定承办人，不能结案。")
    method = choice(method, ClosureMethod, "结案方式")
    not_future(closed_on, "结案日期")
    not_before(closed_on, app.assigned_on, "结案日期", "指派日期")
    on_file = set(app.documents.values_list("kind", flat=True))
    missing = [DocumentKind(k).label for k in rules.required_closing_documents(method) if k not in on_file]
    if missing:
        raise ValidationError(f"结案须先上传：{'、'.join(missing)}。")
    before = _snapshot(app)
    app.status = Status.CLOSED
    app.closed_on, app.closure_method = closed_on, method
    app.outcome = required(outcome, "办理结果", 5000)
    app.recovered_amount = money(recovered_amount, "挽回经济损失")
    app.save()
    audit.action(actor, "结案", app, before=before, after=_snapshot(app))
    return app


@transaction.atomic
def terminate(actor, app: Application, *, terminated_on: dt.date, reason: str, note: str) -> Application:
    """终止法律援助 (第48条); the recipient may object (第49条)."""
    app = _lock(app, actor, "终止法律援助")
    if app.status in FINAL_STATUSES or app.status in (Status.FORWARDING, Status.RECEIVED):
        raise ValidationError(f"该案件当前状态为“{app.get_status_display()}”，不能终止法律援助。")
    reason = choice(reason, TerminationReason, "终止原因")
    not_future(terminated_on, "终止日期")
    not_before(terminated_on, app.decided_on or app.centre_received_on, "终止日期", "决定日期")
    before = _snapshot(app)
    app.status, app.termination_reason, app.closed_on = Status.TERMINATED, reason, terminated_on
    app.outcome = required(note, "终止情况说明", 2000)
    app.save()
    audit.action(actor, "终止法律援助", app, before=before, after=_snapshot(app), reason=app.outcome)
    return app


@transaction.atomic
def withdraw(actor, app: Application, *, withdrawn_on: dt.date, note: str = "") -> Application:
    app = _lock(app, actor, "撤回申请")
    if app.status not in (Status.FORWARDING, Status.RECEIVED):
        raise ValidationError("只有尚未作出审查决定的申请可以撤回。")
    not_future(withdrawn_on, "撤回日期")
    not_before(withdrawn_on, app.received_on, "撤回日期", "受理日期")
    before = _snapshot(app)
    app.status, app.closed_on, app.outcome = Status.WITHDRAWN, withdrawn_on, (note or "申请人撤回申请").strip()[:2000]
    app.save()
    audit.action(actor, "撤回法律援助申请", app, before=before, after=_snapshot(app))
    return app


@transaction.atomic
def grade_case(actor, app: Application, *, grade: str, graded_on: dt.date, note: str = "") -> Application:
    """案卷质量评查 after 结案; the subsidy follows from the rate table in force on the closure date
    (不合格 files earn none)."""
    app = _lock(app, actor, "案卷评查")
    if app.status != Status.CLOSED:
        raise ValidationError("案卷质量评查在结案后进行。")
    if app.quality_grade:
        raise ValidationError("该案卷已评查。")
    grade = choice(grade, QualityGrade, "评查等次")
    not_future(graded_on, "评查日期")
    not_before(graded_on, app.closed_on, "评查日期", "结案日期")
    if grade in (QualityGrade.FAIL, QualityGrade.EXCELLENT) and not (note or "").strip():
        raise ValidationError("评为优秀或不合格的，请填写评查意见。")
    rate = rate_for(app.org, app.category, app.closed_on)
    if rate is None:
        raise ValidationError(f"未设置{app.closed_on:%Y-%m-%d}适用的“{app.get_category_display()}”办案补贴标准，"
                              "请先在补贴标准中设置。")
    before = _snapshot(app)
    app.quality_grade, app.graded_on, app.grade_note = grade, graded_on, (note or "").strip()[:2000]
    app.subsidy_rate = rate
    app.subsidy_amount = subsidy_for(rate, app.recipients, grade)
    app.save()
    audit.action(actor, "案卷质量评查", app, before=before, after=_snapshot(app))
    return app


def _rate(app: Application, satisfaction: str, rated_on: dt.date, note: str) -> tuple[dict, Application]:
    if app.status not in (Status.CLOSED, Status.TERMINATED):
        raise ValidationError("结案后才能评价。")
    if app.satisfaction:
        raise ValidationError("该案件已评价，每件案件只能评价一次。")
    satisfaction = choice(satisfaction, Satisfaction, "满意度")
    not_future(rated_on, "评价日期")
    not_before(rated_on, app.closed_on, "评价日期", "结案日期")
    if satisfaction == Satisfaction.DISSATISFIED and not (note or "").strip():
        raise ValidationError("不满意的，请简要说明原因，便于我们改进。")
    before = _snapshot(app)
    app.satisfaction, app.satisfaction_on = satisfaction, rated_on
    app.satisfaction_note = (note or "").strip()[:500]
    app.save()
    return before, app


@transaction.atomic
def record_satisfaction(actor, app: Application, *, satisfaction: str, rated_on: dt.date,
                        note: str = "") -> Application:
    """受援人满意度 as collected by staff on a follow-up call."""
    app = _lock(app, actor, "登记满意度")
    before, app = _rate(app, satisfaction, rated_on, note)
    audit.action(actor, "登记受援人满意度", app, before=before, after=_snapshot(app))
    return app


@transaction.atomic
def rate_online(app: Application, *, mobile: str, satisfaction: str, note: str = "") -> Application:
    """The applicant rates their own closed case once on the portal."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import codes_for

    app = Application.objects.select_for_update().get(pk=app.pk)
    if not codes_for(app).filter(mobile_digest=mobile_digest(mobile)).exists():
        raise PermissionDenied("只能评价本人的申请。")
    before, app = _rate(app, satisfaction, _today(), note)
    audit.record("action", obj=app, verb="受援人网上评价", before=before, after=_snapshot(app),
                 username=f"公众:{mask_mobile(mobile)}")
    return app


@transaction.atomic
def lodge_objection(actor, app: Application, *, received_on: dt.date, reason: str) -> Objection:
    """异议 to the 司法行政部门 against 不予 or 终止 (第49条); it decides within five days."""
    app = _lock(app, actor, "登记异议")
    if app.status not in (Status.REFUSED, Status.TERMINATED):
        raise ValidationError("只能对不予法律援助或终止法律援助的决定提出异议。")
    if app.objections.filter(outcome=ObjectionOutcome.PENDING).exists():
        raise ValidationError("该案件已有正在审查的异议。")
    not_future(received_on, "收到异议日期")
    not_before(received_on, app.decided_on if app.status == Status.REFUSED else app.closed_on, "收到异议日期",
               "原决定日期")
    objection = Objection.objects.create(application=app, org=app.org, received_on=received_on,
                                         reason=required(reason, "异议理由", 2000),
                                         due_on=rules.due(rules.OBJECTION, received_on), created_by=actor)
    audit.action(actor, "登记法律援助异议", app, after={"received_on": str(received_on), "due_on": str(objection.due_on)})
    bureau = rules.county_root(app.org)
    _notify(staff_of(bureau), f"法律援助异议：{app.number}，请于{objection.due_on:%Y-%m-%d}前审查",
            link=application_url(app))
    return objection


@transaction.atomic
def decide_objection(actor, objection: Objection, *, outcome: str, decided_on: dt.date, note: str,
                     late_reason: str = "") -> Objection:
    """The bureau upholds the centre or orders it to correct; a corrected refusal returns to 待审查."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    bureau = rules.county_root(objection.org)
    _can_write(actor, bureau)
    if actor.org_id != bureau.pk and not bureau.path.startswith(actor.org.path):
        raise PermissionDenied("异议由设立法律援助机构的司法行政部门审查。")
    if objection.outcome != ObjectionOutcome.PENDING:
        raise ValidationError("该异议已审查。")
    outcome = choice(outcome, ObjectionOutcome, "审查结果")
    if outcome == ObjectionOutcome.PENDING:
        raise ValidationError("请选择维持或责令改正。")
    not_future(decided_on, "审查决定日期")
    not_before(decided_on, objection.received_on, "审查决定日期", "收到异议日期")
    _late(decided_on, objection.due_on, late_reason, "异议审查")
    objection.outcome, objection.decided_on = outcome, decided_on
    objection.note = required(note, "审查意见", 2000)
    if late_reason.strip():
        objection.note += f"（逾期原因：{late_reason.strip()[:500]}）"
    objection.save()
    app = Application.objects.select_for_update().get(pk=objection.application_id)
    if outcome == ObjectionOutcome.CORRECTED:
        before = _snapshot(app)
        app.status = Status.RECEIVED
        app.decision, app.decided_on, app.decided_on_time, app.closed_on = "", None, None, None
        app.termination_reason = ""
        app.centre_received_on = decided_on
        _decision_due(app)
        app.save()
        audit.action(actor, "责令改正，重新审查", app, before=before, after=_snapshot(app))
    audit.action(actor, "审查法律援助异议", app, after={"outcome": outcome, "decided_on": str(decided_on)})
    return objection


# --- 值班律师 ----------------------------------------------------------------------------------------------------


@transaction.atomic
def create_station(actor, *, org: OrgUnit, name: str, kind: str, address: str = "") -> DutyStation:
    _can_write(actor, org)
    station = DutyStation.objects.create(org=org, name=required(name, "工作站名称", 100),
                                         kind=choice(kind, StationKind, "派驻机关"),
                                         address=(address or "").strip()[:200], created_by=actor)
    audit.action(actor, "设立值班律师工作站", station, after={"name": station.name, "kind": station.kind})
    return station


@transaction.atomic
def schedule_shift(actor, *, station: DutyStation, provider: Provider, on_date: dt.date) -> DutyShift:
    """排班: a lawyer on duty at a station on a day. Only practising lawyers sit as 值班律师."""
    _can_write(actor, station.org)
    if not station.active:
        raise ValidationError(f"“{station}”已撤销。")
    if provider.kind not in LAWYER_KINDS:
        raise ValidationError("值班律师须由律师担任。")
    if provider.licence_status != LicenceStatus.ACTIVE:
        raise ValidationError(f"“{provider.name}”的执业状态为“{provider.get_licence_status_display()}”，不能值班。")
    if not provider.org_path.startswith(rules.county_root(station.org).path):
        raise ValidationError(f"“{provider.name}”不在本县（区）法律援助人员名册中。")
    if DutyShift.objects.filter(station=station, provider=provider, on_date=on_date).exists():
        raise ValidationError(f"{on_date:%Y-%m-%d}“{provider.name}”已排在“{station}”值班。")
    shift = DutyShift.objects.create(org=station.org, station=station, provider=provider, on_date=on_date,
                                     created_by=actor)
    audit.action(actor, "值班排班", shift, after={"station": station.name, "provider": provider.name,
                                                "on_date": str(on_date)})
    return shift


@transaction.atomic
def record_help(actor, *, station: DutyStation, provider: Provider, helped_on: dt.date, kind: str,
                persons: int = 1, case_reference: str = "", note: str = "") -> LegalHelp:
    """法律帮助 by the 值班律师 on duty; 认罪认罚具结在场 needs the procuratorate's case number (one record per
    case, counted as 认罪认罚案件)."""
    _can_write(actor, station.org)
    not_future(helped_on, "日期")
    if not DutyShift.objects.filter(station=station, provider=provider, on_date=helped_on).exists():
        raise ValidationError(f"{helped_on:%Y-%m-%d}“{provider.name}”未排在“{station}”值班，请先排班。")
    kind = choice(kind, HelpKind, "帮助类型")
    reference = (case_reference or "").strip()[:100]
    if kind == HelpKind.PLEA:
        if station.kind not in (StationKind.PROCURATORATE, StationKind.DETENTION, StationKind.COURT):
            raise ValidationError("认罪认罚具结在场应在检察院、看守所或法院工作站。")
        if not reference:
            raise ValidationError("认罪认罚具结在场须填写检察院案号。")
        if LegalHelp.objects.filter(kind=HelpKind.PLEA, case_reference=reference,
                                    org_path__startswith=rules.county_root(station.org).path).exists():
            raise ValidationError(f"案号“{reference}”的认罪认罚具结在场已经登记。", code="duplicate")
    help_record = LegalHelp.objects.create(
        org=station.org, station=station, station_kind=station.kind, provider=provider, helped_on=helped_on,
        kind=kind, is_plea=kind == HelpKind.PLEA, persons=positive_int(persons, "帮助人次", 1000),
        case_reference=reference, note=(note or "").strip()[:2000], created_by=actor)
    audit.action(actor, "登记值班律师法律帮助", help_record,
                 after={"kind": kind, "persons": help_record.persons, "on": str(helped_on)})
    return help_record


# --- 法律咨询 ----------------------------------------------------------------------------------------------------

CONSULT_FIELDS = ("channel", "asked_on", "topic", "persons", "status", "answered_on", "referral", "mobile")


def _consult_org(org: OrgUnit) -> None:
    if not org.active:
        raise ValidationError(f"“{org}”已停用。")


@transaction.atomic
def record_consultation(actor, *, org: OrgUnit, channel: str, asked_on: dt.date, topic: str, question: str,
                        answer: str = "", persons: int = 1, is_migrant_worker: bool = False, asker_name: str = "",
                        mobile: str = "", answered_by: str = "") -> Consultation:
    """登记 a consultation answered on the spot (12348 hotline, walk-in, duty point). Without an answer it waits
    in the list (待答复)."""
    _can_write(actor, org)
    _consult_org(org)
    not_future(asked_on, "咨询日期")
    answer = (answer or "").strip()
    consultation = Consultation.objects.create(
        org=org, channel=choice(channel, ConsultChannel, "咨询渠道"), asked_on=asked_on,
        topic=choice(topic, Topic, "咨询类别"), question=required(question, "咨询内容", 5000),
        persons=positive_int(persons, "咨询人次", 1000), is_migrant_worker=bool(is_migrant_worker),
        asker_name=(asker_name or "").strip()[:50], mobile=validate_mobile(mobile) if (mobile or "").strip() else "",
        status=ConsultStatus.ANSWERED if answer else ConsultStatus.WAITING, answer=answer[:5000],
        answered_on=asked_on if answer else None,
        answered_by=(answered_by or getattr(actor, "display_name", "")).strip()[:50] if answer else "",
        created_by=actor)
    audit.action(actor, "登记法律咨询", consultation, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


@transaction.atomic
def submit_online_question(*, org: OrgUnit, mobile: str, topic: str, question: str,
                           asker_name: str = "") -> Consultation:
    """A citizen's online question (portal); staff answer it and the citizen reads the answer on the portal."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import issue_tracking_code

    mobile = validate_mobile(mobile)
    if org.kind not in (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU, OrgKind.PLS_CENTER,
                        OrgKind.JUSTICE_OFFICE, OrgKind.PLS_STATION):
        raise ValidationError("请选择答复咨询的公共法律服务机构。")
    _consult_org(org)
    consultation = Consultation.objects.create(
        org=org, channel=ConsultChannel.ONLINE, asked_on=_today(), topic=choice(topic, Topic, "咨询类别"),
        question=required(question, "咨询内容", 2000), asker_name=(asker_name or "").strip()[:50], mobile=mobile,
        status=ConsultStatus.WAITING, asker_digest=mobile_digest(mobile))
    consultation.tracking_code = issue_tracking_code(consultation, QUESTION_KIND, mobile).code
    consultation.save(update_fields=["tracking_code"])
    audit.record("action", obj=consultation, verb="网上法律咨询", after=masked_snapshot(consultation, CONSULT_FIELDS),
                 username=f"公众:{mask_mobile(mobile)}")
    _notify(staff_of(org), "新的网上法律咨询", consultation.question[:60], consultation_url(consultation))
    return consultation


def consultation_url(consultation: Consultation) -> str:
    try:
        return reverse("legalaid:consultation_detail", args=[consultation.pk])
    except NoReverseMatch:
        return ""


@transaction.atomic
def answer_consultation(actor, consultation: Consultation, *, answer: str, answered_on: dt.date) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _can_write(actor, consultation.org)
    if consultation.status == ConsultStatus.ANSWERED:
        raise ValidationError("该咨询已答复。")
    not_future(answered_on, "答复日期")
    not_before(answered_on, consultation.asked_on, "答复日期", "咨询日期")
    before = masked_snapshot(consultation, CONSULT_FIELDS)
    consultation.answer = required(answer, "答复内容", 5000)
    consultation.answered_on = answered_on
    consultation.answered_by = actor.display_name[:50]
    consultation.status = ConsultStatus.ANSWERED
    consultation.save()
    audit.action(actor, "答复法律咨询", consultation, before=before, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


MEDIATION_SOURCE = {ConsultChannel.HOTLINE: "hotline"}


@transaction.atomic
def refer_consultation(actor, consultation: Consultation, *, referral: str, note: str = "",
                       application: dict | None = None, dispute: dict | None = None) -> Consultation:
    """转介 after answering: to legal aid (an application is registered from `application`, the same fields as
    register_application), to people's mediation (a dispute is registered through the mediation line's own
    action from `dispute` = {org, parties, summary, dispute_type}), to a lawyer or another department."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _can_write(actor, consultation.org)
    if consultation.status != ConsultStatus.ANSWERED:
        raise ValidationError("请先答复咨询，再转介。")
    if consultation.referral not in ("", Referral.NONE):
        raise ValidationError("该咨询已转介。")
    referral = choice(referral, Referral, "转介")
    if referral == Referral.NONE:
        raise ValidationError("请选择转介去向。")
    before = masked_snapshot(consultation, CONSULT_FIELDS)
    if referral == Referral.LEGAL_AID:
        if not application:
            raise ValidationError("转法律援助须填写法律援助申请信息。")
        fields = dict(application)
        fields.setdefault("org", consultation.org)
        fields.setdefault("received_on", consultation.answered_on or consultation.asked_on)
        fields.setdefault("channel", Channel.PHONE if consultation.channel == ConsultChannel.HOTLINE else Channel.VISIT)
        app = register_application(actor, **fields)
        app.consultation = consultation
        app.save(update_fields=["consultation"])
    elif referral == Referral.MEDIATION:
        consultation.referred_dispute = _refer_to_mediation(actor, consultation, dispute)
    elif not (note or "").strip():
        raise ValidationError("请填写转介说明（建议委托的律师事务所或应反映的部门）。")
    consultation.referral = referral
    consultation.referral_note = (note or "").strip()[:200]
    consultation.save()
    audit.action(actor, "法律咨询转介", consultation, before=before, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


def _refer_to_mediation(actor, consultation: Consultation, dispute: dict | None):
    """The mediation line's own registration (register_dispute) makes the case, as a 12348 referral or a
    referral from another department, so it obeys every rule of that line."""
    from django.apps import apps

    if not apps.is_installed("sifa.mediation"):
        raise ValidationError("本系统未启用人民调解模块，无法转人民调解。")
    from sifa.mediation import actions as mediation_actions
    from sifa.mediation.models import Source

    if not dispute:
        raise ValidationError("转人民调解须填写纠纷情况和双方当事人。")
    data = dict(dispute)
    source = Source.HOTLINE if consultation.channel == ConsultChannel.HOTLINE else Source.OTHER_REFERRAL
    referrer = "12348公共法律服务热线" if source == Source.HOTLINE else consultation.org.name
    return mediation_actions.register_dispute(
        actor, org=data.pop("org", consultation.org), parties=data.pop("parties", []), source=source,
        referred_by=referrer, applied_on=data.pop("applied_on", consultation.answered_on or consultation.asked_on),
        **data)


# --- public wording -----------------------------------------------------------------------------------------------

PUBLIC_STATUS = {
    Status.FORWARDING: "已受理，正在转交法律援助中心",
    Status.RECEIVED: "法律援助中心审查中",
    Status.GRANTED: "已决定给予法律援助，正在指派律师",
    Status.PROVISIONAL: "已先行提供法律援助，正在指派律师",
    Status.REFUSED: "不予法律援助；对决定有异议的，可向司法局提出",
    Status.ASSIGNED: "已指派承办人员，承办人员将与您联系",
    Status.IN_PROGRESS: "承办中",
    Status.CLOSED: "已结案",
    Status.TERMINATED: "已终止法律援助；对决定有异议的，可向司法局提出",
    Status.WITHDRAWN: "已撤回申请",
}


def public_status(app: Application) -> str:
    return PUBLIC_STATUS.get(app.status, "办理中")


def question_status(consultation: Consultation) -> str:
    return "已答复，请登录后在“我的申请”中查看" if consultation.status == ConsultStatus.ANSWERED else "待答复"
