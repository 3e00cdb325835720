"""Every change to a mediation record goes through one of these functions.

Each one checks that the actor may act on the record's org unit (core.action_checks), asks the workflow table
whether the step is allowed now (workflow.py: 受理 → 调解 → 协议 → 结案 → 履行/回访/司法确认, DOMAIN.md §2), checks
the legal time limits (rules.py), writes the audit row in the same transaction (an audit failure rolls the
change back; before/after from core.audit.snapshot), and notifies the people who must act next
(core.notify.notify_users). Bad input
raises ValidationError with a Chinese message and writes nothing; acting outside one's scope raises
PermissionDenied. Pages, the API, ledger imports, the portal and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import actions as core_actions
from sifa.core import audit, notify
from sifa.core.identifiers import sex as sex_of
from sifa.core.identifiers import validate_credit_code, validate_mobile, validate_resident_id
from sifa.core.masking import mask_mobile
from sifa.core.models import Division, OrgKind, OrgUnit, Role, User
from sifa.core.models.audit import AuditEventType
from sifa.core.notify import notify_users
from sifa.core.numbering import next_case_number
from sifa.core.record_writer import RecordWriter

from . import documents, rules
from .models import (
    CLOSED_STATUSES,
    DEFAULT_LEVEL_BY_TYPE,
    MEMBER_LIMITS_APPLY_TO,
    OPEN_STATUSES,
    OUTCOMES_NEEDING_SESSION,
    REFERRAL_SOURCES,
    Agreement,
    AgreementForm,
    Attachment,
    BrandRoom,
    CommitteeType,
    ConfirmationResult,
    CourtFeedback,
    Dispute,
    DisputeStatus,
    DisputeType,
    DocumentKind,
    DocumentTemplate,
    Employment,
    FollowUp,
    FollowUpMethod,
    Honour,
    HonourLevel,
    JudicialConfirmation,
    Level,
    MediationCommittee,
    Mediator,
    MediatorPosition,
    Method,
    Party,
    PartyKind,
    PartySide,
    Performance,
    PetitionRoute,
    PetitionTransfer,
    Screening,
    Session,
    Sex,
    Source,
    Training,
    TransferStatus,
)
from .workflow import WORKFLOW

LINE = "mediation"
CASE_CHILDREN = (Party, Session, Attachment, Agreement, JudicialConfirmation, FollowUp)

DISPUTE_FIELDS = ("number", "status", "dispute_type", "source", "level", "committee_id", "org_id", "applied_on",
                  "accepted_on", "due_on", "closed_on", "difficult", "abnormal_death", "court_feedback")
COMMITTEE_FIELDS = ("name", "committee_type", "level", "sector", "member_count", "has_female_member", "director",
                    "phone", "address", "established_on", "dissolved_on")
MEDIATOR_FIELDS = ("name", "sex", "id_number", "mobile", "employment", "position", "specialities", "is_expert",
                   "joined_on", "left_on", "committee_id")
PARTY_IDENTITY_FIELDS = ("kind", "id_number", "credit_code", "mobile", "address")
COMMITTEE_EDITABLE = {"name", "level", "sector", "member_count", "has_female_member", "director", "phone", "address",
                      "established_on", "dissolved_on"}
MEDIATOR_EDITABLE = {"name", "sex", "id_number", "mobile", "employment", "position", "specialities", "is_expert",
                     "joined_on", "left_on"}


# --- shared pieces -----------------------------------------------------------------------------------------------

LINE_NAME = "人民调解"
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
DISPUTES = RecordWriter(Dispute, fields=DISPUTE_FIELDS, workflow=WORKFLOW, line=LINE_NAME)


def ensure_can_write(actor, org: OrgUnit) -> None:
    """The actor may change mediation records owned by `org` (core.action_checks, in this line's words)."""
    checks.ensure_can_write(actor, org, LINE_NAME)


def _amount(value):
    return checks.money(value, "涉及金额")


def _notify(users: Iterable[User], title: str, body: str = "", link: str = "") -> None:
    notify_users(users, title, body, link, category=LINE_NAME)


def move_dispute(actor, dispute: Dispute, org: OrgUnit, verb: str) -> None:
    """Hand a case and every record of it to another unit (assignment to, or escalation to, a committee): one
    UPDATE per kind of record, and an audit row naming both units. Called inside the action that decided it."""
    moved = dispute.org_id != org.pk
    from_unit = dispute.org
    dispute.org = org
    dispute.save()
    if not moved:
        return
    for model in CASE_CHILDREN:
        model.objects.filter(dispute=dispute).update(org=org, org_path=org.path, region_code=org.division_id)
    audit.action(actor, f"{verb}：移交案件", dispute, before={"org": str(from_unit)}, after={"org": str(org)})


def staff_of(org: OrgUnit) -> list[User]:
    """The people who act for a unit: its staff and mediators, and for a committee also its 司法所's staff."""
    roles = [Role.OFFICE_STAFF, Role.SECTION_STAFF, Role.MEDIATOR]
    units = [org.pk]
    if org.kind == OrgKind.MEDIATION_COMMITTEE and org.parent_id:
        units.append(org.parent_id)
    return list(User.objects.filter(org_id__in=units, role__in=roles, is_active=True))


def dispute_url(dispute: Dispute) -> str:
    return notify.record_link("mediation:dispute_detail", dispute.pk)


def _case_number(committee: MediationCommittee, year: int) -> str:
    return next_case_number(LINE, committee.org, year, rules.short_name(committee.name) + "调")


# --- parties ------------------------------------------------------------------------------------------------------


def clean_party(data: dict, index: int = 1, identifier_required: bool = True) -> dict:
    """Validate one party: a natural person needs a valid 居民身份证号码, an organisation a valid 统一社会信用代码.
    Only a citizen's online application may leave the other side's identifier for the office to complete
    before 受理 (a citizen seldom knows it); whatever is given is validated all the same."""
    name = (data.get("name") or "").strip()
    who = f"当事人“{name}”" if name else f"第{index}位当事人"
    if not name:
        raise ValidationError(f"请填写{who}的姓名或名称。")
    side = choice(data.get("side") or "", PartySide, f"{who}的地位")
    kind = choice(data.get("kind") or PartyKind.PERSON, PartyKind, f"{who}的类型")
    cleaned = {"name": name[:100], "side": side, "kind": kind, "id_number": "", "credit_code": "",
               "mobile": "", "address": (data.get("address") or "").strip()[:200]}
    try:
        if kind == PartyKind.PERSON:
            if (data.get("id_number") or "").strip():
                cleaned["id_number"] = validate_resident_id(data["id_number"])
            elif identifier_required:
                raise ValidationError("未填写身份证号码。")
        else:
            if (data.get("credit_code") or "").strip():
                cleaned["credit_code"] = validate_credit_code(data["credit_code"])
            elif identifier_required:
                raise ValidationError("未填写统一社会信用代码。")
        if (data.get("mobile") or "").strip():
            cleaned["mobile"] = validate_mobile(data["mobile"])
    except ValidationError as exc:
        raise ValidationError(f"{who}：{' '.join(exc.messages)}")
    return cleaned


def clean_parties(parties: Sequence[dict], respondent_identifier_required: bool = True) -> list[dict]:
    cleaned = [clean_party(p, i, respondent_identifier_required or p.get("side") != PartySide.RESPONDENT)
               for i, p in enumerate(parties or [], start=1)]
    sides = {p["side"] for p in cleaned}
    if PartySide.APPLICANT not in sides or PartySide.RESPONDENT not in sides:
        raise ValidationError("纠纷须有至少一名申请人和一名被申请人（对方当事人）。")
    return cleaned


def _save_parties(dispute: Dispute, parties: list[dict], actor) -> None:
    for p in parties:
        Party.objects.create(dispute=dispute, org=dispute.org, created_by=actor, **p)


# --- committees, mediators, brand rooms, honours, training -------------------------------------------------------


def _committee_code(parent: OrgUnit, division: Division) -> str:
    base = f"{division.code}-TWH"
    code, n = base, 1
    while OrgUnit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}{n}"
    return code


