"""Every change to a reconsideration record goes through one of these functions.

Each one checks the actor's scope (the county bureau's subtree), the workflow (workflow.py) and the dates the
law orders, writes the audit row in the same transaction and notifies whoever must act next. Bad input raises a
ValidationError naming the field, in Chinese, and writes nothing. Pages, the API, the ledger import, the portal
and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit, notify
from sifa.core.identifiers import validate_credit_code, validate_mobile, validate_resident_id
from sifa.core.masking import mask_mobile
from sifa.core.models import OrgKind, OrgUnit, Role, User
from sifa.core.notify import notify_users, send_sms
from sifa.core.numbering import next_case_number
from sifa.core.record_writer import RecordWriter

from . import rules
from .models import (
    SELF_CORRECTABLE,
    TERMINATIONS,
    ActType,
    Agency,
    Case,
    CaseStatus,
    Channel,
    CommitteeMember,
    Denominator,
    Mode,
    Outcome,
    Procedure,
    ReviewSettings,
    Suspension,
    SuspensionGround,
    TerminationGround,
)
from .workflow import WORKFLOW

LINE = "reconsideration"
LINE_NAME = "行政复议"
NUMBER_FORMAT = "{prefix}〔{year}〕{number}号"
CASE_FIELDS = ("number", "status", "law_version", "channel", "respondent_id", "act_type", "filed_on", "received_on",
               "review_due", "correction_requested_on", "correction_due", "corrected_on", "declined_on",
               "accepted_on", "deemed_accepted", "procedure", "copy_sent_on", "reply_due", "replied_on",
               "hearing_on", "committee_consulted_on", "decision_due", "extension_days", "closed_on", "outcome",
               "termination_ground", "respondent_corrected", "served_on", "opinion_issued_on", "opinion_replied_on")
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
CASES = RecordWriter(Case, fields=CASE_FIELDS, workflow=WORKFLOW, line=LINE_NAME)


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def case_url(case: Case) -> str:
    return notify.record_link("reconsideration:case_detail", case.pk)


def bureau_of(org: OrgUnit) -> OrgUnit:
    """The county 司法局 at or above `org`: the 复议机构 that owns the county's cases."""
    node = org
    while node.kind != OrgKind.COUNTY_BUREAU and node.parent_id is not None:
        node = node.parent
    return node


def staff_of(org: OrgUnit) -> list[User]:
    return list(User.objects.filter(org__path__startswith=bureau_of(org).path, role=Role.SECTION_STAFF,
                                    is_active=True))


def _text_applicant(case: Case, text: str) -> None:
    """An SMS to the applicant once the step is committed (the portal's 短信告知); never fails the step."""
    if not case.applicant_mobile:
        return
    mobile = case.applicant_mobile

    def send():
        try:
            send_sms(mobile, text)
        except Exception:  # noqa: BLE001 - a provider outage must not undo a decision already taken
            import logging

            logging.getLogger("sifa.notify").exception("短信发送失败：%s", mask_mobile(mobile))

    transaction.on_commit(send)


# --- agencies, committee, settings ---------------------------------------------------------------------------


@transaction.atomic
def add_agency(actor, *, org: OrgUnit, name: str, credit_code: str, is_government: bool = False,
               head_name: str = "") -> Agency:
    """A county agency (被申请人/被告) with its 统一社会信用代码 checked (GB 32100 check character)."""
    ensure_can_write(actor, org)
    name = required(name, "机关名称", 100)
    try:
        code = validate_credit_code(credit_code)
    except ValidationError as exc:
        raise ValidationError(f"被申请人统一社会信用代码：{' '.join(exc.messages)}")
    if Agency.objects.filter(org=org, credit_code=code).exists():
        raise ValidationError(f"统一社会信用代码为{code}的行政机关已登记。")
    agency = Agency.objects.create(org=org, name=name, credit_code=code, is_government=bool(is_government),
                                   head_name=(head_name or "").strip()[:50], created_by=actor)
    audit.action(actor, "登记行政机关", agency, after={"name": name, "credit_code": code})
    return agency


