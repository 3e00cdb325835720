"""Every change to a notary record goes through one of these functions (DOMAIN.md §4).

受理 starts the fifteen working days of 《公证法》第30条; a pause (补充材料、核实、不可抗力) stops the clock until it
ends; the certificate gets its number (“（2021）皖砀证字第12号”) when issued. Issuing late is recorded (it
happened) but needs a reason and counts against 按期出证率. Bad input raises ValidationError in Chinese and
writes nothing; out-of-scope work raises PermissionDenied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, notify, workdays
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
from sifa.core.identifiers import validate_credit_code, validate_mobile, validate_resident_id
from sifa.core.masking import mask_mobile
from sifa.core.models import OrgKind, OrgUnit, Role, User
from sifa.core.models.audit import AuditEventType
from sifa.core.notify import notify_users
from sifa.core.numbering import next_case_number
from sifa.core.record_writer import RecordWriter

from . import rules
from .models import (
    Category,
    Channel,
    FeeTier,
    NotaryItem,
    NotaryMatter,
    Pause,
    PauseReason,
    RefusalReason,
    Status,
)
from .workflow import WORKFLOW

LINE = "公证"
ITEM_FIELDS = ("name", "category", "one_visit", "online", "base_fee", "copy_fee", "value_based", "min_fee",
               "effective_from", "withdrawn_on")
MATTER_FIELDS = ("number", "status", "item_id", "channel", "accepted_on", "due_on", "issued_on", "on_time", "fee",
                 "copies", "applicant_id", "applicant_mobile", "visits", "refusal_reason")
ITEM_EDITABLE = {"name", "one_visit", "online", "base_fee", "copy_fee", "value_based", "min_fee", "materials",
                 "withdrawn_on"}
PORTAL_KIND = "notary"
MAX_COPIES = 50
MATTERS = RecordWriter(NotaryMatter, fields=MATTER_FIELDS, workflow=WORKFLOW, line=LINE)


def _can_write(actor, org: OrgUnit) -> None:
    ensure_can_write(actor, org, LINE)


def _office(org: OrgUnit) -> None:
    if org.kind != OrgKind.NOTARY_OFFICE or not org.active:
        raise ValidationError(f"“{org}”不是公证处，不能办理公证。")


def matter_url(matter: NotaryMatter) -> str:
    return notify.record_link("notary:matter_detail", matter.pk)


# --- the list of matters, the 最多跑一次 list and the fees ---------------------------------------------------------


def clean_tiers(tiers: Sequence) -> list[tuple[Decimal | None, Decimal]]:
    """[(upper bound or None, rate ‰), …] ascending, the last without an upper bound."""
    cleaned = []
    for i, (upper, rate) in enumerate(tiers or [], start=1):
        upper = money(upper, f"第{i}档标的额上限", allow_zero=False) if upper not in (None, "") else None
        rate = money(rate, f"第{i}档费率")
        if rate is None:
            raise ValidationError(f"请填写第{i}档费率（‰）。")
        if rate > 1000:
            raise ValidationError(f"第{i}档费率不能超过1000‰。")
        cleaned.append((upper, rate))
    if not cleaned:
        raise ValidationError("按标的额收费的事项须设置收费档次。")
    bounds = [u for u, _ in cleaned[:-1]]
    if any(u is None for u in bounds) or cleaned[-1][0] is not None:
        raise ValidationError("只有最后一档不设标的额上限。")
    if bounds != sorted(bounds) or len(set(bounds)) != len(bounds):
        raise ValidationError("收费档次的标的额上限应逐档递增。")
    return cleaned


def _validate_item(item: NotaryItem) -> None:
    item.name = required(item.name, "公证事项名称", 100)
    item.category = choice(item.category, Category, "事项类别")
    for field, label in (("base_fee", "基本收费"), ("copy_fee", "副本收费"), ("min_fee", "最低收费")):
        setattr(item, field, money(getattr(item, field), label) or Decimal("0.00"))
    if item.withdrawn_on and item.withdrawn_on < item.effective_from:
        raise ValidationError("停办日期不能早于列入事项清单日期。")
    if NotaryItem.objects.filter(org=item.org, name=item.name).exclude(pk=item.pk).exists():
        raise ValidationError(f"公证事项“{item.name}”已在清单中。")


def _set_tiers(item: NotaryItem, tiers) -> None:
    item.tiers.all().delete()
    if item.value_based:
        FeeTier.objects.bulk_create([FeeTier(item=item, org=item.org, org_path=item.org.path,
                                             region_code=item.org.division_id, upper_bound=u, rate_permille=r)
                                     for u, r in clean_tiers(tiers)])


@transaction.atomic
def create_item(actor, *, org: OrgUnit, name: str, category: str, effective_from: dt.date, one_visit: bool = False,
                online: bool = False, base_fee=0, copy_fee=0, value_based: bool = False, min_fee=0,
                tiers: Sequence = (), materials: str = "") -> NotaryItem:
    """A 公证事项 on the office's list, with its fee; `one_visit` puts it on the 最多跑一次 list."""
    _can_write(actor, org)
    _office(org)
    item = NotaryItem(org=org, name=name, category=category, one_visit=bool(one_visit), online=bool(online),
                      base_fee=base_fee, copy_fee=copy_fee, value_based=bool(value_based), min_fee=min_fee,
                      materials=(materials or "").strip()[:2000], effective_from=effective_from, created_by=actor)
    _validate_item(item)
    if not item.value_based and item.base_fee <= 0:
        raise ValidationError("请填写基本收费（元/件）；按标的额收费的事项请勾选“按标的额收费”并设置档次。")
    if item.value_based:
        clean_tiers(tiers)
    item.save()
    _set_tiers(item, tiers)
    audit.record("config", user=actor, obj=item, verb="新增公证事项", after=audit.snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def update_item(actor, item: NotaryItem, *, tiers: Sequence | None = None, **changes) -> NotaryItem:
    """Edit an item: put it on or take it off the 最多跑一次 list, change its fee, stop offering it."""
    item = NotaryItem.objects.select_for_update().get(pk=item.pk)
    _can_write(actor, item.org)
    with audit.edited(actor, item, "修改公证事项", ITEM_FIELDS, event=AuditEventType.CONFIG) as edit:
        edit.apply(changes, ITEM_EDITABLE)
        _validate_item(item)
        if item.value_based and tiers is None and not item.tiers.exists():
            raise ValidationError("按标的额收费的事项须设置收费档次。")
        item.save()
        if tiers is not None or not item.value_based:
            _set_tiers(item, tiers or [])
        edit.extra["tiers"] = [(str(t.upper_bound), str(t.rate_permille)) for t in item.tiers.all()]
    return item


def compute_fee(item: NotaryItem, copies: int = 1, subject_value=None) -> Decimal:
    """The fee from the item's schedule: base fee (or the progressive fee on the subject value, not below the
    minimum), plus the fee for each copy beyond the first."""
    copies = positive_int(copies, "公证书份数", MAX_COPIES)
    if item.value_based:
        value = money(subject_value, "标的额")
        if value is None:
            raise ValidationError(f"“{item.name}”按标的额收费，请填写标的额。")
        fee = max(rules.progressive_fee(value, [(t.upper_bound, t.rate_permille) for t in item.tiers.all()]),
                  item.min_fee)
    else:
        fee = item.base_fee
    return (fee + item.copy_fee * (copies - 1)).quantize(rules.CENT)


# --- matters --------------------------------------------------------------------------------------------------------


def _identifier(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("请填写申请人证件号码（身份证号码或统一社会信用代码）。")
    try:
        return validate_resident_id(value)
    except ValidationError as id_error:
        if len(value) == 18 and not value[:17].isdigit():
            return validate_credit_code(value)
        raise ValidationError(f"申请人证件号码：{' '.join(id_error.messages)}")


def _matter(*, org: OrgUnit, item: NotaryItem, channel: str, applied_on: dt.date, applicant_name: str,
            applicant_id: str, applicant_mobile: str = "", copies: int = 1, subject_value=None, foreign: bool = False,
            use_place: str = "", purpose: str = "", green_channel: bool = False) -> NotaryMatter:
    _office(org)
    if item.org_id != org.pk:
        raise ValidationError(f"“{item}”不是“{org}”的公证事项。")
    if not item.active or item.effective_from > applied_on:
        raise ValidationError(f"“{item}”在{applied_on:%Y-%m-%d}不在本处办理的事项清单中。")
    not_future(applied_on, "申请日期")
    copies = positive_int(copies, "公证书份数", MAX_COPIES)
    value = money(subject_value, "标的额")
    if foreign and not (use_place or "").strip():
        raise ValidationError("涉外公证请填写使用地（国家或地区）。")
    return NotaryMatter(
        org=org, item=item, category=item.category, one_visit=item.one_visit,
        channel=choice(channel, Channel, "受理渠道"), foreign=bool(foreign), use_place=(use_place or "").strip()[:100],
        purpose=(purpose or "").strip()[:200], applicant_name=required(applicant_name, "申请人", 100),
        applicant_id=_identifier(applicant_id),
        applicant_mobile=validate_mobile(applicant_mobile) if (applicant_mobile or "").strip() else "",
        copies=copies, subject_value=value, fee=compute_fee(item, copies, value), green_channel=bool(green_channel),
        applied_on=applied_on)


def _accept(matter: NotaryMatter, accepted_on: dt.date, notary: str) -> None:
    not_future(accepted_on, "受理日期")
    not_before(accepted_on, matter.applied_on, "受理日期", "申请日期")
    matter.status = Status.ACCEPTED
    matter.accepted_on = accepted_on
    matter.notary = required(notary, "承办公证员", 50)
    matter.visits += 1
    matter.due_on = rules.estimated_issue_due(accepted_on)


@transaction.atomic
def register_matter(actor, *, org: OrgUnit, accepted_on: dt.date, notary: str, **fields) -> NotaryMatter:
    """受理 at the window (or on a home visit): the fee is computed from the schedule and the 15 working days
    start."""
    _can_write(actor, org)
    fields.setdefault("channel", Channel.WINDOW)
    matter = _matter(org=org, applied_on=fields.pop("applied_on", accepted_on), **fields)
    _accept(matter, accepted_on, notary)
    matter.created_by = actor
    matter.save()
    audit.action(actor, "受理公证", matter, after=audit.snapshot(matter, MATTER_FIELDS))
    return matter


@transaction.atomic
def submit_pre_application(*, org: OrgUnit, item: NotaryItem, mobile: str, **fields) -> NotaryMatter:
    """网上预申请 (互联网+公证): only items marked as available online; the office accepts it when the applicant
    comes (once, for a 最多跑一次 item)."""
    from sifa.portal.tracking import issue_tracking_code

    if not item.online:
        raise ValidationError(f"“{item}”暂不支持网上申请，请到公证处窗口办理。")
    mobile = validate_mobile(mobile)
    matter = _matter(org=org, item=item, channel=Channel.ONLINE, applied_on=_today(), applicant_mobile=mobile,
                     **fields)
    matter.status = Status.PRE_APPLIED
    matter.save()
    matter.tracking_code = issue_tracking_code(matter, PORTAL_KIND, mobile).code
    matter.save(update_fields=["tracking_code"])
    audit.record("action", obj=matter, verb="网上预申请公证", after=audit.snapshot(matter, MATTER_FIELDS),
                 username=f"公众:{mask_mobile(mobile)}")
    notify_users(User.objects.filter(org=org, role__in=[Role.SECTION_STAFF, Role.OFFICE_STAFF], is_active=True),
                 "新的网上公证预申请", str(item), matter_url(matter), category=LINE)
    return matter


@transaction.atomic
def accept_pre_application(actor, matter: NotaryMatter, *, accepted_on: dt.date, notary: str) -> NotaryMatter:
    matter = MATTERS.lock(matter, actor, "accept")
    before = audit.snapshot(matter, MATTER_FIELDS)
    _accept(matter, accepted_on, notary)
    matter.save()
    audit.action(actor, "受理网上预申请公证", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS))
    return matter


def _refresh_due(matter: NotaryMatter) -> None:
    matter.due_on = rules.estimated_issue_due(matter.accepted_on, matter.pause_ranges())


@transaction.atomic
def pause(actor, matter: NotaryMatter, *, reason: str, started_on: dt.date, note: str = "") -> Pause:
    """中止计算期限 while the applicant supplements materials, facts are verified, or force majeure lasts."""
    matter = MATTERS.lock(matter, actor, "pause")
    not_future(started_on, "中止开始日期")
    not_before(started_on, matter.accepted_on, "中止开始日期", "受理日期")
    last = matter.pauses.order_by("-started_on").first()
    if last is not None:
        not_before(started_on, last.ended_on, "中止开始日期", "上次中止结束日期")
        if started_on == last.ended_on:
            raise ValidationError("中止开始日期应晚于上次中止的结束日期。")
    reason = choice(reason, PauseReason, "中止原因")
    if reason == PauseReason.FORCE_MAJEURE and not (note or "").strip():
        raise ValidationError("因不可抗力中止的，请说明情况。")
    record = Pause.objects.create(matter=matter, org=matter.org, reason=reason, started_on=started_on,
                                  note=(note or "").strip()[:200], created_by=actor)
    before = audit.snapshot(matter, MATTER_FIELDS)
    matter.status = Status.PAUSED
    matter.due_on = None
    matter.save()
    audit.action(actor, "中止计算出证期限", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS),
                 reason=record.get_reason_display())
    return record