def _validate_committee(c: MediationCommittee) -> None:
    if c.committee_type in MEMBER_LIMITS_APPLY_TO and not 3 <= (c.member_count or 0) <= 9:
        raise ValidationError("依据《人民调解法》第八条，村（居）民委员会和企业事业单位的人民调解委员会由委员"
                              f"三至九人组成，现填写{c.member_count}人。")
    if (c.member_count or 0) < 1:
        raise ValidationError("委员人数应至少为1人。")
    if c.committee_type == CommitteeType.SECTOR and not c.sector.strip():
        raise ValidationError("行业性专业性调委会须填写行业领域。")
    if c.dissolved_on and c.established_on and c.dissolved_on < c.established_on:
        raise ValidationError("撤销日期不能早于成立日期。")
    not_future(c.established_on, "成立日期")


@transaction.atomic
def create_committee(actor, *, parent: OrgUnit | None = None, name: str, committee_type: str, member_count: int,
                     level: str = "", division: Division | None = None, code: str = "", sector: str = "",
                     has_female_member: bool = True, director: str = "", phone: str = "", address: str = "",
                     established_on: dt.date | None = None, unit: OrgUnit | None = None) -> MediationCommittee:
    """A 人民调解委员会: its org unit under `parent` (a 司法所 or the 司法局) and its profile. Given `unit`, an
    existing org unit of kind 人民调解委员会 (set up in the org tree before) gets its profile instead."""
    if unit is not None:
        if unit.kind != OrgKind.MEDIATION_COMMITTEE:
            raise ValidationError(f"机构“{unit}”的类型不是人民调解委员会。")
        if MediationCommittee.objects.filter(org=unit).exists():
            raise ValidationError(f"“{unit}”已登记调委会信息。")
        parent, division = unit.parent or unit, unit.division
    if parent is None:
        raise ValidationError("请选择调委会的上级单位（司法所或司法局）。")
    ensure_can_write(actor, unit or parent)
    name = required(name, "调委会名称")
    committee_type = choice(committee_type, CommitteeType, "调委会类型")
    level = choice(level, Level, "层级") if level else DEFAULT_LEVEL_BY_TYPE[committee_type]
    division = division or parent.division
    if not division.code.startswith(parent.division_id):
        raise ValidationError(f"调委会所在区划“{division}”不在“{parent}”的辖区内。")
    committee = MediationCommittee(
        name=name, committee_type=committee_type, level=level, sector=sector.strip(),
        member_count=member_count, has_female_member=has_female_member, director=director.strip(),
        phone=phone.strip(), address=address.strip(), established_on=established_on)
    _validate_committee(committee)
    if unit is None:
        unit = core_actions.create_org_unit(actor, code=code or _committee_code(parent, division), name=name,
                                            kind=OrgKind.MEDIATION_COMMITTEE, division=division, parent=parent,
                                            phone=phone.strip(), address=address.strip())
    elif unit.name != name:
        core_actions.update_org_unit(actor, unit, name=name)
    committee.org = unit
    committee.created_by = actor
    committee.save()
    audit.action(actor, "新建调委会", committee, after=audit.snapshot(committee, COMMITTEE_FIELDS, readable=True))
    return committee


@transaction.atomic
def update_committee(actor, committee: MediationCommittee, **changes) -> MediationCommittee:
    ensure_can_write(actor, committee.org)
    with audit.edited(actor, committee, "修改调委会", COMMITTEE_FIELDS, readable=True) as edit:
        edit.apply(changes, COMMITTEE_EDITABLE, cleaners={"level": lambda value: choice(value, Level, "层级")})
        committee.name = required(committee.name, "调委会名称")
        _validate_committee(committee)
        if committee.dissolved_on and committee.disputes.filter(status__in=OPEN_STATUSES).exists():
            raise ValidationError("该调委会尚有未结案的纠纷，不能撤销。请先结案或移交。")
        committee.save()
        unit_changes = {k: v for k, v in (("name", committee.name), ("phone", committee.phone),
                                          ("address", committee.address), ("active", committee.dissolved_on is None))
                        if getattr(committee.org, k) != v}
        if unit_changes:
            core_actions.update_org_unit(actor, committee.org, **unit_changes)
    return committee


def _validate_mediator(m: Mediator) -> None:
    m.name = required(m.name, "调解员姓名")
    if m.id_number:
        m.id_number = validate_resident_id(m.id_number)
        derived = sex_of(m.id_number)
        if m.sex and m.sex != derived:
            raise ValidationError(f"性别“{m.sex}”与身份证号码不符（应为“{derived}”）。")
        m.sex = derived
    if m.mobile:
        m.mobile = validate_mobile(m.mobile)
    not_future(m.joined_on, "聘任日期")
    if m.left_on and m.joined_on and m.left_on < m.joined_on:
        raise ValidationError("离任日期不能早于聘任日期。")


