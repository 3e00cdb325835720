"""Every change to a wellbeing record goes through one of these functions.

Each checks the actor's role and scope (the corrections line's access rules: corrections officers of the
subject's 司法所 or of the county's corrections organ), validates its input (bad input raises ValidationError
with a Chinese message and writes nothing), writes the audit row in the same transaction, and tells whoever must
act next. Audit rows never carry scores or answers: psychological data is sensitive personal information.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.models.audit import AuditEventType
from sifa.corrections import access
from sifa.corrections import actions as corrections_actions
from sifa.corrections.models import SUPERVISED_STATUSES, Subject

from . import questionnaires as q
from . import risk
from .models import (
    LEVEL_RANK,
    Assessment,
    EarlyWarning,
    Factor,
    FollowUp,
    FollowUpResult,
    Intervention,
    InterventionKind,
    Item,
    Questionnaire,
    RiskFactor,
    RiskKind,
    RiskLevel,
    WarningStatus,
)

DEFAULT_CODE = "SCL-90"
PLACEHOLDER_SOURCE = "内置占位题目（请载入正式题目文字）"
OPEN_WARNING = (WarningStatus.OPEN, WarningStatus.INTERVENING)


def _today() -> dt.date:
    return inputs.today()


def _tell_staff(subject: Subject, title: str, link: str) -> None:
    people = corrections_actions.office_staff(subject.org)
    if subject.worker_id:
        people = [subject.worker, *people]
    corrections_actions.tell(people, title, "", link)


# --- questionnaires -------------------------------------------------------------------------------------------


def _structure(scale: q.Scale) -> tuple:
    return (scale.numbers, [(c, tuple(n)) for c, _, n in scale.factors], scale.scale_min, scale.scale_max,
            scale.positive_item_min, list(scale.rules))


def _install(scale: q.Scale, source: str) -> Questionnaire:
    questionnaire, _ = Questionnaire.objects.update_or_create(code=scale.code, defaults={
        "name": scale.name, "instructions": scale.instructions, "source": scale.source,
        "scale_min": scale.scale_min, "scale_max": scale.scale_max, "scale_labels": list(scale.labels),
        "positive_item_min": scale.positive_item_min, "rules": list(scale.rules), "wording_source": source[:200]})
    questionnaire.items.all().delete()
    questionnaire.factors.all().delete()
    factors = Factor.objects.bulk_create([Factor(questionnaire=questionnaire, code=c, name=n, order=i)
                                          for i, (c, n, _) in enumerate(scale.factors)])
    factor_of = {n: f for f, (_, _, numbers) in zip(factors, scale.factors, strict=True) for n in numbers}
    Item.objects.bulk_create([Item(questionnaire=questionnaire, number=n, text=text, factor=factor_of.get(n))
                              for n, text in sorted(scale.items.items())])
    return questionnaire


def questionnaire(code: str = DEFAULT_CODE) -> Questionnaire:
    """The questionnaire `code`; the shipped SCL-90 (placeholder wording) is installed on first use."""
    found = Questionnaire.objects.filter(code=code).first()
    if found is not None:
        return found
    builtin = q.builtin_scale()
    if code != builtin.code:
        raise ValidationError(f"量表“{code}”尚未载入。")
    with transaction.atomic():
        return _install(builtin, PLACEHOLDER_SOURCE)


def scale_of(questionnaire: Questionnaire) -> q.Scale:
    items = list(questionnaire.items.select_related("factor").order_by("number"))
    factors = [(f.code, f.name, tuple(i.number for i in items if i.factor_id == f.pk))
               for f in questionnaire.factors.order_by("order")]
    return q.Scale(code=questionnaire.code, name=questionnaire.name, items={i.number: i.text for i in items},
                   factors=factors, scale_min=questionnaire.scale_min, scale_max=questionnaire.scale_max,
                   labels=tuple(questionnaire.scale_labels or ()), positive_item_min=questionnaire.positive_item_min,
                   rules=tuple(questionnaire.rules or ()), instructions=questionnaire.instructions,
                   source=questionnaire.source)


@transaction.atomic
def load_questionnaire(actor, data, *, source: str) -> Questionnaire:
    """Install or update a questionnaire from its definition (JSON shape of data/scl90.json). Once assessments
    exist, only the wording may change: a different structure would change the meaning of stored scores."""
    scale = q.parse_definition(data)
    existing = Questionnaire.objects.filter(code=scale.code).first()
    if existing is not None and Assessment.objects.filter(questionnaire=existing).exists() \
            and _structure(scale_of(existing)) != _structure(scale):
        raise ValidationError(f"量表“{scale.code}”已有测评记录，不能改变题目数量、因子、评分范围或筛查规则；"
                              "只能更新题目文字。如需新结构，请使用新的量表代码。")
    installed = _install(scale, source)
    audit.record(AuditEventType.CONFIG, user=actor, obj=installed, verb="载入心理测评量表",
                 after={"code": scale.code, "items": len(scale.items), "factors": len(scale.factors),
                        "source": source[:200]})
    return installed


@transaction.atomic
def load_rules(actor, data) -> int:
    rows = risk.parse_rules(data)
    risk.install_rules(rows)
    audit.record(AuditEventType.CONFIG, user=actor, verb="载入心理预警规则", object_type="wellbeing.warningrule",
                 after={"rules": [r["code"] for r in rows]})
    return len(rows)


# --- assessments ----------------------------------------------------------------------------------------------


@transaction.atomic
def record_assessment(actor, subject: Subject, *, assessed_on, answers, questionnaire_code: str = DEFAULT_CODE,
                      assessor: str = "", note: str = "") -> Assessment:
    """Record a completed questionnaire: every item answered within the scale's range, or nothing is written."""
    subject = corrections_actions.supervised(subject, actor, "登记心理测评")
    assessed_on = inputs.date(assessed_on, "测评日期")
    corrections_actions.in_period(subject, assessed_on, "测评日期")
    form = questionnaire(questionnaire_code)
    scale = scale_of(form)
    result = q.score(scale, answers)
    cleaned = q.clean_answers(scale, answers)
    assessment = Assessment.objects.create(
        subject=subject, org=subject.org, questionnaire=form, assessed_on=assessed_on,
        assessor=inputs.optional(assessor, "测评人", 50), answers=[cleaned[n] for n in scale.numbers],
        total_score=result.total, positive_items=result.positive_items,
        factor_means=result.factor_means_text(), positive=result.positive, positive_reasons=result.reasons,
        note=inputs.optional(note, "备注", 2000), created_by=actor)
    audit.action(actor, "登记心理测评", assessment,
                 after={"subject": subject.pk, "questionnaire": form.code, "assessed_on": str(assessed_on)})
    if result.positive:
        _tell_staff(subject, f"{subject.name}的心理测评筛查阳性，请评估预警", assessment.get_absolute_url())
    return assessment


