"""安置帮教: the actions of the resettlement side of the line (DOMAIN.md §6), beside those of 社区矫正.

通知 (the prison's 《刑满释放人员通知书》, sent a month before release) → 司法所核查 → 必接必送 (key persons are
escorted home) → 衔接建档 → 帮教小组 → 安置 → tracking for five years → 期满. 重新犯罪 and 脱管 end or interrupt
the tracking and are counted in the indicators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.identifiers import parse_resident_id
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgKind, OrgUnit

from .. import access, rules
from ..models import (
    SETTLED_KINDS,
    TRACKED_RELEASE_STATUSES,
    AftercareContact,
    AftercareMember,
    MemberRole,
    ReleasedPerson,
    ReleaseStatus,
    ReportMethod,
    Resettlement,
    ResettlementKind,
    Sex,
)
from ..workflow import RELEASED
from .base import office_staff, tell

FIELDS = ("name", "id_number", "prison", "release_on", "notice_received_on", "key_person", "picked_up_on",
          "linked_on", "resettled_on", "tracking_until", "status", "reoffended_on", "lost_on", "ended_on")
choice, required, optional = inputs.choice, inputs.required, inputs.optional


def _snap(person) -> dict:
    return masked_snapshot(person, FIELDS)


def _lock(person: ReleasedPerson) -> ReleasedPerson:
    return ReleasedPerson.objects.select_for_update().get(pk=person.pk)


@transaction.atomic
def register_release(actor, *, org: OrgUnit, name: str, id_number: str, crime: str, prison: str,
                     release_on: dt.date, notice_received_on: dt.date | None = None, key_person: bool = False,
                     sentence: str = "", address: str = "", sex: str = "") -> ReleasedPerson:
    """Register the prison's release notice at the 司法所 of the person's household registration."""
    access.ensure_can_write(actor, org)
    if org.kind != OrgKind.JUSTICE_OFFICE:
        raise ValidationError("刑满释放人员应登记在户籍地（居住地）司法所（请选择司法所）。")
    person = parse_resident_id(id_number)
    if sex and choice(sex, Sex, "性别") != person.sex:
        raise ValidationError(f"性别“{sex}”与身份证号码不符（应为“{person.sex}”）。")
    release_on = inputs.date(release_on, "释放日期")
    if notice_received_on is not None:
        notice_received_on = inputs.date(notice_received_on, "收到通知书日期")
        inputs.not_future(notice_received_on, "收到通知书日期")
    open_record = ReleasedPerson.objects.filter(id_number=person.number, status__in=(
        ReleaseStatus.NOTIFIED, ReleaseStatus.LINKED, ReleaseStatus.LOST)).first()
    if open_record is not None:
        where = "本县" if open_record.org_path.startswith(access.county_of(org).path) else "其他县（市、区）"
        raise ValidationError(f"该身份证号码的刑满释放人员已在{where}登记帮教，不能重复登记。")
    record = ReleasedPerson.objects.create(
        org=org, name=required(name, "姓名", 50), sex=person.sex, id_number=person.number,
        address=optional(address, "户籍地（居住地）", 200), crime=required(crime, "罪名", 200),
        sentence=optional(sentence, "原判刑罚", 200), prison=required(prison, "原服刑监所", 100), release_on=release_on,
        notice_received_on=notice_received_on, key_person=bool(key_person),
        tracking_until=rules.add_years_months(release_on, years=rules.AFTERCARE_YEARS) - dt.timedelta(days=1),
        created_by=actor)
    audit.action(actor, "登记刑满释放人员", record, after=_snap(record),
                 reason="释放通知书未在释放前一个月寄达" if rules.release_notice_late(release_on, notice_received_on) else "")
    tell(office_staff(org), f"刑满释放人员衔接：{record.name}",
          f"{release_on:%Y-%m-%d}释放" + ("，重点帮教对象须必接必送。" if record.key_person else "。"), record.get_absolute_url())
    return record


@transaction.atomic
def record_pickup(actor, person: ReleasedPerson, *, picked_up_on: dt.date, escorts: str) -> ReleasedPerson:
    """必接必送: staff meet the person at the prison gate on release and bring them home."""
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    if person.picked_up_on:
        raise ValidationError(f"已于{person.picked_up_on:%Y-%m-%d}接回。")
    picked_up_on = inputs.date(picked_up_on, "接回日期")
    inputs.not_future(picked_up_on, "接回日期")
    inputs.not_before(picked_up_on, person.release_on, "接回日期", "释放日期")
    before = _snap(person)
    person.picked_up_on, person.escorts = picked_up_on, required(escorts, "接送人员", 200)
    person.save()
    audit.action(actor, "必接必送", person, before=before, after=_snap(person))
    return person


@transaction.atomic
def link(actor, person: ReleasedPerson, *, linked_on: dt.date, helpers: Sequence[dict] = ()) -> ReleasedPerson:
    """衔接 and 建档: the person has reported to the 司法所 (key persons only after being escorted home); the
    帮教小组 is set up at the same time."""
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    RELEASED.check(person, "link")
    if person.key_person and not person.picked_up_on:
        raise ValidationError("重点帮教对象须落实必接必送，请先登记接回情况。")
    linked_on = inputs.date(linked_on, "衔接日期")
    inputs.not_future(linked_on, "衔接日期")
    inputs.not_before(linked_on, person.release_on, "衔接日期", "释放日期")
    before = _snap(person)
    person.linked_on, person.status = linked_on, ReleaseStatus.LINKED
    person.save()
    if helpers:
        _set_helpers(actor, person, helpers)
    audit.action(actor, "衔接建档", person, before=before, after=_snap(person))
    return person


@transaction.atomic
def mark_unlinked(actor, person: ReleasedPerson, *, reason: str) -> ReleasedPerson:
    """未衔接: the person never reported (address unknown, moved away…)."""
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    RELEASED.check(person, "unlinked")
    if person.release_on > inputs.today():
        raise ValidationError("尚未释放，不能登记为未衔接。")
    before = _snap(person)
    person.status = ReleaseStatus.UNLINKED
    person.note = required(reason, "未衔接原因", 500)
    person.save()
    audit.action(actor, "登记未衔接", person, before=before, after=_snap(person), reason=person.note)
    return person


def _set_helpers(actor, person: ReleasedPerson, helpers: Sequence[dict]) -> list[AftercareMember]:
    cleaned = []
    for h in helpers:
        if not (h.get("name") or "").strip():
            continue
        cleaned.append({"name": required(h.get("name"), "帮教小组成员姓名", 50),
                        "role": choice(h.get("role"), MemberRole, "帮教小组成员身份"),
                        "phone": optional(h.get("phone"), "联系电话", 20)})
    if not cleaned:
        raise ValidationError("请至少填写一名帮教小组成员。")
    AftercareMember.objects.filter(person=person).delete()
    return [AftercareMember.objects.create(person=person, org=person.org, created_by=actor, **h) for h in cleaned]


@transaction.atomic
def set_helpers(actor, person: ReleasedPerson, *, helpers: Sequence[dict]) -> list[AftercareMember]:
    """帮教小组."""
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    if person.status not in TRACKED_RELEASE_STATUSES:
        raise ValidationError("衔接后方可确定帮教小组。")
    created = _set_helpers(actor, person, helpers)
    audit.action(actor, "确定帮教小组", person, after={"helpers": [str(h) for h in created]})
    return created


def _tracked(actor, person: ReleasedPerson, day: dt.date, label: str) -> ReleasedPerson:
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    if person.status not in TRACKED_RELEASE_STATUSES:
        raise ValidationError(f"当前状态为“{person.get_status_display()}”，不在帮教期内。")
    inputs.not_future(day, label)
    inputs.not_before(day, person.linked_on, label, "衔接日期")
    if day > person.tracking_until:
        raise ValidationError(f"{label}晚于帮教期（至{person.tracking_until:%Y-%m-%d}）。")
    return person


@transaction.atomic
def record_resettlement(actor, person: ReleasedPerson, *, kind: str, settled_on: dt.date,
                        detail: str) -> Resettlement:
    """安置 (《监狱法》第三十七条): employment, own business, farming, assistance, training, housing."""
    settled_on = inputs.date(settled_on, "安置日期")
    person = _tracked(actor, person, settled_on, "安置日期")
    item = Resettlement.objects.create(person=person, org=person.org, kind=choice(kind, ResettlementKind, "安置方式"),
                                       settled_on=settled_on, detail=required(detail, "具体情况", 200), created_by=actor)
    if item.kind in SETTLED_KINDS and (person.resettled_on is None or settled_on < person.resettled_on):
        person.resettled_on = settled_on
        person.save(update_fields=["resettled_on", "updated_at"])
    audit.action(actor, "登记安置", person, after={"kind": item.kind, "settled_on": str(settled_on)})
    return item


@transaction.atomic
def record_contact(actor, person: ReleasedPerson, *, contacted_on: dt.date, method: str,
                   content: str) -> AftercareContact:
    contacted_on = inputs.date(contacted_on, "帮教日期")
    person = _tracked(actor, person, contacted_on, "帮教日期")
    item = AftercareContact.objects.create(person=person, org=person.org, contacted_on=contacted_on,
                                           method=choice(method, ReportMethod, "帮教方式"),
                                           content=required(content, "帮教情况", 2000), created_by=actor)
    audit.action(actor, "登记帮教", person, after={"contacted_on": str(contacted_on)})
    return item


@transaction.atomic
def mark_lost(actor, person: ReleasedPerson, *, lost_on: dt.date, note: str) -> ReleasedPerson:
    """脱管: contact lost during the tracking window."""
    lost_on = inputs.date(lost_on, "脱管日期")
    person = _tracked(actor, person, lost_on, "脱管日期")
    if person.status == ReleaseStatus.LOST:
        raise ValidationError("已登记为脱管。")
    before = _snap(person)
    person.status, person.lost_on = ReleaseStatus.LOST, lost_on
    person.save()
    audit.action(actor, "登记脱管", person, before=before, after=_snap(person), reason=required(note, "情况说明", 500))
    return person


@transaction.atomic
def mark_found(actor, person: ReleasedPerson, *, found_on: dt.date) -> ReleasedPerson:
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    RELEASED.check(person, "found")
    found_on = inputs.date(found_on, "恢复联系日期")
    inputs.not_future(found_on, "恢复联系日期")
    inputs.not_before(found_on, person.lost_on, "恢复联系日期", "脱管日期")
    before = _snap(person)
    person.status = ReleaseStatus.LINKED
    person.save()
    audit.action(actor, "恢复帮教", person, before=before, after=_snap(person) | {"found_on": str(found_on)})
    return person


@transaction.atomic
def mark_reoffended(actor, person: ReleasedPerson, *, reoffended_on: dt.date, note: str) -> ReleasedPerson:
    """重新犯罪 within the five-year window (counted in 重新犯罪率)."""
    reoffended_on = inputs.date(reoffended_on, "重新犯罪日期")
    person = _tracked(actor, person, reoffended_on, "重新犯罪日期")
    before = _snap(person)
    person.status, person.reoffended_on, person.ended_on = ReleaseStatus.REOFFENDED, reoffended_on, reoffended_on
    person.save()
    audit.action(actor, "登记重新犯罪", person, before=before, after=_snap(person),
                 reason=required(note, "情况说明", 500))
    return person


@transaction.atomic
def end_tracking(actor, person: ReleasedPerson, *, ended_on: dt.date) -> ReleasedPerson:
    """帮教期满: not before the five years are over."""
    person = _lock(person)
    access.ensure_can_write(actor, person.org)
    if person.status not in TRACKED_RELEASE_STATUSES:
        raise ValidationError(f"当前状态为“{person.get_status_display()}”，不能办理期满。")
    ended_on = inputs.date(ended_on, "期满日期")
    inputs.not_future(ended_on, "期满日期")
    if ended_on <= person.tracking_until:
        raise ValidationError(f"帮教期至{person.tracking_until:%Y-%m-%d}，期满前不能办理帮教期满。")
    before = _snap(person)
    person.status, person.ended_on = ReleaseStatus.ENDED, ended_on
    person.save()
    audit.action(actor, "帮教期满", person, before=before, after=_snap(person))
    return person