@transaction.atomic
def create_mediator(actor, *, committee: MediationCommittee, name: str, sex: str = "", id_number: str = "",
                    mobile: str = "", employment: str = "part_time", position: str = "mediator",
                    specialities: str = "", is_expert: bool = False, joined_on: dt.date | None = None,
                    user: User | None = None) -> Mediator:
    ensure_can_write(actor, committee.org)
    if committee.dissolved_on:
        raise ValidationError(f"“{committee}”已撤销，不能再聘任调解员。")
    mediator = Mediator(committee=committee, org=committee.org, name=name, sex=sex, id_number=id_number.strip(),
                        mobile=mobile.strip(), employment=choice(employment, Employment, "专兼职"),
                        position=choice(position, MediatorPosition, "职务"), specialities=specialities.strip(),
                        is_expert=is_expert, joined_on=joined_on, user=user, created_by=actor)
    if sex:
        choice(sex, Sex, "性别")
    _validate_mediator(mediator)
    if user is not None and (user.org_id is None or not user.org.path.startswith(committee.org.path)):
        raise ValidationError("关联的平台账号须属于该调委会。")
    mediator.save()
    audit.action(actor, "聘任调解员", mediator, after=audit.snapshot(mediator, MEDIATOR_FIELDS, readable=True))
    return mediator


@transaction.atomic
def update_mediator(actor, mediator: Mediator, **changes) -> Mediator:
    ensure_can_write(actor, mediator.org)
    with audit.edited(actor, mediator, "修改调解员", MEDIATOR_FIELDS, readable=True) as edit:
        edit.apply(changes, MEDIATOR_EDITABLE)
        _validate_mediator(mediator)
        mediator.save()
    return mediator


@transaction.atomic
def add_training(actor, mediator: Mediator, *, title: str, held_on: dt.date, hours=None,
                 organiser: str = "") -> Training:
    ensure_can_write(actor, mediator.org)
    not_future(held_on, "培训日期")
    hours = _amount(hours)
    training = Training.objects.create(mediator=mediator, org=mediator.org, title=required(title, "培训名称"),
                                       held_on=held_on, hours=hours, organiser=organiser.strip(), created_by=actor)
    audit.action(actor, "登记调解员培训", training, after={"title": training.title, "held_on": str(held_on)})
    return training


@transaction.atomic
def add_honour(actor, *, title: str, level: str, year: int, mediator: Mediator | None = None,
               committee: MediationCommittee | None = None, conferred_by: str = "") -> Honour:
    if (mediator is None) == (committee is None):
        raise ValidationError("荣誉须授予一名调解员或一个调委会。")
    owner = mediator or committee
    ensure_can_write(actor, owner.org)
    if not 1949 <= int(year) <= today().year:
        raise ValidationError(f"荣誉年度“{year}”不正确。")
    honour = Honour.objects.create(mediator=mediator, committee=committee, org=owner.org,
                                   title=required(title, "荣誉称号"), level=choice(level, HonourLevel, "荣誉级别"),
                                   year=int(year), conferred_by=conferred_by.strip(), created_by=actor)
    audit.action(actor, "登记调解荣誉", honour, after={"title": honour.title, "year": honour.year})
    return honour


@transaction.atomic
def create_brand_room(actor, *, committee: MediationCommittee, name: str, mediator: Mediator | None = None,
                      established_on: dt.date | None = None) -> BrandRoom:
    ensure_can_write(actor, committee.org)
    if mediator is not None and mediator.committee_id != committee.pk:
        raise ValidationError(f"调解员“{mediator}”不属于“{committee}”。")
    not_future(established_on, "设立日期")
    room = BrandRoom.objects.create(committee=committee, org=committee.org, name=required(name, "调解室名称"),
                                    mediator=mediator, established_on=established_on, created_by=actor)
    audit.action(actor, "设立品牌调解室", room, after={"name": room.name, "mediator": str(mediator or "")})
    return room


# --- sweeps -------------------------------------------------------------------------------------------------------


@transaction.atomic
def record_screening(actor, *, org: OrgUnit, held_on: dt.date, scope: str, found_count: int = 0,
                     prevented_count: int = 0, topic: str = "", risks: str = "",
                     participants: int | None = None) -> Screening:
    """A 矛盾纠纷排查: the disputes it found and those it headed off are counted from here."""
    ensure_can_write(actor, org)
    not_future(held_on, "排查日期")
    for value, label in ((found_count, "发现纠纷数"), (prevented_count, "预防纠纷数")):
        if value is None or int(value) < 0:
            raise ValidationError(f"{label}应为不小于0的整数。")
    screening = Screening.objects.create(
        org=org, held_on=held_on, scope=required(scope, "排查范围"), topic=topic.strip(),
        found_count=int(found_count), prevented_count=int(prevented_count), risks=risks.strip(),
        participants=participants, created_by=actor)
    audit.action(actor, "登记矛盾纠纷排查", screening,
                 after={"held_on": str(held_on), "found": screening.found_count,
                        "prevented": screening.prevented_count})
    return screening


# --- disputes: registration and intake ----------------------------------------------------------------------------


