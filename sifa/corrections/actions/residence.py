"""变更执行地: a move within the county (the subject and every record of them pass to the new 司法所) or to
another county's organ, decided by the county."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import not_before, not_future, optional, required, today
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgKind, OrgUnit

from .. import access, rules
from ..models import ChangeStatus, ExitKind, ResidenceChange, Subject, SubjectStatus
from .base import (
    SUBJECT_FIELDS,
    county_staff,
    link_to,
    lock_subject,
    move_subject,
    office_staff,
    supervised,
    tell,
)
from .monitoring import close_monitors


@transaction.atomic
def request_residence_change(actor, subject: Subject, *, move_on: dt.date, new_address: str, reason: str,
                             new_org: OrgUnit | None = None, new_institution: str = "",
                             requested_on: dt.date | None = None) -> ResidenceChange:
    """变更执行地: applied for at least one month before moving; the county decides."""
    subject = supervised(subject, actor, "申请变更执行地", missing_ok=False)
    requested_on = inputs.date(requested_on or today(), "申请日期")
    not_future(requested_on, "申请日期")
    move_on = inputs.date(move_on, "拟迁居日期")
    earliest = rules.add_years_months(requested_on, months=rules.RESIDENCE_CHANGE_NOTICE.amount)
    if move_on < earliest:
        raise ValidationError(f"变更执行地应提前一个月申请：{requested_on:%Y-%m-%d}申请的，拟迁居日期不能早于"
                              f"{earliest:%Y-%m-%d}。")
    new_institution = optional(new_institution, "变更后社区矫正机构", 100)
    if (new_org is None) == (not new_institution):
        raise ValidationError("请选择本县变更后的司法所，或填写外县（市、区）变更后的社区矫正机构（二者选一）。")
    if new_org is not None:
        if new_org.kind != OrgKind.JUSTICE_OFFICE or not new_org.path.startswith(access.county_of(subject.org).path):
            raise ValidationError("变更后的司法所须为本县的司法所。")
        if new_org.pk == subject.org_id:
            raise ValidationError("变更后的司法所与现执行地相同。")
    if ResidenceChange.objects.filter(subject=subject, status=ChangeStatus.PENDING).exists():
        raise ValidationError("该对象已有待审批的变更执行地申请。")
    change = ResidenceChange.objects.create(
        subject=subject, org=subject.org, requested_on=requested_on, move_on=move_on,
        new_address=required(new_address, "新居住地", 200), new_org=new_org, new_institution=new_institution,
        reason=required(reason, "理由", 1000), created_by=actor)
    audit.action(actor, "申请变更执行地", change, after={"move_on": str(move_on), "new_org": str(new_org or ""),
                                                    "new_institution": new_institution})
    tell(county_staff(subject.org), f"变更执行地待审批：{subject.name}", "", link_to(subject))
    return change


@transaction.atomic
def decide_residence_change(actor, change: ResidenceChange, *, approve: bool, opinion: str = "",
                            decided_on: dt.date | None = None) -> ResidenceChange:
    """The county's decision. Within the county the subject and every record move to the new 司法所; to another
    county the subject leaves this county's register on the moving day (变更执行地移出)."""
    change = ResidenceChange.objects.select_for_update().select_related("subject").get(pk=change.pk)
    access.ensure_county(actor, change.org, "变更执行地")
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(f"该申请当前状态为“{change.get_status_display()}”，不能审批。")
    decided_on = inputs.date(decided_on or today(), "审批日期")
    not_future(decided_on, "审批日期")
    not_before(decided_on, change.requested_on, "审批日期", "申请日期")
    if not approve and not (opinion or "").strip():
        raise ValidationError("不予批准的，请填写理由。")
    subject = lock_subject(change.subject)
    if approve and not subject.is_supervised:
        raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不能变更执行地。")
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_on, change.opinion = actor, decided_on, optional(opinion, "审批意见", 500)
    change.save()
    audit.action(actor, "批准变更执行地" if approve else "不予批准变更执行地", change,
                 after={"status": change.status, "decided_on": str(decided_on)})
    if approve:
        before = masked_snapshot(subject, SUBJECT_FIELDS)
        subject.address = change.new_address
        if change.new_org is not None:
            move_subject(subject, change.new_org)
            tell(office_staff(change.new_org), f"变更执行地转入：{subject.name}", "", link_to(subject))
        else:
            subject.status, subject.exit_kind = SubjectStatus.TRANSFERRED, ExitKind.TRANSFERRED
            subject.exited_on, subject.exit_basis = change.move_on, f"变更执行地至{change.new_institution}"
            subject.save()
            close_monitors(subject, change.move_on, "变更执行地")
        audit.action(actor, "变更执行地", subject, before=before, after=masked_snapshot(subject, SUBJECT_FIELDS))
    return change