@transaction.atomic
def resume(actor, matter: NotaryMatter, *, ended_on: dt.date) -> NotaryMatter:
    """The pause ends on `ended_on` (that day not counted either); the due date moves by the paused days."""
    matter = MATTERS.lock(matter, actor, "resume")
    running = matter.pauses.filter(ended_on__isnull=True).first()
    not_future(ended_on, "中止结束日期")
    not_before(ended_on, running.started_on, "中止结束日期", "中止开始日期")
    running.ended_on = ended_on
    running.save(update_fields=["ended_on", "updated_at"])
    before = audit.snapshot(matter, MATTER_FIELDS)
    matter.status = Status.ACCEPTED
    matter.visits += 1 if running.reason == PauseReason.SUPPLEMENT else 0
    _refresh_due(matter)
    matter.save()
    audit.action(actor, "恢复计算出证期限", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS))
    return matter


def _certificate_number(matter: NotaryMatter, year: int) -> str:
    county = matter.org.division
    while len(county.code) > 6 and county.parent_id:
        county = county.parent
    return next_case_number("notary", matter.org, year, rules.certificate_prefix(county.code, county.name))


@transaction.atomic
def issue(actor, matter: NotaryMatter, *, issued_on: dt.date, late_reason: str = "",
          visits: int | None = None) -> NotaryMatter:
    """出具公证书 within fifteen working days of 受理 net of pauses (第30条)."""
    matter = MATTERS.lock(matter, actor, "issue")
    not_future(issued_on, "出证日期")
    not_before(issued_on, matter.accepted_on, "出证日期", "受理日期")
    last = matter.pauses.order_by("-started_on").first()
    if last is not None:
        not_before(issued_on, last.ended_on, "出证日期", "中止结束日期")
    try:
        due = rules.issue_due(matter.accepted_on, matter.pause_ranges())
    except workdays.CalendarNotCovered as exc:
        raise ValidationError(str(exc))
    on_time = issued_on <= due
    if not on_time and not (late_reason or "").strip():
        raise ValidationError(f"已超过《公证法》第三十条规定的十五个工作日（扣除中止期间应于{due:%Y-%m-%d}前出证），"
                              "请填写逾期原因。")
    before = audit.snapshot(matter, MATTER_FIELDS)
    matter.status, matter.issued_on, matter.closed_on, matter.due_on, matter.on_time = (
        Status.ISSUED, issued_on, issued_on, due, on_time)
    matter.late_reason = "" if on_time else late_reason.strip()[:2000]
    if visits is not None:
        matter.visits = positive_int(visits, "到场次数", 99)
    matter.number = _certificate_number(matter, issued_on.year)
    matter.save()
    audit.action(actor, "出具公证书", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS))
    return matter