def _build_dispute(*, org: OrgUnit, summary: str, dispute_type: str, source: str, applied_on: dt.date,
                   referred_by: str = "", referral_ref: str = "", screening: Screening | None = None,
                   amount=None, difficult: bool = False, group_dispute: bool = False, criminal_risk: bool = False,
                   abnormal_death: bool = False, method: str = Method.ONSITE, source_system: str = "",
                   external_id: str = "", tracking_code: str = "", applicant_mobile: str = "") -> Dispute:
    source = choice(source, Source, "纠纷来源")
    not_future(applied_on, "申请（登记）日期")
    if source in REFERRAL_SOURCES and not referred_by.strip():
        raise ValidationError("移送、委派的纠纷须填写移送（委派）单位，法院委派的填写法院名称。")
    if screening is not None:
        if source != Source.SCREENING:
            raise ValidationError("只有来源为“排查发现”的纠纷才能关联排查记录。")
        if not screening.org_path.startswith(rules.county_root(org).path):
            raise ValidationError("关联的排查记录不在本县范围内。")
        not_before(applied_on, screening.held_on, "登记日期", "排查日期")
        if screening.disputes.count() >= screening.found_count:
            raise ValidationError(f"该次排查只发现{screening.found_count}件纠纷，已全部登记，请核对排查记录。")
    external_id = external_id.strip()
    if external_id and Dispute.objects.filter(source_system=source_system.strip(), external_id=external_id).exists():
        raise ValidationError(f"来源系统“{source_system}”编号“{external_id}”的纠纷已经登记，不能重复登记。",
                              code="duplicate")
    return Dispute(
        org=org, summary=required(summary, "纠纷简要情况"), dispute_type=choice(dispute_type, DisputeType, "纠纷类型"),
        source=source, referred_by=referred_by.strip()[:100], referral_ref=referral_ref.strip()[:100],
        screening=screening, amount=_amount(amount), difficult=bool(difficult or abnormal_death),
        group_dispute=bool(group_dispute), criminal_risk=bool(criminal_risk), abnormal_death=bool(abnormal_death),
        method=choice(method, Method, "调解方式"), status=DisputeStatus.PENDING, applied_on=applied_on,
        level=rules.level_of_unit(org) if org.kind != OrgKind.MEDIATION_COMMITTEE else "",
        source_system=source_system.strip()[:50], external_id=external_id[:100], tracking_code=tracking_code,
        applicant_mobile=applicant_mobile)


def _register(actor, fields: dict, parties: Sequence[dict], verb: str, public: bool = False) -> Dispute:
    cleaned = clean_parties(parties, respondent_identifier_required=not public)
    dispute = _build_dispute(**fields)
    if dispute.org.kind == OrgKind.MEDIATION_COMMITTEE:
        dispute.level = MediationCommittee.objects.get(org=dispute.org).level
    dispute.created_by = actor if getattr(actor, "pk", None) else None
    dispute.save()
    _save_parties(dispute, cleaned, dispute.created_by)
    after = DISPUTES.snapshot(dispute) | {"parties": len(cleaned)}
    if dispute.created_by is None:
        audit.record("action", obj=dispute, verb=verb, after=after,
                     username=f"公众:{mask_mobile(dispute.applicant_mobile)}" if dispute.applicant_mobile else "")
    else:
        audit.action(actor, verb, dispute, after=after)
    return dispute


@transaction.atomic
def register_dispute(actor, *, org: OrgUnit, parties: Sequence[dict], **fields) -> Dispute:
    """登记 a dispute (status 待受理): from a walk-in application, a sweep, a referral or an own initiative."""
    ensure_can_write(actor, org)
    return _register(actor, {"org": org, **fields}, parties, "登记纠纷")


PORTAL_KIND = "mediation"
PORTAL_ORG_KINDS = (OrgKind.JUSTICE_OFFICE, OrgKind.COUNTY_BUREAU, OrgKind.MEDIATION_COMMITTEE)


@transaction.atomic
def submit_application(*, org: OrgUnit, parties: Sequence[dict], summary: str, dispute_type: str,
                       applicant_mobile: str, method: str = Method.ONSITE) -> Dispute:
    """A citizen's online application for mediation (portal), signed in with `applicant_mobile`. It gets a
    查询码 for the public status pages, and the office's staff find it in their inbox."""
    from sifa.portal.tracking import issue_tracking_code

    if org.kind not in PORTAL_ORG_KINDS or not org.active:
        raise ValidationError("请选择受理申请的司法所或人民调解委员会。")
    if not any(p.get("side") == PartySide.APPLICANT for p in parties):
        raise ValidationError("请填写申请人。")
    dispute = _register(None, {"org": org, "summary": summary, "dispute_type": dispute_type,
                               "source": Source.APPLICATION, "applied_on": today(), "method": method,
                               "applicant_mobile": validate_mobile(applicant_mobile)},
                        parties, "网上申请人民调解", public=True)
    dispute.tracking_code = issue_tracking_code(dispute, PORTAL_KIND, dispute.applicant_mobile).code
    dispute.save(update_fields=["tracking_code"])
    _notify(staff_of(org), "新的人民调解申请", f"{dispute.get_dispute_type_display()}：{dispute.summary[:60]}",
            dispute_url(dispute))
    return dispute


PUBLIC_STATUS = {
    DisputeStatus.PENDING: "已提交，等待受理",
    DisputeStatus.DECLINED: "不予受理，详情请联系受理单位",
    DisputeStatus.ACCEPTED: "已受理，调解员将与您联系",
    DisputeStatus.MEDIATING: "调解中",
    DisputeStatus.SUCCEEDED: "调解成功，已结案",
    DisputeStatus.FAILED: "调解不成，已终止调解；可依法通过仲裁、行政、司法等途径维护权利",
    DisputeStatus.TERMINATED: "已终止调解；可依法通过仲裁、行政、司法等途径维护权利",
    DisputeStatus.WITHDRAWN: "已撤回申请",
}


def public_status(dispute: Dispute) -> str:
    """The status as the applicant sees it on the portal: no names, no reasons."""
    return PUBLIC_STATUS.get(dispute.status, "办理中")


@transaction.atomic
def complete_party(actor, party: Party, *, kind: str, id_number: str = "", credit_code: str = "",
                   mobile: str = "", address: str = "") -> Party:
    """补充当事人信息 before 受理 (the other side of an online application usually arrives without an ID)."""
    DISPUTES.lock(Dispute(pk=party.dispute_id), actor, "party")
    cleaned = clean_party({"side": party.side, "kind": kind, "name": party.name, "id_number": id_number,
                           "credit_code": credit_code, "mobile": mobile or party.mobile,
                           "address": address or party.address})
    with audit.edited(actor, party, "补充当事人信息", PARTY_IDENTITY_FIELDS) as edit:
        edit.apply({field: cleaned[field] for field in PARTY_IDENTITY_FIELDS}, PARTY_IDENTITY_FIELDS)
        party.save()
    return party


def missing_identifiers(dispute: Dispute) -> list[Party]:
    return [p for p in dispute.parties.all() if not (p.id_number or p.credit_code)]