@transaction.atomic
def appoint_member(actor, *, org: OrgUnit, name: str, appointed_on: dt.date, profession: str = "",
                   expertise: str = "") -> CommitteeMember:
    ensure_can_write(actor, org)
    not_future(appointed_on, "聘任日期")
    member = CommitteeMember.objects.create(org=org, name=required(name, "委员姓名", 50), appointed_on=appointed_on,
                                            profession=(profession or "").strip()[:100],
                                            expertise=(expertise or "").strip()[:100], created_by=actor)
    audit.action(actor, "聘任复议委员会委员", member, after={"appointed_on": str(appointed_on)})
    return member


def settings_for(org: OrgUnit) -> ReviewSettings:
    """The settings of `org` or of its nearest unit above that has some (the bureau's), else the defaults."""
    rows = ReviewSettings.objects.filter(org__code__in=[c for c in org.path.split("/") if c]).order_by("-org_path")
    return rows.first() or ReviewSettings(org=bureau_of(org))


@transaction.atomic
def configure(actor, *, org: OrgUnit, mode: str = Mode.CONCENTRATED, correction_counts_mediated: bool = True,
              correction_counts_settled: bool = True, correction_denominator: str = Denominator.CLOSED,
              settlement_counts_withdrawn: bool = True,
              settlement_denominator: str = Denominator.CLOSED) -> ReviewSettings:
    """The mode and the parts of the 综合纠错率 and 协调调撤率 (DOMAIN §9 【歧义】) of `org` — the bureau, as a rule —
    and of every unit below it that has none of its own."""
    ensure_can_write(actor, org)
    current = ReviewSettings.objects.select_for_update().filter(org=org).first() or ReviewSettings(org=org)
    before = audit.snapshot(current, ("mode", "correction_counts_mediated", "correction_counts_settled",
                                      "correction_denominator", "settlement_counts_withdrawn",
                                      "settlement_denominator"), readable=True) if current.pk else None
    current.mode = choice(mode, Mode, "办案模式")
    current.correction_counts_mediated = bool(correction_counts_mediated)
    current.correction_counts_settled = bool(correction_counts_settled)
    current.correction_denominator = choice(correction_denominator, Denominator, "纠错率分母")
    current.settlement_counts_withdrawn = bool(settlement_counts_withdrawn)
    current.settlement_denominator = choice(settlement_denominator, Denominator, "调撤率分母")
    current.created_by = current.created_by or actor
    current.save()
    audit.action(actor, "修改行政复议设置", current, before=before,
                 after=audit.snapshot(current, ("mode", "correction_denominator", "settlement_denominator"),
                                      readable=True))
    return current


# --- receipt -----------------------------------------------------------------------------------------------------


def _clean_applicant(name: str, id_number: str, mobile: str) -> tuple[str, str, str]:
    name = required(name, "申请人", 100)
    number = (id_number or "").strip().upper()
    if number:
        try:
            number = validate_resident_id(number) if len(number) == 18 and number[:17].isdigit() \
                else validate_credit_code(number)
        except ValidationError as exc:
            raise ValidationError(f"申请人证件号码：{' '.join(exc.messages)}")
    if mobile:
        try:
            mobile = validate_mobile(mobile)
        except ValidationError as exc:
            raise ValidationError(f"申请人手机号码：{' '.join(exc.messages)}")
    return name, number, mobile or ""


