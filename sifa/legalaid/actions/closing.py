"""How a case ends and is judged: 结案, 终止 (第48条), 撤回, 案卷质量评查 with its subsidy, and the
recipient's satisfaction (collected by staff or given once on the portal)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.action_checks import choice, money, not_before, not_future, required
from sifa.core.action_checks import today as _today
from sifa.core.masking import mask_mobile

from .. import rules
from ..models import (
    Application,
    ClosureMethod,
    DocumentKind,
    QualityGrade,
    Satisfaction,
    Status,
    TerminationReason,
)
from ..workflow import WORKFLOW
from .base import lock, snapshot
from .standards import rate_for, subsidy_for


@transaction.atomic
def close_case(actor, app: Application, *, closed_on: dt.date, method: str, outcome: str,
               recovered_amount=None) -> Application:
    """结案: the 结案报告 and the document that shows how the case ended must be on file first."""
    app = lock(app, actor, "close")
    current = app.assignments.filter(active=True).first()
    if current is None or current.provider_id is None:
        raise ValidationError("该案件尚未确定承办人，不能结案。")
    method = choice(method, ClosureMethod, "结案方式")
    not_future(closed_on, "结案日期")
    not_before(closed_on, app.assigned_on, "结案日期", "指派日期")
    on_file = set(app.documents.values_list("kind", flat=True))
    missing = [DocumentKind(k).label for k in rules.required_closing_documents(method) if k not in on_file]
    if missing:
        raise ValidationError(f"结案须先上传：{'、'.join(missing)}。")
    before = snapshot(app)
    app.status = Status.CLOSED
    app.closed_on, app.closure_method = closed_on, method
    app.outcome = required(outcome, "办理结果", 5000)
    app.recovered_amount = money(recovered_amount, "挽回经济损失")
    app.save()
    audit.action(actor, "结案", app, before=before, after=snapshot(app))
    return app


@transaction.atomic
def terminate(actor, app: Application, *, terminated_on: dt.date, reason: str, note: str) -> Application:
    """终止法律援助 (第48条); the recipient may object (第49条)."""
    app = lock(app, actor, "terminate")
    reason = choice(reason, TerminationReason, "终止原因")
    not_future(terminated_on, "终止日期")
    not_before(terminated_on, app.decided_on or app.centre_received_on, "终止日期", "决定日期")
    before = snapshot(app)
    app.status, app.termination_reason, app.closed_on = Status.TERMINATED, reason, terminated_on
    app.outcome = required(note, "终止情况说明", 2000)
    app.save()
    audit.action(actor, "终止法律援助", app, before=before, after=snapshot(app), reason=app.outcome)
    return app


@transaction.atomic
def withdraw(actor, app: Application, *, withdrawn_on: dt.date, note: str = "") -> Application:
    app = lock(app, actor, "withdraw")
    not_future(withdrawn_on, "撤回日期")
    not_before(withdrawn_on, app.received_on, "撤回日期", "受理日期")
    before = snapshot(app)
    app.status, app.closed_on, app.outcome = Status.WITHDRAWN, withdrawn_on, (note or "申请人撤回申请").strip()[:2000]
    app.save()
    audit.action(actor, "撤回法律援助申请", app, before=before, after=snapshot(app))
    return app


@transaction.atomic
def grade_case(actor, app: Application, *, grade: str, graded_on: dt.date, note: str = "") -> Application:
    """案卷质量评查 after 结案; the subsidy follows from the rate table in force on the closure date
    (不合格 files earn none)."""
    app = lock(app, actor, "grade")
    if app.quality_grade:
        raise ValidationError("该案卷已评查。")
    grade = choice(grade, QualityGrade, "评查等次")
    not_future(graded_on, "评查日期")
    not_before(graded_on, app.closed_on, "评查日期", "结案日期")
    if grade in (QualityGrade.FAIL, QualityGrade.EXCELLENT) and not (note or "").strip():
        raise ValidationError("评为优秀或不合格的，请填写评查意见。")
    rate = rate_for(app.org, app.category, app.closed_on)
    if rate is None:
        raise ValidationError(f"未设置{app.closed_on:%Y-%m-%d}适用的“{app.get_category_display()}”办案补贴标准，"
                              "请先在补贴标准中设置。")
    before = snapshot(app)
    app.quality_grade, app.graded_on, app.grade_note = grade, graded_on, (note or "").strip()[:2000]
    app.subsidy_rate = rate
    app.subsidy_amount = subsidy_for(rate, app.recipients, grade)
    app.save()
    audit.action(actor, "案卷质量评查", app, before=before, after=snapshot(app))
    return app


def _rate(app: Application, satisfaction: str, rated_on: dt.date, note: str, actor=None) -> tuple[dict, Application]:
    WORKFLOW.check(app, "satisfaction", actor)
    if app.satisfaction:
        raise ValidationError("该案件已评价，每件案件只能评价一次。")
    satisfaction = choice(satisfaction, Satisfaction, "满意度")
    not_future(rated_on, "评价日期")
    not_before(rated_on, app.closed_on, "评价日期", "结案日期")
    if satisfaction == Satisfaction.DISSATISFIED and not (note or "").strip():
        raise ValidationError("不满意的，请简要说明原因，便于我们改进。")
    before = snapshot(app)
    app.satisfaction, app.satisfaction_on = satisfaction, rated_on
    app.satisfaction_note = (note or "").strip()[:500]
    app.save()
    return before, app


@transaction.atomic
def record_satisfaction(actor, app: Application, *, satisfaction: str, rated_on: dt.date,
                        note: str = "") -> Application:
    """受援人满意度 as collected by staff on a follow-up call."""
    app = lock(app, actor)
    before, app = _rate(app, satisfaction, rated_on, note, actor)
    audit.action(actor, "登记受援人满意度", app, before=before, after=snapshot(app))
    return app


@transaction.atomic
def rate_online(app: Application, *, mobile: str, satisfaction: str, note: str = "") -> Application:
    """The applicant rates their own closed case once on the portal."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import codes_for

    app = Application.objects.select_for_update().get(pk=app.pk)
    if not codes_for(app).filter(mobile_digest=mobile_digest(mobile)).exists():
        raise PermissionDenied("只能评价本人的申请。")
    before, app = _rate(app, satisfaction, _today(), note)
    audit.record("action", obj=app, verb="受援人网上评价", before=before, after=snapshot(app),
                 username=f"公众:{mask_mobile(mobile)}")
    return app
