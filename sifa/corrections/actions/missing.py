"""失联 and 警矫联动: a subject who cannot be reached, the request to the police, the finding and the close."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import optional, required

from ..models import Absconding, AbscondingStatus, Subject, SubjectStatus
from ..workflow import ABSCONDING
from .base import county_staff, in_period, link_to, lock_subject, past_date, supervised, tell, writable


@transaction.atomic
def report_missing(actor, subject: Subject, *, lost_on: dt.date, circumstances: str) -> Absconding:
    """失去联系 (第三十条): the subject is 失联 and the search starts at once."""
    subject = supervised(subject, actor, "登记失联", missing_ok=False)
    lost_on = inputs.date(lost_on, "失联日期")
    in_period(subject, lost_on, "失联日期")
    case = Absconding.objects.create(subject=subject, org=subject.org, lost_on=lost_on,
                                     circumstances=required(circumstances, "失联情况", 2000), created_by=actor)
    subject.status = SubjectStatus.MISSING
    subject.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记失联", case, after={"lost_on": str(lost_on)})
    tell([subject.worker, *county_staff(subject.org)], f"社区矫正对象失联：{subject.name}",
          "请立即组织查找，必要时提请公安机关协助（警矫联动）。", link_to(case))
    return case


def _lock_case(case: Absconding) -> Absconding:
    return Absconding.objects.select_for_update().select_related("subject").get(pk=case.pk)


@transaction.atomic
def request_police(actor, case: Absconding, *, requested_on: dt.date, station: str) -> Absconding:
    """警矫联动: ask the police to help find the subject."""
    case = writable(_lock_case(case), actor, ABSCONDING, "police")
    if case.police_requested_on:
        raise ValidationError(f"已于{case.police_requested_on:%Y-%m-%d}提请{case.police_station}协查。")
    requested_on = past_date(requested_on, "提请日期", case.lost_on, "失联日期")
    case.police_requested_on, case.police_station = requested_on, required(station, "协查公安机关", 100)
    case.save()
    audit.action(actor, "提请公安机关协查", case, after={"requested_on": str(requested_on), "station": case.police_station})
    return case


@transaction.atomic
def record_found(actor, case: Absconding, *, found_on: dt.date, found_how: str, police_reply: str = "") -> Absconding:
    case = writable(_lock_case(case), actor, ABSCONDING, "found")
    found_on = past_date(found_on, "查找到日期", case.lost_on, "失联日期")
    case.found_on, case.found_how = found_on, required(found_how, "查找到情况", 500)
    case.police_reply = optional(police_reply, "公安协查情况", 500)
    case.status = AbscondingStatus.FOUND
    case.save()
    subject = lock_subject(case.subject)
    if subject.status == SubjectStatus.MISSING:
        subject.status = SubjectStatus.ACTIVE
        subject.save(update_fields=["status", "updated_at"])
    audit.action(actor, "失联对象已查找到", case, after={"found_on": str(found_on), "days_lost": case.days_lost})
    return case


@transaction.atomic
def close_absconding(actor, case: Absconding, *, closed_on: dt.date, handling: str) -> Absconding:
    """区别情形依法作出处理 (第三十条): record what was done (e.g. 训诫, 警告, 提请撤销)."""
    case = writable(_lock_case(case), actor, ABSCONDING, "close")
    closed_on = past_date(closed_on, "处理完毕日期", case.found_on, "查找到日期")
    case.closed_on, case.handling, case.status = closed_on, required(handling, "处理结果", 500), AbscondingStatus.CLOSED
    case.save()
    audit.action(actor, "办结失联记录", case, after={"closed_on": str(closed_on)})
    return case