def _build_case(*, org: OrgUnit, respondent: Agency, applicant_name: str, act_type: str, act_description: str,
                request: str, filed_on: dt.date, received_on: dt.date, channel: str, oral_record: str = "",
                applicant_id_number: str = "", applicant_mobile: str = "", applicant_address: str = "",
                tracking_code: str = "", source_system: str = "") -> Case:
    channel = choice(channel, Channel, "申请方式")
    if filed_on is None or received_on is None:
        raise ValidationError("请填写申请日期和收到日期。")
    not_future(received_on, "收到日期")
    if filed_on > received_on:
        raise ValidationError(f"申请日期（{filed_on:%Y-%m-%d}）不能晚于收到日期（{received_on:%Y-%m-%d}）。")
    if channel == Channel.ORAL and not (oral_record or "").strip():
        raise ValidationError("口头申请的，请填写口头申请笔录（《行政复议法》第二十二条）。")
    if not respondent.org_path.startswith(bureau_of(org).path) or not respondent.active:
        raise ValidationError("被申请人应为本县（区）登记在用的行政机关。")
    name, number, mobile = _clean_applicant(applicant_name, applicant_id_number, applicant_mobile)
    return Case(org=org, law_version=rules.law_version(filed_on), channel=channel,
                oral_record=(oral_record or "").strip(), applicant_name=name, applicant_id_number=number,
                applicant_mobile=mobile, applicant_address=(applicant_address or "").strip()[:200],
                respondent=respondent, act_type=choice(act_type, ActType, "行政行为类型"),
                act_description=required(act_description, "被申请复议的行政行为"),
                request=required(request, "复议请求"), filed_on=filed_on, received_on=received_on,
                status=CaseStatus.RECEIVED, review_due=rules.review_due(received_on),
                tracking_code=tracking_code, source_system=source_system)


@transaction.atomic
def receive(actor, *, org: OrgUnit, **fields) -> Case:
    """收到 an application (当面/邮寄/网络/口头): the 5-working-day 受理审查 starts (逾期视为受理)."""
    ensure_can_write(actor, org)
    case = _build_case(org=org, **fields)
    case.created_by = actor
    case.save()
    audit.action(actor, "收到行政复议申请", case, after=CASES.snapshot(case))
    return case


PORTAL_KIND = "reconsideration"
PUBLIC_STATUS = {
    CaseStatus.RECEIVED: "已收到，正在进行受理审查",
    CaseStatus.CORRECTION: "需要补正材料，请按补正通知书办理",
    CaseStatus.DECLINED: "不予受理，详见不予受理决定书",
    CaseStatus.ABANDONED: "逾期未补正，视为放弃申请",
    CaseStatus.HEARING: "已受理，正在审理",
    CaseStatus.SUSPENDED: "已中止审理",
    CaseStatus.DECIDED: "已作出决定，正在送达",
    CaseStatus.SERVED: "已送达，案件办结",
}


def public_status(case: Case) -> str:
    text = PUBLIC_STATUS.get(case.status, case.get_status_display())
    if case.status == CaseStatus.RECEIVED and case.review_due:
        text += f"（{case.review_due:%Y年%m月%d日}前未作出不予受理决定的，视为受理）"
    if case.status == CaseStatus.HEARING and case.decision_due:
        text += f"（决定期限：{case.decision_due:%Y年%m月%d日}）"
    if case.status in (CaseStatus.DECIDED, CaseStatus.SERVED) and case.outcome:
        text += f"：{case.get_outcome_display()}"
    return text


@transaction.atomic
def submit_online(*, org: OrgUnit, applicant_mobile: str, **fields) -> Case:
    """A citizen's online application (portal), signed in with `applicant_mobile`: it gets a 查询码, and the
    bureau's 复议 staff find it in their inbox. The receipt date is today (网络申请)."""
    from sifa.portal.tracking import issue_tracking_code

    bureau = bureau_of(org)
    if bureau.kind != OrgKind.COUNTY_BUREAU or not bureau.active:
        raise ValidationError("请选择受理行政复议申请的县（区）司法局。")
    case = _build_case(org=bureau, channel=Channel.ONLINE, received_on=today(),
                       applicant_mobile=validate_mobile(applicant_mobile), **fields)
    case.save()
    case.tracking_code = issue_tracking_code(case, PORTAL_KIND, case.applicant_mobile).code
    case.save(update_fields=["tracking_code"])
    audit.record("action", obj=case, verb="网上申请行政复议", after=CASES.snapshot(case),
                 username=f"公众:{mask_mobile(case.applicant_mobile)}")
    notify_users(staff_of(bureau), f"新的网上行政复议申请：被申请人{case.respondent}",
                 f"请于{case.review_due:%Y-%m-%d}前完成受理审查。", case_url(case), category=LINE_NAME)
    return case


