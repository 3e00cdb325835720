"""异议 against 不予 or 终止 (第49条): lodged with the 司法行政部门, which upholds the centre or orders it to
correct within five days (a corrected refusal is reviewed again)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.access import reaches
from sifa.core.action_checks import choice, not_before, not_future, required
from sifa.core.deadlines import lenient_due_date

from .. import rules
from ..models import Application, Objection, ObjectionOutcome, Status
from .applications import set_decision_due
from .base import application_url, can_write, lock, snapshot, staff_of, tell, within_limit


@transaction.atomic
def lodge_objection(actor, app: Application, *, received_on: dt.date, reason: str) -> Objection:
    """异议 to the 司法行政部门 against 不予 or 终止 (第49条); it decides within five days."""
    app = lock(app, actor, "objection")
    if app.objections.filter(outcome=ObjectionOutcome.PENDING).exists():
        raise ValidationError("该案件已有正在审查的异议。")
    not_future(received_on, "收到异议日期")
    not_before(received_on, app.decided_on if app.status == Status.REFUSED else app.closed_on, "收到异议日期",
               "原决定日期")
    objection = Objection.objects.create(application=app, org=app.org, received_on=received_on,
                                         reason=required(reason, "异议理由", 2000),
                                         due_on=lenient_due_date(rules.OBJECTION, received_on), created_by=actor)
    audit.action(actor, "登记法律援助异议", app, after={"received_on": str(received_on), "due_on": str(objection.due_on)})
    bureau = rules.county_root(app.org)
    tell(staff_of(bureau), f"法律援助异议：{app.number}，请于{objection.due_on:%Y-%m-%d}前审查",
            link=application_url(app))
    return objection


@transaction.atomic
def decide_objection(actor, objection: Objection, *, outcome: str, decided_on: dt.date, note: str,
                     late_reason: str = "") -> Objection:
    """The bureau upholds the centre or orders it to correct; a corrected refusal returns to 待审查."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    bureau = rules.county_root(objection.org)
    can_write(actor, bureau)
    if not reaches(actor, bureau):
        raise PermissionDenied("异议由设立法律援助机构的司法行政部门审查。")
    if objection.outcome != ObjectionOutcome.PENDING:
        raise ValidationError("该异议已审查。")
    outcome = choice(outcome, ObjectionOutcome, "审查结果")
    if outcome == ObjectionOutcome.PENDING:
        raise ValidationError("请选择维持或责令改正。")
    not_future(decided_on, "审查决定日期")
    not_before(decided_on, objection.received_on, "审查决定日期", "收到异议日期")
    within_limit(decided_on, objection.due_on, late_reason, "异议审查")
    objection.outcome, objection.decided_on = outcome, decided_on
    objection.note = required(note, "审查意见", 2000)
    if late_reason.strip():
        objection.note += f"（逾期原因：{late_reason.strip()[:500]}）"
    objection.save()
    app = Application.objects.select_for_update().get(pk=objection.application_id)
    if outcome == ObjectionOutcome.CORRECTED:
        before = snapshot(app)
        app.status = Status.RECEIVED
        app.decision, app.decided_on, app.decided_on_time, app.closed_on = "", None, None, None
        app.termination_reason = ""
        app.centre_received_on = decided_on
        set_decision_due(app)
        app.save()
        audit.action(actor, "责令改正，重新审查", app, before=before, after=snapshot(app))
    audit.action(actor, "审查法律援助异议", app, after={"outcome": outcome, "decided_on": str(decided_on)})
    return objection
