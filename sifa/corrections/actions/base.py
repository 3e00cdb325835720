"""What every corrections action shares: the line's names and audit fields, who to tell (the 司法所's
officers, the county's organ and its heads), the subject's row lock and the checks of a supervision event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import ValidationError

from sifa.core import inputs
from sifa.core.inputs import not_before, not_future
from sifa.core.models import OrgUnit, User
from sifa.core.notify import notify_users

from .. import access
from ..access import ensure_can_write
from ..models import (
    SUPERVISED_STATUSES,
    Absconding,
    Education,
    ElectronicMonitor,
    FieldVisit,
    FileReview,
    InfoCheck,
    LeaveRequest,
    MonitorRenewal,
    Report,
    ResidenceChange,
    RewardSanction,
    SanctionStatus,
    Subject,
    SubjectStatus,
    TeamMember,
)

LINE = "corrections"
CATEGORY_LABEL = "社区矫正"
SUBJECT_FIELDS = ("number", "name", "sex", "id_number", "category", "crime", "sentence", "authority",
                  "effective_on", "period_start", "period_end", "report_due", "reported_on", "announced_on",
                  "level", "grid", "worker_id", "status", "org_id", "exit_kind", "exited_on", "certificate_no")
SUBJECT_CHILDREN = (TeamMember, Report, FieldVisit, Education, InfoCheck, LeaveRequest, ResidenceChange,
                    ElectronicMonitor, RewardSanction, Absconding, FileReview)


def _users(org_ids: Iterable[int], roles) -> list[User]:
    return list(User.objects.filter(org_id__in=list(org_ids), role__in=list(roles), is_active=True))


def office_staff(org: OrgUnit) -> list[User]:
    """The corrections officers of a 司法所."""
    return _users([org.pk], access.WRITE_ROLES)


def county_staff(org: OrgUnit) -> list[User]:
    """The corrections officers of the county's corrections organ (the bureau and its center/section)."""
    county = access.county_of(org)
    units = [county.pk, *OrgUnit.objects.filter(parent=county, kind__in=access.COUNTY_ORGAN_KINDS)
             .values_list("pk", flat=True)]
    return _users(units, access.WRITE_ROLES)


def county_heads(org: OrgUnit) -> list[User]:
    return _users([access.county_of(org).pk], access.APPROVER_ROLES)


#: tell(users, title, body="", link=""): notify each of `users` once, under the line's name.
tell = partial(notify_users, category=CATEGORY_LABEL)


def link_to(obj) -> str:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


def hours_of(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"时长“{value}”不是有效的数字。")
    if hours <= 0 or hours > 24:
        raise ValidationError("时长应大于0且不超过24小时。")
    return hours.quantize(Decimal("0.1"))


def lock_subject(subject: Subject) -> Subject:
    return Subject.objects.select_for_update().get(pk=subject.pk)


def supervised(subject: Subject, actor, verb: str, *, missing_ok: bool = True) -> Subject:
    """Lock the subject and check it is under supervision (reported and not yet discharged)."""
    subject = lock_subject(subject)
    ensure_can_write(actor, subject.org)
    allowed = SUPERVISED_STATUSES if missing_ok else (SubjectStatus.ACTIVE,)
    if subject.status == SubjectStatus.PENDING:
        raise ValidationError(f"{subject.name}尚未报到接收，不能{verb}。")
    if subject.status not in allowed:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不能{verb}。")
    return subject


def past_date(value, label: str, earliest: dt.date | None = None, earliest_label: str = "") -> dt.date:
    """The date an event happened (a date or ISO text): not after today, and not before `earliest`."""
    day = inputs.date(value, label)
    not_future(day, label)
    not_before(day, earliest, label, earliest_label)
    return day


def writable(record, actor, workflow, step: str):
    """The locked `record`, once the actor may write in its unit and its state allows `step` (workflow.py)."""
    ensure_can_write(actor, record.org)
    workflow.check(record, step)
    return record


def in_period(subject: Subject, day: dt.date, label: str) -> None:
    """A supervision event happens between the reception and the end of the correction period, not later than
    today."""
    not_future(day, label)
    not_before(day, subject.reported_on, label, "报到接收日期")
    if day > subject.period_end:
        raise ValidationError(f"{label}（{day:%Y-%m-%d}）晚于矫正期满日（{subject.period_end:%Y-%m-%d}）。")


def move_subject(subject: Subject, org: OrgUnit) -> None:
    """Hand a subject and every record of it to another 司法所 of the county (变更执行地 within the county)."""
    subject.org = org
    subject.save()
    for model in SUBJECT_CHILDREN:
        model.objects.filter(subject=subject).update(org=org, org_path=org.path, region_code=org.division_id)
    MonitorRenewal.objects.filter(monitor__subject=subject).update(org=org, org_path=org.path,
                                                                   region_code=org.division_id)


def number_prefix(org: OrgUnit) -> str:
    """“砀山县” → “砀”: the first character of the county's name, as case numbers abbreviate it."""
    name = access.county_of(org).division.name
    return name[:1] or "矫"


def decided_sanctions(subject: Subject, kind: str, *statuses):
    return RewardSanction.objects.filter(subject=subject, kind=kind, status__in=statuses or (SanctionStatus.DECIDED,))