# --- 受理审查 -------------------------------------------------------------------------------------------------------


def _number(case: Case, year: int) -> str:
    """The next 砀复〔2024〕12号 of the bureau's year, skipping any number a ledger import already brought in."""
    bureau = bureau_of(case.org)
    prefix = rules.short_name(bureau.division.name) + "复"
    while True:
        number = next_case_number(LINE, bureau, year, prefix, fmt=NUMBER_FORMAT)
        if not Case.objects.filter(number=number).exists():
            return number


def _start_hearing(case: Case, accepted_on: dt.date, procedure: str) -> None:
    procedure = choice(procedure or Procedure.ORDINARY, Procedure, "审理程序")
    rules.check_procedure(procedure, case.law_version)
    case.status = CaseStatus.HEARING
    case.accepted_on = accepted_on
    case.procedure = procedure
    copy_rule, _ = rules.copy_and_reply_rules(procedure)
    case.copy_due = rules.due(copy_rule, accepted_on)
    case.decision_due = rules.decision_due(accepted_on, procedure)
    if not case.number:
        case.number = _number(case, accepted_on.year)


@transaction.atomic
def accept(actor, case: Case, *, accepted_on: dt.date, procedure: str = Procedure.ORDINARY) -> Case:
    """受理 within the review period; the decision period (60 days, 简易 30) starts."""
    case = CASES.lock(case, actor, "accept")
    not_future(accepted_on, "受理日期")
    not_before(accepted_on, case.corrected_on or case.received_on, "受理日期",
               "收到补正材料日期" if case.corrected_on else "收到日期")
    if case.review_due and accepted_on > case.review_due:
        raise ValidationError(f"受理审查期限已于{case.review_due:%Y-%m-%d}届满，依法视为受理，"
                              "请使用“登记逾期视为受理”。")
    before = CASES.snapshot(case)
    _start_hearing(case, accepted_on, procedure)
    CASES.save(actor, case, "受理", before)
    _text_applicant(case, f"您的行政复议申请已受理，案号{case.number}，决定期限{case.decision_due:%Y年%m月%d日}。")
    return case


@transaction.atomic
def deem_accepted(actor, case: Case, *, procedure: str = Procedure.ORDINARY) -> Case:
    """逾期视为受理 (《行政复议法》第三十条第三款): accepted on the day the review period expired."""
    case = CASES.lock(case, actor, "deem")
    if case.review_due is None or today() <= case.review_due:
        raise ValidationError(f"受理审查期限尚未届满（{case.review_due:%Y-%m-%d}），请作出受理、补正或不予受理决定。")
    before = CASES.snapshot(case)
    case.deemed_accepted = True
    _start_hearing(case, case.review_due, procedure)
    CASES.save(actor, case, "逾期视为受理", before)
    return case


@transaction.atomic
def request_correction(actor, case: Case, *, requested_on: dt.date, items: str) -> Case:
    """补正通知 within 5 working days of receipt; the applicant has 10 working days, and the review period is
    paused until the materials arrive (《行政复议法》第三十一条)."""
    case = CASES.lock(case, actor, "correction")
    not_future(requested_on, "补正通知日期")
    not_before(requested_on, case.received_on, "补正通知日期", "收到日期")
    notice_due = rules.due(rules.CORRECTION_NOTICE, case.received_on)
    if requested_on > notice_due:
        raise ValidationError(f"补正通知应在收到申请之日起五个工作日内（{notice_due:%Y-%m-%d}前）发出。")
    if case.correction_requested_on:
        raise ValidationError("该申请已通知补正过一次，不能再次通知补正。")
    before = CASES.snapshot(case)
    case.status = CaseStatus.CORRECTION
    case.correction_requested_on = requested_on
    case.correction_items = required(items, "补正事项")
    case.correction_due = rules.due(rules.CORRECTION, requested_on)
    case.review_due = None
    CASES.save(actor, case, "通知补正", before)
    _text_applicant(case, f"您的行政复议申请需要补正材料，请于{case.correction_due:%Y年%m月%d日}前提交。")
    return case