def _check_mediators(committee: MediationCommittee, mediators: Sequence[Mediator], on: dt.date) -> list[Mediator]:
    mediators = [m for m in mediators or [] if m is not None]
    for m in mediators:
        if m.committee_id != committee.pk:
            raise ValidationError(f"调解员“{m}”不属于“{committee}”。")
        if m.left_on and m.left_on < on:
            raise ValidationError(f"调解员“{m}”已于{m.left_on:%Y-%m-%d}离任。")
    return mediators


def _check_committee_for(committee: MediationCommittee, on: dt.date) -> None:
    if committee.dissolved_on and committee.dissolved_on <= on:
        raise ValidationError(f"“{committee}”已撤销，不能受理或承办纠纷。")
    if committee.established_on and committee.established_on > on:
        raise ValidationError(f"“{committee}”于{committee.established_on:%Y-%m-%d}成立，此前不能受理纠纷。")


def _assign_people(dispute: Dispute, committee: MediationCommittee, mediators: list[Mediator],
                   lead: Mediator | None) -> None:
    if lead is not None and lead not in mediators:
        mediators.append(lead)
    dispute.mediators.set(mediators)
    dispute.lead_mediator = lead or (mediators[0] if mediators else None)
    dispute.save(update_fields=["lead_mediator"])


@transaction.atomic
def accept_dispute(actor, dispute: Dispute, *, committee: MediationCommittee, accepted_on: dt.date,
                   mediators: Sequence[Mediator] = (), lead_mediator: Mediator | None = None) -> Dispute:
    """受理: a committee takes the case; the one-month period of 《人民调解工作若干规定》第33条 starts."""
    dispute = DISPUTES.lock(dispute, actor)
    ensure_can_write(actor, committee.org)
    WORKFLOW.check(dispute, "accept", actor)
    missing = missing_identifiers(dispute)
    if missing:
        raise ValidationError(f"当事人“{'、'.join(p.name for p in missing)}”缺少身份证号码或统一社会信用代码，"
                              "请先补充当事人信息再受理。")
    not_future(accepted_on, "受理日期")
    not_before(accepted_on, dispute.applied_on, "受理日期", "申请日期")
    _check_committee_for(committee, accepted_on)
    mediators = _check_mediators(committee, mediators, accepted_on)
    if lead_mediator is not None:
        _check_mediators(committee, [lead_mediator], accepted_on)
    before = DISPUTES.snapshot(dispute)
    dispute.committee = committee
    dispute.level = committee.level
    dispute.status = DisputeStatus.ACCEPTED
    dispute.accepted_on = accepted_on
    dispute.due_on = rules.mediation_due(accepted_on)
    dispute.number = _case_number(committee, accepted_on.year)
    move_dispute(actor, dispute, committee.org, "受理纠纷")
    _assign_people(dispute, committee, mediators, lead_mediator)
    audit.action(actor, "受理纠纷", dispute, before=before, after=DISPUTES.snapshot(dispute))
    _notify([m.user for m in dispute.mediators.all()], f"指派调解：{dispute.number}",
            f"请于{dispute.due_on:%Y-%m-%d}前调结。", dispute_url(dispute))
    return dispute


@transaction.atomic
def open_case(actor, *, org: OrgUnit, parties: Sequence[dict], committee: MediationCommittee,
              accepted_on: dt.date, mediators: Sequence[Mediator] = (), lead_mediator: Mediator | None = None,
              **fields) -> Dispute:
    """登记并受理 in one step, as a committee does for a dispute brought to it directly."""
    fields.setdefault("applied_on", accepted_on)
    dispute = register_dispute(actor, org=org, parties=parties, **fields)
    return accept_dispute(actor, dispute, committee=committee, accepted_on=accepted_on, mediators=mediators,
                          lead_mediator=lead_mediator)


@transaction.atomic
def decline_dispute(actor, dispute: Dispute, *, reason: str, declined_on: dt.date | None = None) -> Dispute:
    """不予受理, e.g. 一方当事人明确拒绝调解 (《人民调解法》第17条) or the dispute is already before a court."""
    dispute = DISPUTES.lock(dispute, actor)
    WORKFLOW.check(dispute, "decline", actor)
    declined_on = declined_on or today()
    not_future(declined_on, "不予受理日期")
    not_before(declined_on, dispute.applied_on, "不予受理日期", "申请日期")
    before = DISPUTES.snapshot(dispute)
    dispute.status = DisputeStatus.DECLINED
    dispute.closed_on = declined_on
    dispute.close_note = required(reason, "不予受理的理由")
    dispute.save()
    audit.action(actor, "不予受理", dispute, before=before, after=DISPUTES.snapshot(dispute),
                 reason=dispute.close_note)
    return dispute


@transaction.atomic
def assign_dispute(actor, dispute: Dispute, *, mediators: Sequence[Mediator], lead_mediator: Mediator | None = None,
                   committee: MediationCommittee | None = None) -> Dispute:
    """指派 mediators, optionally handing the case to another committee of the same level within one's scope."""
    dispute = DISPUTES.lock(dispute, actor, "assign")
    committee = committee or dispute.committee
    before = DISPUTES.snapshot(dispute)
    if committee.pk != dispute.committee_id:
        ensure_can_write(actor, committee.org)
        if rules.level_rank(committee.level) != rules.level_rank(dispute.level):
            raise ValidationError("移交给其他层级的调委会请使用“升级调处”。")
        _check_committee_for(committee, today())
        dispute.committee = committee
        move_dispute(actor, dispute, committee.org, "指派调解员")
    mediators = _check_mediators(committee, mediators, today())
    if not mediators and lead_mediator is None:
        raise ValidationError("请至少指派一名调解员。")
    _assign_people(dispute, committee, mediators, lead_mediator)
    audit.action(actor, "指派调解员", dispute, before=before,
                 after=DISPUTES.snapshot(dispute) | {"mediators": [m.name for m in dispute.mediators.all()]})
    _notify([m.user for m in dispute.mediators.all()], f"指派调解：{dispute.number}",
            f"请于{dispute.due_on:%Y-%m-%d}前调结。", dispute_url(dispute))
    return dispute


