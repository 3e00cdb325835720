"""受理 and 审查: an application made in person, by phone or online, a notice from a court, procuratorate or
police (通知辩护/代理), 转交 to the centre and the centre's decision within seven days (第43条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sifa.core import audit
from sifa.core.action_checks import choice, money, not_before, not_future, positive_int, required
from sifa.core.action_checks import today as _today
from sifa.core.deadlines import lenient_due_date
from sifa.core.identifiers import parse_resident_id, validate_mobile
from sifa.core.masking import mask_mobile
from sifa.core.models import OrgKind, OrgUnit
from sifa.core.numbering import next_case_number

from .. import rules
from ..models import (
    FINAL_STATUSES,
    Application,
    CaseArea,
    Category,
    Channel,
    Circumstance,
    CivilMatter,
    Decision,
    Exemption,
    NotifyingOrgan,
    ReviewBasis,
    Stage,
    Status,
)
from .base import (
    CASE_LINE_CODE,
    PORTAL_KIND,
    application_url,
    can_write,
    lock,
    move_to,
    snapshot,
    staff_of,
    tell,
    within_limit,
)
from .standards import hardship_standard_for


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


def set_decision_due(app: Application) -> None:
    if app.centre_received_on is not None:
        app.decision_due = lenient_due_date(rules.DECISION, app.centre_received_on)


def _save_new(app: Application, actor, verb: str, public_username: str = "") -> Application:
    app.number = _case_number(app, app.received_on.year)
    app.created_by = actor if getattr(actor, "pk", None) else None
    app.save()
    after = snapshot(app)
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
    set_decision_due(app)
    return app


@transaction.atomic
def register_application(actor, *, org: OrgUnit, applicant: dict, **fields) -> Application:
    """受理 an application made in person (来访), by phone or through a staff member for an online form.
    `applicant` = {name, id_number, mobile, address}. The economic review runs now: an applicant above the
    hardship standard with no exemption is refused with the reason and nothing is written."""
    can_write(actor, org)
    app = _build_application(org=org, applicant=applicant, **fields)
    app = _save_new(app, actor, "受理法律援助申请")
    if app.status == Status.FORWARDING:
        centre = rules.aid_centre_for(org)
        tell(staff_of(centre), f"待转交法律援助申请：{app.number}", f"{org.name}受理，请及时接收审查。",
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
    tell(staff_of(org), "新的网上法律援助申请", f"{app.get_category_display()}：{app.summary[:60]}",
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
    can_write(actor, org)
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
    notice_due = lenient_due_date(rules.NOTICE, discovered_on) if discovered_on else None
    app = Application(
        org=org, intake_org=org, channel=Channel.NOTICE, category=category, case_area=CaseArea.CRIMINAL,
        summary=required(summary, "案情摘要", 5000), handling_organ=(handling_organ or notifier).strip()[:100],
        review_basis=ReviewBasis.NOTIFIED, notifying_organ=notifying_organ, notifier=notifier,
        notice_number=notice_number, circumstance=circumstance, stage=stage, discovered_on=discovered_on,
        notified_on=notified_on, notice_late=bool(notice_due and notified_on > notice_due),
        is_disabled=bool(is_disabled or circumstance == Circumstance.SENSORY_DISABILITY),
        status=Status.GRANTED, received_on=received_on, centre_received_on=received_on,
        assign_due=lenient_due_date(rules.NOTICE_ASSIGNMENT, received_on), **person)
    try:
        with transaction.atomic():
            app = _save_new(app, actor, "登记通知辩护（代理）")
    except IntegrityError:
        raise ValidationError(f"{notifier}的通知书“{notice_number}”已经登记，不能重复登记。", code="duplicate")
    tell(staff_of(org), f"通知辩护：{app.number}，请于{app.assign_due:%Y-%m-%d}前指派律师", notifier,
            application_url(app))
    return app


@transaction.atomic
def forward_application(actor, app: Application, *, forwarded_on: dt.date, centre: OrgUnit | None = None) -> Application:
    """转交: a 司法所 or workstation passes the application to the 法律援助中心; the seven days of 第43条 run from
    the centre's receipt."""
    app = lock(app, actor, "forward")
    centre = centre or rules.aid_centre_for(app.org)
    if not rules.is_aid_centre(centre):
        raise ValidationError(f"“{centre}”不是法律援助机构。")
    if not rules.county_root(app.org).path == rules.county_root(centre).path:
        raise ValidationError("只能转交本县（区）的法律援助机构。")
    not_future(forwarded_on, "转交日期")
    not_before(forwarded_on, app.received_on, "转交日期", "受理日期")
    before = snapshot(app)
    app.status = Status.RECEIVED
    app.centre_received_on = forwarded_on
    set_decision_due(app)
    move_to(app, centre)
    audit.action(actor, "转交法律援助机构", app, before=before, after=snapshot(app))
    tell(staff_of(centre), f"收到转交的法律援助申请：{app.number}",
            f"请于{app.decision_due:%Y-%m-%d}前作出决定。", application_url(app))
    return app


@transaction.atomic
def decide(actor, app: Application, *, decision: str, decided_on: dt.date, reason: str = "",
           late_reason: str = "") -> Application:
    """审查决定 within seven days of the centre's receipt (第43条): 给予, 不予 (with reasons, the applicant may
    object within the law's procedure, 第49条) or 先行提供 (第44条, urgent cases)."""
    app = lock(app, actor, "decide")
    if not rules.is_aid_centre(app.org):
        raise ValidationError("审查决定由法律援助机构作出，请先转交。")
    decision = choice(decision, Decision, "审查决定")
    not_future(decided_on, "决定日期")
    not_before(decided_on, app.centre_received_on, "决定日期", "收到申请日期")
    if decision in (Decision.REFUSE, Decision.PROVISIONAL) and not (reason or "").strip():
        raise ValidationError("不予法律援助须写明理由；先行提供须写明紧急情形（第四十四条）。")
    on_time = within_limit(decided_on, app.decision_due, late_reason, "审查决定")
    before = snapshot(app)
    app.decision, app.decided_on, app.decided_on_time = decision, decided_on, on_time
    app.decision_reason = (reason or "").strip()[:2000]
    if not on_time:
        app.late_reason = late_reason.strip()[:2000]
    if decision == Decision.REFUSE:
        app.status = Status.REFUSED
    else:
        app.status = Status.GRANTED if decision == Decision.GRANT else Status.PROVISIONAL
        app.assign_due = lenient_due_date(rules.ASSIGNMENT, decided_on)
    app.save()
    audit.action(actor, "法律援助审查决定", app, before=before, after=snapshot(app), reason=app.decision_reason)
    return app