@transaction.atomic
def receive_correction(actor, case: Case, *, corrected_on: dt.date) -> Case:
    """收到补正材料: the 5-working-day review runs again from that day."""
    case = CASES.lock(case, actor, "corrected")
    not_future(corrected_on, "收到补正材料日期")
    not_before(corrected_on, case.correction_requested_on, "收到补正材料日期", "补正通知日期")
    if corrected_on > case.correction_due:
        raise ValidationError(f"补正期限已于{case.correction_due:%Y-%m-%d}届满，逾期补正的视为放弃申请。")
    before = CASES.snapshot(case)
    case.status = CaseStatus.RECEIVED
    case.corrected_on = corrected_on
    case.review_due = rules.review_due(corrected_on)
    return CASES.save(actor, case, "收到补正材料", before)


@transaction.atomic
def abandon(actor, case: Case) -> Case:
    """无正当理由逾期不补正的，视为放弃行政复议申请."""
    case = CASES.lock(case, actor, "abandon")
    if today() <= case.correction_due:
        raise ValidationError(f"补正期限尚未届满（{case.correction_due:%Y-%m-%d}）。")
    before = CASES.snapshot(case)
    case.status = CaseStatus.ABANDONED
    case.closed_on = case.correction_due
    return CASES.save(actor, case, "视为放弃申请", before)


@transaction.atomic
def decline(actor, case: Case, *, declined_on: dt.date, reason: str) -> Case:
    """不予受理决定 within the review period, with its reason."""
    case = CASES.lock(case, actor, "decline")
    not_future(declined_on, "不予受理日期")
    not_before(declined_on, case.corrected_on or case.received_on, "不予受理日期", "收到日期")
    if case.review_due and declined_on > case.review_due:
        raise ValidationError(f"受理审查期限已于{case.review_due:%Y-%m-%d}届满，依法视为受理，不能再作不予受理决定。")
    before = CASES.snapshot(case)
    case.status = CaseStatus.DECLINED
    case.declined_on = declined_on
    case.decline_reason = required(reason, "不予受理理由")
    case.number = case.number or _number(case, declined_on.year)
    CASES.save(actor, case, "不予受理", before, reason=case.decline_reason)
    _text_applicant(case, f"您的行政复议申请不予受理（{case.number}），请查收不予受理决定书。")
    return case


# --- 答复与审理 ------------------------------------------------------------------------------------------------------


def _open_step(actor, case: Case, step: str) -> tuple[Case, dict]:
    case = CASES.lock(case, actor, step)
    return case, CASES.snapshot(case)


@transaction.atomic
def send_copy(actor, case: Case, *, sent_on: dt.date) -> Case:
    """申请书副本 sent to the respondent (7 working days, 简易 3); its reply is due 10 (简易 5) working days later."""
    case, before = _open_step(actor, case, "send_copy")
    not_future(sent_on, "发送申请书副本日期")
    not_before(sent_on, case.accepted_on, "发送申请书副本日期", "受理日期")
    _, reply_rule = rules.copy_and_reply_rules(case.procedure)
    case.copy_sent_on = sent_on
    case.reply_due = rules.due(reply_rule, sent_on)
    return CASES.save(actor, case, "发送申请书副本", before)


@transaction.atomic
def record_reply(actor, case: Case, *, replied_on: dt.date) -> Case:
    case, before = _open_step(actor, case, "reply")
    not_future(replied_on, "答复日期")
    not_before(replied_on, case.copy_sent_on, "答复日期", "发送申请书副本日期")
    case.replied_on = replied_on
    return CASES.save(actor, case, "登记被申请人答复", before)