@transaction.atomic
def escalate_dispute(actor, dispute: Dispute, *, committee: MediationCommittee, reason: str,
                     mediators: Sequence[Mediator] = ()) -> Dispute:
    """升级调处: a 疑难复杂 case goes up to a township or county-level committee of the same county. The case is
    then counted at the level that finally handled it."""
    dispute = DISPUTES.lock(dispute, actor, "escalate")
    reason = required(reason, "升级理由")
    if not committee.org.path.startswith(rules.county_root(dispute.org).path):
        raise ValidationError("只能升级到本县（区）范围内的调委会。")
    if rules.level_rank(committee.level) <= rules.level_rank(dispute.level):
        raise ValidationError(f"升级须交由更高层级的调委会办理（当前为{dispute.get_level_display()}，"
                              f"“{committee}”为{committee.get_level_display()}）。")
    _check_committee_for(committee, today())
    mediators = _check_mediators(committee, mediators, today())
    before = DISPUTES.snapshot(dispute)
    dispute.committee = committee
    dispute.level = committee.level
    dispute.difficult = True
    move_dispute(actor, dispute, committee.org, "升级调处")
    _assign_people(dispute, committee, mediators, None)
    audit.action(actor, "升级调处", dispute, before=before, after=DISPUTES.snapshot(dispute), reason=reason)
    _notify(staff_of(committee.org), f"疑难复杂纠纷升级：{dispute.number}", reason, dispute_url(dispute))
    return dispute


# --- mediation, agreement and outcome -----------------------------------------------------------------------------


@transaction.atomic
def record_session(actor, dispute: Dispute, *, held_on: dt.date, minutes: str, mediators: Sequence[Mediator],
                   place: str = "", method: str = Method.ONSITE, recorder: str = "") -> Session:
    """记录调解: one session and its minutes (调解笔录)."""
    dispute = DISPUTES.lock(dispute, actor, "session")
    not_future(held_on, "调解日期")
    not_before(held_on, dispute.accepted_on, "调解日期", "受理日期")
    last = dispute.sessions.order_by("-seq").first()
    if last is not None:
        not_before(held_on, last.held_on, "调解日期", f"第{last.seq}次调解日期")
    mediators = _check_mediators(dispute.committee, mediators, held_on)
    if not mediators:
        raise ValidationError("请选择主持本次调解的调解员。")
    session = Session.objects.create(
        dispute=dispute, org=dispute.org, seq=(last.seq + 1 if last else 1), held_on=held_on,
        place=place.strip()[:200], method=choice(method, Method, "调解方式"), recorder=recorder.strip()[:50],
        minutes=required(minutes, "调解笔录"), created_by=actor)
    session.mediators.set(mediators)
    dispute.mediators.add(*mediators)
    before = DISPUTES.snapshot(dispute)
    if dispute.status == DisputeStatus.ACCEPTED:
        dispute.status = DisputeStatus.MEDIATING
        dispute.save(update_fields=["status", "updated_at"])
    audit.action(actor, "记录调解", dispute, before=before,
                 after=DISPUTES.snapshot(dispute) | {"session": session.seq, "held_on": str(held_on)})
    return session


@transaction.atomic
def record_agreement(actor, dispute: Dispute, *, terms: str, signed_on: dt.date,
                     form: str = AgreementForm.WRITTEN, performance_method: str = "",
                     perform_by: dt.date | None = None) -> Agreement:
    """调解协议 (《人民调解法》第28–29条): only after the case was accepted and mediated."""
    dispute = DISPUTES.lock(dispute, actor, "agreement")
    last = dispute.sessions.order_by("-seq").first()
    if last is None:
        raise ValidationError("该纠纷尚未进行调解，不能登记调解协议。请先记录调解过程。")
    if Agreement.objects.filter(dispute=dispute).exists():
        raise ValidationError("该纠纷已登记调解协议。")
    not_future(signed_on, "协议签订日期")
    not_before(signed_on, last.held_on, "协议签订日期", "最近一次调解日期")
    if perform_by is not None:
        not_before(perform_by, signed_on, "履行期限", "协议签订日期")
    agreement = Agreement.objects.create(
        dispute=dispute, org=dispute.org, form=choice(form, AgreementForm, "协议形式"),
        terms=required(terms, "协议内容"), performance_method=performance_method.strip()[:200],
        perform_by=perform_by, signed_on=signed_on, created_by=actor)
    audit.action(actor, "登记调解协议", dispute,
                 after={"form": agreement.form, "signed_on": str(signed_on),
                        "perform_by": str(perform_by) if perform_by else None})
    return agreement


@transaction.atomic
def close_dispute(actor, dispute: Dispute, *, result: str, closed_on: dt.date, note: str = "") -> Dispute:
    """结案: 调解成功 (with its agreement), 调解不成 or 终止调解 (with the parties told of their other remedies,
    《人民调解法》第26条), or 撤回申请."""
    result = choice(result, DisputeStatus, "调解结果")
    if result not in CLOSED_STATUSES:
        raise ValidationError("调解结果应为调解成功、调解不成、终止调解或撤回申请。")
    dispute = DISPUTES.lock(dispute, actor, "close")
    not_future(closed_on, "结案日期")
    not_before(closed_on, dispute.accepted_on, "结案日期", "受理日期")
    last = dispute.sessions.order_by("-seq").first()
    if result in OUTCOMES_NEEDING_SESSION and last is None:
        raise ValidationError("该纠纷尚未进行任何调解，不能登记调解结果。请先记录调解过程。")
    if last is not None:
        not_before(closed_on, last.held_on, "结案日期", "最近一次调解日期")
    agreement = Agreement.objects.filter(dispute=dispute).first()
    if result == DisputeStatus.SUCCEEDED:
        if agreement is None:
            raise ValidationError("调解成功须先登记调解协议（书面或口头）。")
        not_before(closed_on, agreement.signed_on, "结案日期", "协议签订日期")
    elif agreement is not None:
        raise ValidationError("该纠纷已达成调解协议，结果应为“调解成功”。")
    if result in (DisputeStatus.FAILED, DisputeStatus.TERMINATED) and not note.strip():
        raise ValidationError("调解不成或终止调解的，请填写终止原因及告知当事人依法维权途径的情况。")
    before = DISPUTES.snapshot(dispute)
    dispute.status = result
    dispute.closed_on = closed_on
    dispute.close_note = note.strip()
    dispute.save()
    audit.action(actor, "结案", dispute, before=before, after=DISPUTES.snapshot(dispute))
    if dispute.source == Source.COURT:
        _notify([actor], f"诉调对接：{dispute.number}已结案，请向{dispute.referred_by}反馈调解结果",
                link=dispute_url(dispute))
    return dispute