# --- risk factors ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_risk_factor(actor, subject: Subject, *, kind, noted_on, note: str = "") -> RiskFactor:
    subject = corrections_actions.supervised(subject, actor, "登记风险因素")
    kind = inputs.choice(kind, RiskKind, "风险因素")
    noted_on = inputs.date(noted_on, "发现日期")
    corrections_actions.in_period(subject, noted_on, "发现日期")
    if RiskFactor.objects.filter(subject=subject, kind=kind, resolved_on__isnull=True).exists():
        raise ValidationError(f"{subject.name}已登记“{RiskKind(kind).label}”且尚未消除，请勿重复登记。")
    factor = RiskFactor.objects.create(subject=subject, org=subject.org, kind=kind, noted_on=noted_on,
                                       note=inputs.optional(note, "情况说明", 2000), created_by=actor)
    audit.action(actor, "登记风险因素", factor, after={"kind": kind, "noted_on": str(noted_on)})
    return factor


@transaction.atomic
def resolve_risk_factor(actor, factor: RiskFactor, *, resolved_on) -> RiskFactor:
    factor = RiskFactor.objects.select_for_update().get(pk=factor.pk)
    access.ensure_can_write(actor, factor.org)
    if factor.resolved_on is not None:
        raise ValidationError("该风险因素已登记消除。")
    resolved_on = inputs.date(resolved_on, "消除日期")
    inputs.not_future(resolved_on, "消除日期")
    inputs.not_before(resolved_on, factor.noted_on, "消除日期", "发现日期")
    factor.resolved_on = resolved_on
    factor.save(update_fields=["resolved_on", "updated_at"])
    audit.action(actor, "风险因素消除", factor, after={"resolved_on": str(resolved_on)})
    return factor