@transaction.atomic
def record_hearing(actor, case: Case, *, held_on: dt.date) -> Case:
    """听证 (《行政复议法》第五十条)."""
    case, before = _open_step(actor, case, "hearing")
    not_future(held_on, "听证日期")
    not_before(held_on, case.accepted_on, "听证日期", "受理日期")
    case.hearing_on = held_on
    return CASES.save(actor, case, "登记听证", before)


@transaction.atomic
def consult_committee(actor, case: Case, *, consulted_on: dt.date, opinion: str) -> Case:
    """复议委员会 consultation on a hard case (《行政复议法》第五十二条)."""
    case, before = _open_step(actor, case, "consult")
    not_future(consulted_on, "咨询日期")
    not_before(consulted_on, case.accepted_on, "咨询日期", "受理日期")
    if not CommitteeMember.objects.filter(org_path__startswith=bureau_of(case.org).path, left_on__isnull=True).exists():
        raise ValidationError("尚未登记行政复议委员会委员，请先聘任委员。")
    case.committee_consulted_on = consulted_on
    case.committee_opinion = required(opinion, "咨询意见")
    return CASES.save(actor, case, "提请复议委员会咨询", before)


@transaction.atomic
def extend(actor, case: Case, *, days: int, approved_by: str, approved_on: dt.date) -> Case:
    """延长 at most 30 days, approved by the head of the 复议机构 before the period ends (第六十二条)."""
    case, before = _open_step(actor, case, "extend")
    if case.procedure == Procedure.SIMPLE:
        raise ValidationError("简易程序案件不能延长审理期限；确需延长的，应先转为普通程序。")
    days = checks.positive_int(days, "延长天数", rules.MAX_EXTENSION_DAYS)
    not_future(approved_on, "批准日期")
    not_before(approved_on, case.accepted_on, "批准日期", "受理日期")
    if case.decision_due and approved_on > case.decision_due:
        raise ValidationError(f"审理期限已于{case.decision_due:%Y-%m-%d}届满，不能再批准延长。")
    case.extension_days = days
    case.extension_approved_by = required(approved_by, "批准人", 50)
    case.extension_approved_on = approved_on
    case.decision_due = rules.decision_due(case.accepted_on, case.procedure, case.pauses, days)
    CASES.save(actor, case, "延长审理期限", before)
    _text_applicant(case, f"您的行政复议案件{case.number}审理期限延长{days}日，至{case.decision_due:%Y年%m月%d日}。")
    return case


@transaction.atomic
def suspend(actor, case: Case, *, started_on: dt.date, ground: str, note: str = "") -> Suspension:
    """中止: the decision period stops running until 恢复审理."""
    case, before = _open_step(actor, case, "suspend")
    ground = choice(ground, SuspensionGround, "中止情形")
    not_future(started_on, "中止日期")
    not_before(started_on, case.accepted_on, "中止日期", "受理日期")
    last = case.suspensions.order_by("-started_on").first()
    if last is not None:
        not_before(started_on, last.resumed_on, "中止日期", "上次恢复审理日期")
    suspension = Suspension.objects.create(case=case, org=case.org, ground=ground, started_on=started_on,
                                           note=(note or "").strip()[:200], created_by=actor)
    case.status = CaseStatus.SUSPENDED
    case.decision_due = None
    CASES.save(actor, case, "中止审理", before, reason=suspension.get_ground_display())
    return suspension


@transaction.atomic
def resume(actor, case: Case, *, resumed_on: dt.date) -> Case:
    """恢复审理: the decision period runs again, longer by the days of the pause."""
    case, before = _open_step(actor, case, "resume")
    suspension = case.suspensions.filter(resumed_on__isnull=True).order_by("-started_on").first()
    if suspension is None:
        raise ValidationError("该案件没有未恢复的中止记录。")
    not_future(resumed_on, "恢复审理日期")
    not_before(resumed_on, suspension.started_on, "恢复审理日期", "中止日期")
    suspension.resumed_on = resumed_on
    suspension.save(update_fields=["resumed_on", "updated_at"])
    case.status = CaseStatus.HEARING
    case.decision_due = rules.decision_due(case.accepted_on, case.procedure, case.pauses, case.extension_days)
    return CASES.save(actor, case, "恢复审理", before)