def _closed_with_agreement(dispute: Dispute, actor, step: str) -> tuple[Dispute, Agreement]:
    dispute = DISPUTES.lock(dispute, actor)
    agreement = Agreement.objects.filter(dispute=dispute).first()
    if agreement is None:
        raise ValidationError(f"该纠纷没有调解协议，不能{WORKFLOW.step(step).title}。")
    WORKFLOW.check(dispute, step, actor)
    return dispute, agreement


@transaction.atomic
def record_performance(actor, dispute: Dispute, *, performance: str, performed_on: dt.date | None = None) -> Agreement:
    """履行: how far the parties have carried out the agreement."""
    dispute, agreement = _closed_with_agreement(dispute, actor, "performance")
    performance = choice(performance, Performance, "履行情况")
    if performance == Performance.PERFORMED:
        if performed_on is None:
            raise ValidationError("已履行的，请填写履行完毕日期。")
        not_future(performed_on, "履行完毕日期")
        not_before(performed_on, agreement.signed_on, "履行完毕日期", "协议签订日期")
    else:
        performed_on = None
    before = {"performance": agreement.performance}
    agreement.performance = performance
    agreement.performed_on = performed_on
    agreement.save(update_fields=["performance", "performed_on", "updated_at"])
    audit.action(actor, "登记履行情况", dispute, before=before,
                 after={"performance": performance, "performed_on": str(performed_on) if performed_on else None})
    return agreement


@transaction.atomic
def record_follow_up(actor, dispute: Dispute, *, visited_on: dt.date, method: str, content: str,
                     performance: str = "", visitor: str = "") -> FollowUp:
    """回访 after closure; a performance status observed on the visit updates the agreement."""
    dispute = DISPUTES.lock(dispute, actor, "followup")
    not_future(visited_on, "回访日期")
    not_before(visited_on, dispute.closed_on, "回访日期", "结案日期")
    if performance:
        performance = choice(performance, Performance, "履行情况")
        if not Agreement.objects.filter(dispute=dispute).exists():
            raise ValidationError("该纠纷没有调解协议，回访不能登记履行情况。")
    follow_up = FollowUp.objects.create(
        dispute=dispute, org=dispute.org, visited_on=visited_on, method=choice(method, FollowUpMethod, "回访方式"),
        content=required(content, "回访情况"), performance=performance, visitor=visitor.strip()[:50],
        created_by=actor)
    audit.action(actor, "回访", dispute, after={"visited_on": str(visited_on), "performance": performance})
    if performance:
        record_performance(actor, dispute, performance=performance,
                           performed_on=visited_on if performance == Performance.PERFORMED else None)
    return follow_up


@transaction.atomic
def apply_confirmation(actor, dispute: Dispute, *, court: str, applied_on: dt.date) -> JudicialConfirmation:
    """申请司法确认: both parties apply to the court within 30 days of the agreement taking effect
    (《人民调解法》第33条; 民事诉讼法第205条)."""
    dispute, agreement = _closed_with_agreement(dispute, actor, "confirm_apply")
    if agreement.form != AgreementForm.WRITTEN:
        raise ValidationError("口头协议不能申请司法确认，请制作书面调解协议。")
    if JudicialConfirmation.objects.filter(dispute=dispute).exists():
        raise ValidationError("该调解协议已申请司法确认。")
    not_future(applied_on, "申请日期")
    not_before(applied_on, agreement.signed_on, "申请日期", "协议生效日期")
    last_day = rules.confirmation_due(agreement.signed_on)
    if applied_on > last_day:
        raise ValidationError(f"已超过《人民调解法》第三十三条规定的三十日申请期限：协议于{agreement.signed_on:%Y-%m-%d}"
                              f"生效，应在{last_day:%Y-%m-%d}前申请司法确认。")
    confirmation = JudicialConfirmation.objects.create(dispute=dispute, org=dispute.org,
                                                       court=required(court, "受理法院"), applied_on=applied_on,
                                                       created_by=actor)
    audit.action(actor, "申请司法确认", dispute, after={"court": confirmation.court, "applied_on": str(applied_on)})
    return confirmation


@transaction.atomic
def record_confirmation_result(actor, dispute: Dispute, *, result: str, decided_on: dt.date,
                               ruling_number: str = "") -> JudicialConfirmation:
    dispute = DISPUTES.lock(dispute, actor, "confirm_result")
    confirmation = JudicialConfirmation.objects.filter(dispute=dispute).first()
    if confirmation is None:
        raise ValidationError("该纠纷尚未申请司法确认。")
    if confirmation.result != ConfirmationResult.PENDING:
        raise ValidationError("该司法确认已有裁定结果。")
    result = choice(result, ConfirmationResult, "裁定结果")
    if result == ConfirmationResult.PENDING:
        raise ValidationError("请选择裁定结果：确认有效或驳回申请。")
    not_future(decided_on, "裁定日期")
    not_before(decided_on, confirmation.applied_on, "裁定日期", "申请日期")
    confirmation.result = result
    confirmation.decided_on = decided_on
    confirmation.ruling_number = ruling_number.strip()[:100]
    confirmation.save()
    audit.action(actor, "登记司法确认结果", dispute,
                 after={"result": result, "decided_on": str(decided_on)})
    return confirmation


@transaction.atomic
def report_to_court(actor, dispute: Dispute, *, reported_on: dt.date, feedback: str) -> Dispute:
    """诉调对接: report the outcome of a court-referred (诉前委派) mediation back to the court."""
    dispute = DISPUTES.lock(dispute, actor)
    if dispute.source != Source.COURT:
        raise ValidationError("只有法院委派的纠纷需要向法院反馈调解结果。")
    WORKFLOW.check(dispute, "court_report", actor)
    if dispute.court_feedback:
        raise ValidationError("已向法院反馈过调解结果。")
    feedback = choice(feedback, CourtFeedback, "反馈结果")
    succeeded = dispute.status == DisputeStatus.SUCCEEDED
    if succeeded == (feedback == CourtFeedback.RETURNED):
        raise ValidationError(f"反馈结果与调解结果“{dispute.get_status_display()}”不一致。")
    not_future(reported_on, "反馈日期")
    not_before(reported_on, dispute.closed_on, "反馈日期", "结案日期")
    before = DISPUTES.snapshot(dispute)
    dispute.court_feedback = feedback
    dispute.court_reported_on = reported_on
    dispute.save()
    audit.action(actor, "向法院反馈调解结果", dispute, before=before, after=DISPUTES.snapshot(dispute))
    return dispute