@transaction.atomic
def refuse(actor, matter: NotaryMatter, *, reason: str, refused_on: dt.date, note: str) -> NotaryMatter:
    """不予办理 (第31条), with the reason told to the applicant."""
    matter = MATTERS.lock(matter, actor, "refuse")
    reason = choice(reason, RefusalReason, "不予办理理由")
    not_future(refused_on, "日期")
    not_before(refused_on, matter.accepted_on or matter.applied_on, "日期", "受理日期")
    before = audit.snapshot(matter, MATTER_FIELDS)
    if matter.status == Status.PAUSED:
        matter.pauses.filter(ended_on__isnull=True).update(ended_on=refused_on)
    matter.status, matter.refusal_reason, matter.closed_on = Status.REFUSED, reason, refused_on
    matter.closed_note = required(note, "告知申请人的说明", 2000)
    matter.save()
    audit.action(actor, "不予办理公证", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS),
                 reason=matter.get_refusal_reason_display())
    return matter


@transaction.atomic
def withdraw(actor, matter: NotaryMatter, *, withdrawn_on: dt.date, note: str = "") -> NotaryMatter:
    matter = MATTERS.lock(matter, actor, "withdraw")
    not_future(withdrawn_on, "撤回日期")
    not_before(withdrawn_on, matter.applied_on, "撤回日期", "申请日期")
    before = audit.snapshot(matter, MATTER_FIELDS)
    if matter.status == Status.PAUSED:
        matter.pauses.filter(ended_on__isnull=True).update(ended_on=withdrawn_on)
    matter.status, matter.closed_on = Status.WITHDRAWN, withdrawn_on
    matter.closed_note = (note or "申请人撤回").strip()[:2000]
    matter.save()
    audit.action(actor, "撤回公证申请", matter, before=before, after=audit.snapshot(matter, MATTER_FIELDS))
    return matter


PUBLIC_STATUS = {
    Status.PRE_APPLIED: "已收到网上预申请，请按通知携带材料到公证处办理",
    Status.ACCEPTED: "已受理，审查中",
    Status.PAUSED: "需补充材料或核实情况，请留意公证处通知",
    Status.ISSUED: "已出具公证书，可领取",
    Status.REFUSED: "不予办理，详情请联系公证处",
    Status.WITHDRAWN: "已撤回",
}


def public_status(matter: NotaryMatter) -> str:
    return PUBLIC_STATUS.get(matter.status, "办理中")