# --- 决定、终止、送达 -------------------------------------------------------------------------------------------------


def _close(case: Case, closed_on: dt.date) -> None:
    not_future(closed_on, "结案日期")
    if case.accepted_on is None:
        raise ValidationError("该案件尚未受理，不能结案。")
    not_before(closed_on, case.accepted_on, "结案日期", "受理日期")
    for _first, end in case.pauses:
        if end is not None:
            not_before(closed_on, end, "结案日期", "恢复审理日期")
    case.status = CaseStatus.DECIDED
    case.closed_on = closed_on
    paused = sum((min(end, closed_on) - first).days + 1 for first, end in case.pauses if end is not None)
    case.decision_days = max((closed_on - case.accepted_on).days - paused, 0)


@transaction.atomic
def decide(actor, case: Case, *, outcome: str, closed_on: dt.date, summary: str = "",
           respondent_corrected: bool = False) -> Case:
    """决定 (or 调解书) of the outcomes the case's law allows; 终止 goes through `terminate`."""
    case, before = _open_step(actor, case, "decide")
    outcome = choice(outcome, Outcome, "结案方式")
    if outcome in TERMINATIONS:
        raise ValidationError("终止行政复议请使用“终止审理”，并选择终止情形。")
    rules.check_outcome(outcome, case.law_version)
    if respondent_corrected and outcome not in SELF_CORRECTABLE:
        raise ValidationError("“被申请人自行纠正”只适用于调解、和解或撤回结案的案件。")
    _close(case, closed_on)
    case.outcome = outcome
    case.respondent_corrected = bool(respondent_corrected)
    case.decision_summary = (summary or "").strip()
    case.decision_number = case.number
    return CASES.save(actor, case, "作出复议决定" if outcome != Outcome.MEDIATED else "制作行政复议调解书", before)


@transaction.atomic
def terminate(actor, case: Case, *, ground: str, closed_on: dt.date, settled: bool = False,
              respondent_corrected: bool = False, summary: str = "") -> Case:
    """终止 (《行政复议法》第四十一条): a withdrawal (after 和解 when `settled`) or one of the other grounds. A case
    still suspended is terminated on the same day its pause ends (中止满六十日的，原因仍未消除)."""
    case, before = _open_step(actor, case, "terminate")
    ground = choice(ground, TerminationGround, "终止情形")
    withdrawal = ground == TerminationGround.WITHDRAWAL
    if settled and not withdrawal:
        raise ValidationError("和解后终止的，终止情形应为“申请人撤回行政复议申请”。")
    if respondent_corrected and not withdrawal:
        raise ValidationError("“被申请人自行纠正”只适用于和解或撤回结案的案件。")
    open_pause = case.suspensions.filter(resumed_on__isnull=True).first()
    if open_pause is not None:
        if ground == TerminationGround.LONG_SUSPENSION and (closed_on - open_pause.started_on).days < 60:
            raise ValidationError(f"中止（{open_pause.started_on:%Y-%m-%d}起）尚未满六十日，不能以此情形终止。")
        not_before(closed_on, open_pause.started_on, "结案日期", "中止日期")
        open_pause.resumed_on = closed_on
        open_pause.save(update_fields=["resumed_on", "updated_at"])
    elif ground == TerminationGround.LONG_SUSPENSION:
        raise ValidationError("该案件未处于中止状态，不能以“中止满六十日”终止。")
    _close(case, closed_on)
    case.outcome = (Outcome.SETTLED if settled else Outcome.WITHDRAWN) if withdrawal else Outcome.TERMINATED
    case.termination_ground = ground
    case.respondent_corrected = bool(respondent_corrected)
    case.decision_summary = (summary or "").strip()
    case.decision_number = case.number
    return CASES.save(actor, case, "终止行政复议", before)