# --- early warning --------------------------------------------------------------------------------------------


def _open_warnings(subject_ids) -> dict[int, EarlyWarning]:
    return {w.subject_id: w for w in EarlyWarning.objects.select_for_update()
            .filter(subject_id__in=list(subject_ids), status__in=OPEN_WARNING).order_by("raised_on", "pk")}


def _apply(actor, subject: Subject, evaluation: risk.Evaluation, on: dt.date,
           current: EarlyWarning | None) -> tuple[str, EarlyWarning | None]:
    """Write what the evaluation means: a new warning, a raised level, or nothing. Returns (what, warning)."""
    if evaluation.level == RiskLevel.LOW:
        return "none", current
    if current is None:
        warning = EarlyWarning.objects.create(
            subject=subject, org=subject.org, level=evaluation.level, rules=evaluation.rules,
            reasons=evaluation.reasons, raised_on=on, evaluated_on=on, created_by=actor)
        audit.action(actor, "发出心理预警", warning, after={"level": warning.get_level_display(),
                                                        "rules": evaluation.rules})
        _tell_staff(subject, f"{subject.name}：{warning.get_level_display()}风险心理预警，请及时干预",
                    warning.get_absolute_url())
        return "new", warning
    raised = LEVEL_RANK[RiskLevel(evaluation.level)] > LEVEL_RANK[RiskLevel(current.level)]
    if not raised and current.rules == evaluation.rules:
        if current.evaluated_on != on:
            EarlyWarning.objects.filter(pk=current.pk).update(evaluated_on=on)
        return "same", current
    before = {"level": current.get_level_display(), "rules": current.rules}
    if raised:
        current.level = evaluation.level
    current.rules, current.reasons, current.evaluated_on = evaluation.rules, evaluation.reasons, on
    current.save(update_fields=["level", "rules", "reasons", "evaluated_on", "updated_at"])
    audit.action(actor, "心理预警等级上调" if raised else "心理预警理由更新", current, before=before,
                 after={"level": current.get_level_display(), "rules": current.rules})
    if raised:
        _tell_staff(subject, f"{subject.name}的心理预警上调为{current.get_level_display()}风险",
                    current.get_absolute_url())
    return ("raised" if raised else "updated"), current


@transaction.atomic
def evaluate_subject(actor, subject: Subject, *, on=None) -> tuple[risk.Evaluation, EarlyWarning | None]:
    """Evaluate one subject now: the risk level with its reasons, and the warning it leads to (if any)."""
    subject = corrections_actions.supervised(subject, actor, "评估心理预警")
    on = inputs.date(on, "评估日期") if on is not None else _today()
    inputs.not_future(on, "评估日期")
    evaluation = risk.evaluate([subject], on)[subject.pk]
    _, warning = _apply(actor, subject, evaluation, on, _open_warnings([subject.pk]).get(subject.pk))
    return evaluation, warning