@transaction.atomic
def add_attachment(actor, dispute: Dispute, *, filename: str, content: bytes, session: Session | None = None,
                   note: str = "") -> Attachment:
    """附件 of a case or of one of its sessions: validated by content, photographs stripped of their metadata."""
    import hashlib

    from . import attachments

    dispute = DISPUTES.lock(dispute, actor)
    if dispute.status in (DisputeStatus.PENDING, DisputeStatus.DECLINED):
        raise ValidationError("纠纷受理后才能上传附件。")
    if session is not None and session.dispute_id != dispute.pk:
        raise ValidationError("该调解记录不属于此纠纷。")
    name, content_type, content = attachments.validate(filename, content)
    attachment = Attachment.objects.create(
        dispute=dispute, session=session, org=dispute.org, name=name, content_type=content_type, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, note=note.strip()[:200], created_by=actor)
    audit.action(actor, "上传附件", dispute, after={"name": name, "size": len(content),
                                                  "session": session.seq if session else None})
    return attachment


# --- 援律访调 -------------------------------------------------------------------------------------------------------


@transaction.atomic
def receive_transfer(actor, *, org: OrgUnit, received_on: dt.date, person_name: str, id_number: str, matter: str,
                     mobile: str = "", from_unit: str = "群众权益诉求服务中心") -> PetitionTransfer:
    """Receive a person or matter handed over by the petition centre (信访)."""
    ensure_can_write(actor, org)
    not_future(received_on, "接收日期")
    try:
        id_number = validate_resident_id(id_number)
        mobile = validate_mobile(mobile) if mobile.strip() else ""
    except ValidationError as exc:
        raise ValidationError(f"来访人“{person_name}”：{' '.join(exc.messages)}")
    transfer = PetitionTransfer.objects.create(
        org=org, received_on=received_on, from_unit=required(from_unit, "移交单位"),
        person_name=required(person_name, "来访人姓名"), id_number=id_number, mobile=mobile,
        matter=required(matter, "诉求事项"), created_by=actor)
    audit.action(actor, "接收援律访调移交", transfer, after={"received_on": str(received_on)})
    return transfer


@transaction.atomic
def route_transfer(actor, transfer: PetitionTransfer, *, route: str, routed_on: dt.date, handler: str = "",
                   case: dict | None = None) -> PetitionTransfer:
    """分流 to 心理疏导, 律师咨询, 法律援助咨询 or 联合调解. 联合调解 opens a mediation case (source 信访) from
    `case` = {summary, dispute_type, parties, committee, mediators}; the petitioner must be one of its parties."""
    transfer = PetitionTransfer.objects.select_for_update().get(pk=transfer.pk)
    ensure_can_write(actor, transfer.org)
    if transfer.status != TransferStatus.RECEIVED:
        raise ValidationError("该移交事项已分流。")
    route = choice(route, PetitionRoute, "分流方式")
    not_future(routed_on, "分流日期")
    not_before(routed_on, transfer.received_on, "分流日期", "接收日期")
    if route != PetitionRoute.JOINT and not handler.strip():
        raise ValidationError("请填写承办的律师、咨询师或工作人员。")
    if route == PetitionRoute.JOINT:
        if not case:
            raise ValidationError("联合调解须填写纠纷情况、当事人和受理调委会。")
        case = dict(case)
        if transfer.id_number not in {p.get("id_number", "").strip().upper() for p in case.get("parties", [])}:
            raise ValidationError(f"来访人“{transfer.person_name}”须是联合调解纠纷的当事人之一。")
        transfer.dispute = open_case(actor, org=transfer.org, source=Source.PETITION, referred_by=transfer.from_unit,
                                     accepted_on=routed_on, applied_on=transfer.received_on, **case)
    transfer.route = route
    transfer.routed_on = routed_on
    transfer.handler = handler.strip()[:100]
    transfer.status = TransferStatus.ROUTED
    transfer.save()
    audit.action(actor, "援律访调分流", transfer, after={"route": route, "routed_on": str(routed_on)})
    return transfer


@transaction.atomic
def complete_transfer(actor, transfer: PetitionTransfer, *, result: str, done_on: dt.date) -> PetitionTransfer:
    transfer = PetitionTransfer.objects.select_for_update().get(pk=transfer.pk)
    ensure_can_write(actor, transfer.org)
    if transfer.status != TransferStatus.ROUTED:
        raise ValidationError("请先分流，再登记办理结果。" if transfer.status == TransferStatus.RECEIVED
                              else "该移交事项已办结。")
    if transfer.dispute_id and transfer.dispute.status not in CLOSED_STATUSES:
        raise ValidationError("联合调解的纠纷尚未结案。")
    not_future(done_on, "办结日期")
    not_before(done_on, transfer.routed_on, "办结日期", "分流日期")
    transfer.result = required(result, "办理结果")
    transfer.done_on = done_on
    transfer.status = TransferStatus.DONE
    transfer.save()
    audit.action(actor, "援律访调办结", transfer, after={"done_on": str(done_on)})
    return transfer


# --- document templates -------------------------------------------------------------------------------------


@transaction.atomic
def upload_template(actor, *, org: OrgUnit, kind: str, filename: str, content: bytes) -> DocumentTemplate:
    """A unit's own template for one kind (replacing its previous one); it applies to the unit's whole subtree."""
    ensure_can_write(actor, org)
    if kind not in DocumentKind.values:
        raise ValidationError("请选择文书种类。")
    if not filename.lower().endswith(".docx"):
        raise ValidationError("模板必须是Word文档（.docx）。")
    documents.validate_template(content)
    template, created = DocumentTemplate.objects.update_or_create(
        org=org, kind=kind, defaults={"content": content, "filename": filename[-200:], "created_by": actor})
    audit.record(AuditEventType.CONFIG, user=actor, obj=template, verb="上传调解文书模板",
                 after={"kind": kind, "filename": template.filename, "replaced": not created})
    return template


@transaction.atomic
def delete_template(actor, template: DocumentTemplate) -> None:
    ensure_can_write(actor, template.org)
    audit.record(AuditEventType.CONFIG, user=actor, obj=template, verb="删除调解文书模板",
                 before={"kind": template.kind, "filename": template.filename})
    template.delete()