@transaction.atomic
def serve(actor, case: Case, *, served_on: dt.date) -> Case:
    case, before = _open_step(actor, case, "serve")
    not_future(served_on, "送达日期")
    not_before(served_on, case.closed_on, "送达日期", "结案日期")
    case.status = CaseStatus.SERVED
    case.served_on = served_on
    CASES.save(actor, case, "送达", before)
    _text_applicant(case, f"行政复议案件{case.number}已{case.get_outcome_display()}结案，文书已送达，"
                          "可凭查询码在网上查看。")
    return case


@transaction.atomic
def issue_opinion(actor, case: Case, *, issued_on: dt.date, content: str) -> Case:
    """意见书/建议书 to the respondent or another body; its reply is due within 60 days (第七十六条)."""
    case, before = _open_step(actor, case, "opinion")
    not_future(issued_on, "制发日期")
    not_before(issued_on, case.closed_on, "制发日期", "结案日期")
    case.opinion_issued_on = issued_on
    case.opinion_content = required(content, "意见书（建议书）内容")
    case.opinion_reply_due = rules.due(rules.OPINION_REPLY, issued_on)
    return CASES.save(actor, case, "制发意见书（建议书）", before)


@transaction.atomic
def record_opinion_reply(actor, case: Case, *, replied_on: dt.date) -> Case:
    case, before = _open_step(actor, case, "opinion_reply")
    not_future(replied_on, "回复日期")
    not_before(replied_on, case.opinion_issued_on, "回复日期", "制发日期")
    case.opinion_replied_on = replied_on
    return CASES.save(actor, case, "登记意见书回复", before)


# --- the years before Sifa (复议案件台账 import) -------------------------------------------------------------------


@transaction.atomic
def import_case(actor, *, org: OrgUnit, number: str, accepted_on: dt.date | None = None,
                declined_on: dt.date | None = None, decline_reason: str = "", procedure: str = Procedure.ORDINARY,
                outcome: str = "", closed_on: dt.date | None = None, termination_ground: str = "",
                respondent_corrected: bool = False, served_on: dt.date | None = None, **application) -> Case:
    """A case of the ledger kept before Sifa, with its own 案号, taken through the same steps as a new one (收到 →
    受理 or 不予受理 → 决定/终止 → 送达), so it obeys the same rules. A number already registered is refused."""
    number = required(number, "案号", 60)
    if Case.objects.filter(number=number).exists():
        raise ValidationError(f"案号“{number}”已登记，不能重复登记。", code="duplicate")
    case = receive(actor, org=org, **application)
    case.number = number
    case.save(update_fields=["number", "updated_at"])
    if declined_on and accepted_on:
        raise ValidationError("受理日期与不予受理日期只能填写一个。")
    if declined_on:
        return decline(actor, case, declined_on=declined_on, reason=decline_reason or "不符合受理条件")
    if accepted_on is None:
        if outcome:
            raise ValidationError("已结案的案件须填写受理日期。")
        return case
    accept(actor, case, accepted_on=accepted_on, procedure=procedure or Procedure.ORDINARY)
    if not outcome:
        return Case.objects.get(pk=case.pk)
    if closed_on is None:
        raise ValidationError("填写了结案方式的，请填写结案日期。")
    outcome = choice(outcome, Outcome, "结案方式")
    if outcome in TERMINATIONS:
        ground = termination_ground or (TerminationGround.WITHDRAWAL if outcome != Outcome.TERMINATED else "")
        if not ground:
            raise ValidationError("以其他情形终止的，请填写终止情形。")
        terminate(actor, case, ground=ground, closed_on=closed_on, settled=outcome == Outcome.SETTLED,
                  respondent_corrected=respondent_corrected)
    else:
        decide(actor, case, outcome=outcome, closed_on=closed_on, respondent_corrected=respondent_corrected)
    if served_on:
        serve(actor, case, served_on=served_on)
    return Case.objects.get(pk=case.pk)