@transaction.atomic
def evaluate_all(actor, *, on=None) -> dict:
    """Evaluate every supervised subject in the actor's scope, all or nothing (a run never half-applies)."""
    if not access.can_write(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只有社区矫正工作人员可以评估心理预警。")
    on = inputs.date(on, "评估日期") if on is not None else _today()
    inputs.not_future(on, "评估日期")
    subjects = list(Subject.objects.for_user(actor).filter(status__in=SUPERVISED_STATUSES)
                    .select_related("org", "worker"))
    evaluations = risk.evaluate(subjects, on)
    current = _open_warnings(s.pk for s in subjects)
    counts = {"subjects": len(subjects), "high": 0, "medium": 0, "new": 0, "raised": 0}
    for subject in subjects:
        evaluation = evaluations[subject.pk]
        if evaluation.level != RiskLevel.LOW:
            counts[str(evaluation.level)] += 1
        what, _ = _apply(actor, subject, evaluation, on, current.get(subject.pk))
        if what in counts:
            counts[what] += 1
    audit.record(AuditEventType.ACTION, user=actor, verb="批量评估心理预警", object_type="wellbeing.earlywarning",
                 after={**counts, "on": str(on)})
    return counts


def _lock_warning(actor, warning: EarlyWarning, verb: str) -> EarlyWarning:
    warning = EarlyWarning.objects.select_for_update().select_related("subject").get(pk=warning.pk)
    access.ensure_can_write(actor, warning.org)
    if warning.status == WarningStatus.CLOSED:
        raise ValidationError(f"该预警已于{warning.closed_on:%Y-%m-%d}解除，不能{verb}。")
    return warning


@transaction.atomic
def record_intervention(actor, warning: EarlyWarning, *, kind, done_on, measures,
                        plan_supplement: str = "") -> Intervention:
    """An intervention on a warning. A 矫正方案补充 is written into the subject's 矫正方案 through the corrections
    line's plan action (set_plan), in the same transaction."""
    warning = _lock_warning(actor, warning, "登记干预")
    kind = inputs.choice(kind, InterventionKind, "干预方式")
    done_on = inputs.date(done_on, "干预日期")
    inputs.not_future(done_on, "干预日期")
    inputs.not_before(done_on, warning.raised_on, "干预日期", "预警日期")
    measures = inputs.required(measures, "干预措施", 2000)
    supplement = inputs.optional(plan_supplement, "矫正方案补充内容", 2000)
    if kind == InterventionKind.PLAN and not supplement:
        raise ValidationError("干预方式为“矫正方案补充”时，请填写矫正方案补充内容。")
    if supplement:
        subject = warning.subject
        plan = (subject.plan + "\n\n" if subject.plan else "") + f"【{done_on:%Y-%m-%d} 心理预警干预补充】{supplement}"
        corrections_actions.set_plan(actor, subject, plan=plan, plan_on=done_on)
    intervention = Intervention.objects.create(warning=warning, subject=warning.subject, org=warning.org, kind=kind,
                                               done_on=done_on, measures=measures, plan_supplement=supplement,
                                               created_by=actor)
    before = {"status": warning.get_status_display()}
    if warning.status == WarningStatus.OPEN:
        warning.status = WarningStatus.INTERVENING
        warning.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记预警干预", warning, before=before,
                 after={"kind": intervention.get_kind_display(), "done_on": str(done_on),
                        "status": warning.get_status_display(), "plan_supplemented": bool(supplement)})
    return intervention


@transaction.atomic
def record_follow_up(actor, warning: EarlyWarning, *, followed_on, result, content, close: bool = False) -> FollowUp:
    """A follow-up after intervention; `close` lifts the warning."""
    warning = _lock_warning(actor, warning, "登记回访")
    last = warning.interventions.order_by("-done_on").values_list("done_on", flat=True).first()
    if last is None:
        raise ValidationError("请先登记干预措施，再登记回访。")
    followed_on = inputs.date(followed_on, "回访日期")
    inputs.not_future(followed_on, "回访日期")
    inputs.not_before(followed_on, last, "回访日期", "最近一次干预日期")
    result = inputs.choice(result, FollowUpResult, "回访结果")
    follow_up = FollowUp.objects.create(warning=warning, subject=warning.subject, org=warning.org,
                                        followed_on=followed_on, result=result,
                                        content=inputs.required(content, "回访情况", 2000), created_by=actor)
    before = {"status": warning.get_status_display()}
    if close:
        warning.status, warning.closed_on = WarningStatus.CLOSED, followed_on
        warning.save(update_fields=["status", "closed_on", "updated_at"])
    audit.action(actor, "登记预警回访", warning, before=before,
                 after={"followed_on": str(followed_on), "result": follow_up.get_result_display(),
                        "status": warning.get_status_display()})
    return follow_up
