"""How a correction ends: 再犯罪 recorded, 解除矫正 on the period's end, 终止 (death, revocation, 收监)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import choice, not_before, not_future, optional, required
from sifa.core.masking import masked_snapshot

from .. import access
from ..access import ensure_can_write
from ..models import EXIT_STATUS, SUPERVISED_STATUSES, Category, ExitKind, Subject, SubjectStatus
from .base import SUBJECT_FIELDS, in_period, link_to, lock_subject, office_staff, past_date, tell
from .monitoring import close_monitors


@transaction.atomic
def record_reoffence(actor, subject: Subject, *, reoffended_on: dt.date, note: str) -> Subject:
    """在矫期间又犯新罪 (counted in 再犯罪率). The court revokes on its own (第四十六条第二款); record that with
    `discharge(kind=撤销缓刑…)` when the ruling arrives."""
    subject = lock_subject(subject)
    ensure_can_write(actor, subject.org)
    if subject.status not in SUPERVISED_STATUSES:
        raise ValidationError("只有在矫的对象才能登记再犯罪。")
    if subject.reoffended_on:
        raise ValidationError(f"已登记{subject.reoffended_on:%Y-%m-%d}再犯罪。")
    reoffended_on = inputs.date(reoffended_on, "再犯罪日期")
    in_period(subject, reoffended_on, "再犯罪日期")
    subject.reoffended_on = reoffended_on
    subject.save(update_fields=["reoffended_on", "updated_at"])
    audit.action(actor, "登记再犯罪", subject, after={"reoffended_on": str(reoffended_on)},
                 reason=required(note, "情况说明", 500))
    return subject


def end_correction(actor, subject: Subject, kind: str, exited_on: dt.date, *, basis: str = "",
                    certificate_no: str = "", notified_on: dt.date | None = None) -> Subject:
    before = masked_snapshot(subject, SUBJECT_FIELDS)
    subject.exit_kind, subject.exited_on, subject.status = kind, exited_on, EXIT_STATUS[kind]
    subject.exit_basis, subject.certificate_no, subject.notified_on = basis, certificate_no, notified_on
    subject.save()
    close_monitors(subject, exited_on, ExitKind(kind).label)
    verb = "解除社区矫正" if subject.status == SubjectStatus.DISCHARGED else "终止社区矫正"
    audit.action(actor, verb, subject, before=before, after=masked_snapshot(subject, SUBJECT_FIELDS))
    tell([subject.worker, *office_staff(subject.org)], f"{verb}：{subject.name}（{ExitKind(kind).label}）", "",
          link_to(subject))
    return subject


@transaction.atomic
def discharge(actor, subject: Subject, *, kind: str, exited_on: dt.date, certificate_no: str = "",
              basis: str = "", notified_on: dt.date | None = None) -> Subject:
    """解矫宣告 at the end of the period, or 终止 on a legal ground (赦免, a revocation ruling, death).

    Before the period ends there is no 期满: only a legal ground ends the correction early (第四十四、四十五条)."""
    subject = lock_subject(subject)
    access.ensure_county(actor, subject.org, "解除（终止）社区矫正")
    if not subject.is_open:
        raise ValidationError(f"{subject.name}已{subject.get_status_display()}，不能重复办理。")
    kind = choice(kind, ExitKind, "解矫（终止）原因")
    if kind == ExitKind.TRANSFERRED:
        raise ValidationError("变更执行地请通过“变更执行地”申请和审批办理。")
    exited_on = past_date(exited_on, "解矫（终止）日期", subject.effective_on, "判决生效日期")
    certificate_no, basis = optional(certificate_no, "证明书编号", 60), optional(basis, "依据", 200)
    if notified_on is not None:
        notified_on = inputs.date(notified_on, "通知日期")
        not_before(notified_on, exited_on, "通知日期", "解矫日期")
        not_future(notified_on, "通知日期")
    if kind == ExitKind.EXPIRED:
        if subject.status == SubjectStatus.PENDING:
            raise ValidationError("对象未报到接收，不能以期满解矫。")
        if exited_on < subject.period_end:
            raise ValidationError(f"矫正期满日为{subject.period_end:%Y-%m-%d}，期满前不能解除社区矫正；"
                                  "确有法定事由（赦免、撤销缓刑假释、收监执行、死亡）的，请选择相应原因并填写依据。")
        if not certificate_no:
            raise ValidationError("期满解矫的，请填写解除社区矫正证明书编号（《社区矫正法》第四十四条）。")
    elif kind == ExitKind.PARDONED:
        if not basis or not certificate_no:
            raise ValidationError("赦免的，请填写赦免依据（特赦令等）和解除社区矫正证明书编号。")
    elif kind in (ExitKind.PROBATION_REVOKED, ExitKind.PAROLE_REVOKED, ExitKind.COMMITTED):
        needed = {ExitKind.PROBATION_REVOKED: Category.PROBATION, ExitKind.PAROLE_REVOKED: Category.PAROLE,
                  ExitKind.COMMITTED: Category.OUTSIDE}[kind]
        if subject.category != needed:
            raise ValidationError(f"{ExitKind(kind).label}只适用于{Category(needed).label}的对象。")
        if not basis:
            raise ValidationError("请填写撤销（收监）的裁定书或决定书文号。")
    elif kind == ExitKind.DEATH and not basis:
        raise ValidationError("请填写死亡的依据（如死亡证明）。")
    return end_correction(actor, subject, kind, exited_on, basis=basis, certificate_no=certificate_no,
                           notified_on=notified_on)
