"""Staff pages of 心理评估与预警. Only corrections roles open them (the corrections line's access rules); a record
outside one's scope answers 404 with a "denied" audit row. Lists show no scores; the pages that show scores or
answers write a READ_SENSITIVE audit row on every view. Every change goes through actions.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sifa.core import audit, jobs
from sifa.core.access import forbid
from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.models.audit import AuditEventType
from sifa.corrections import access
from sifa.corrections.models import SUPERVISED_STATUSES, Subject

from . import actions, risk
from . import forms as f
from .models import Assessment, EarlyWarning, RiskFactor, WarningStatus


def _deny(model, reason: str):
    forbid(model, reason, "心理评估与预警信息仅限社区矫正工作人员和局领导查看。")


def _check_read(request, model) -> None:
    if not access.can_read(request.user):
        _deny(model, "非社区矫正角色")


def _audit_read(request, obj, verb: str) -> None:
    audit.record(AuditEventType.READ_SENSITIVE, user=request.user, obj=obj, verb=verb, reason="查看心理评估信息")


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


class WellbeingAccess:
    def check_capability(self, request) -> None:
        _check_read(request, self.model)

    def extra_context(self, request):
        return {"can_write": access.can_write(request.user)}

    def can_export(self, request) -> bool:
        return False  # psychological data leaves the platform only through the audited ledger, not from a list


class WarningList(WellbeingAccess, RecordListView):
    model = EarlyWarning
    title = "心理预警"
    template_name = "wellbeing/warning_list.html"
    columns = [Column("subject__name", "社区矫正对象", link=True), Column("level"), Column("status"),
               Column("raised_on"), Column("evaluated_on"), Column("org__name", "司法所")]
    search_fields = ["subject__name"]
    search_placeholder = "对象姓名"
    filters = [ChoiceFilter("level"), ChoiceFilter("status"), DateRangeFilter("raised_on"), OrgFilter()]
    default_sort = ["-raised_on"]
    detail_url_name = "wellbeing:warning_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("subject", "org")


class SubjectList(WellbeingAccess, RecordListView):
    model = Subject
    title = "心理测评"
    template_name = "wellbeing/subject_list.html"
    columns = [Column("name", "社区矫正对象", link=True), Column("sex"), Column("level"), Column("status"),
               Column("org__name", "执行地司法所"), Column("worker__full_name", "责任人")]
    search_fields = ["name", "number"]
    search_placeholder = "姓名或档案编号"
    filters = [ChoiceFilter("status"), ChoiceFilter("level"), OrgFilter()]
    default_sort = ["name"]
    detail_url_name = "wellbeing:subject"

    def scope_queryset(self, request):
        return super().scope_queryset(request).filter(status__in=SUPERVISED_STATUSES).select_related("org", "worker")


def _subject(request, pk) -> Subject:
    _check_read(request, Subject)
    return get_scoped_or_404(Subject.objects.for_user(request.user), Subject, pk)


def _chart(assessments, scale) -> dict:
    """The series of the subject's chart: total and factor scores over time (oldest first)."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.pk))
    return {
        "dates": [f"{a.assessed_on:%Y-%m-%d}" for a in ordered],
        "total": [a.total_score for a in ordered],
        "factors": [{"name": name, "values": [float(a.factor_means.get(code, 0)) for a in ordered]}
                    for code, name, _ in scale.factors],
    }


@require_http_methods(["GET", "HEAD"])
def subject(request, pk):
    """A subject's psychological record: assessments with their scores and the chart, risk factors, warnings
    and the current evaluation. Showing it is a sensitive read, audited."""
    obj = _subject(request, pk)
    assessments = list(Assessment.objects.for_user(request.user).filter(subject=obj).select_related("questionnaire"))
    questionnaire = actions.questionnaire()
    scale = actions.scale_of(questionnaire)
    _audit_read(request, obj, "查看心理测评结果")
    evaluation = risk.evaluate([obj], timezone.localdate())[obj.pk]
    return render(request, "wellbeing/subject.html", {
        "subject": obj, "assessments": assessments, "factor_names": [n for _, n, _ in scale.factors],
        "rows": [{"a": a, "factors": [a.factor_means.get(c, "") for c, _, _ in scale.factors]} for a in assessments],
        "chart": _chart([a for a in assessments if a.questionnaire_id == questionnaire.pk], scale),
        "risks": RiskFactor.objects.for_user(request.user).filter(subject=obj),
        "warnings": EarlyWarning.objects.for_user(request.user).filter(subject=obj),
        "evaluation": evaluation, "can_write": access.can_write(request.user),
        "risk_form": f.RiskFactorForm(initial={"noted_on": timezone.localdate()}),
        "resolve_form": f.ResolveForm(initial={"resolved_on": timezone.localdate()}),
    })


@require_http_methods(["GET", "HEAD", "POST"])
def assess(request, pk):
    """The answer sheet: one row of radio buttons per item. Bad input re-shows the sheet with the answers given
    and a Chinese message; nothing is written."""
    obj = _subject(request, pk)
    if not access.can_write(request.user):
        _deny(Assessment, "无登记心理测评的权限")
    questionnaire = actions.questionnaire()
    scale = actions.scale_of(questionnaire)
    given, error, status = {}, "", 200
    values = {"assessed_on": f"{timezone.localdate():%Y-%m-%d}", "assessor": request.user.full_name, "note": ""}
    if request.method == "POST":
        given = {n: request.POST.get(f"q{n}", "") for n in scale.numbers}
        values = {k: request.POST.get(k, "") for k in values}
        try:
            assessment = actions.record_assessment(request.user, obj, answers=given, **values)
        except ValidationError as exc:
            error, status = _errors(exc), 400
        else:
            messages.success(request, "心理测评已登记。" + ("筛查阳性，请评估预警。" if assessment.positive else ""))
            return redirect("wellbeing:subject", obj.pk)
    options = list(range(scale.scale_min, scale.scale_max + 1))
    labels = list(scale.labels) or [str(o) for o in options]
    rows = [{"number": n, "text": text, "choices": [{"value": o, "label": lab, "checked": str(given.get(n, "")) == str(o)}
                                                   for o, lab in zip(options, labels, strict=True)]}
            for n, text in sorted(scale.items.items())]
    return render(request, "wellbeing/assess.html", {
        "subject": obj, "questionnaire": questionnaire, "rows": rows, "labels": labels, "error": error,
        "values": values}, status=status)


def _form_action(request, form_class, run, success: str, back: str):
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, success)
    else:
        messages.error(request, "；".join(f"{form.fields[k].label}：{'、'.join(v)}" if k in form.fields else
                                         "、".join(v) for k, v in form.errors.items()))
    return redirect(back)


@require_POST
def add_risk(request, pk):
    obj = _subject(request, pk)
    return _form_action(request, f.RiskFactorForm, lambda d: actions.record_risk_factor(request.user, obj, **d),
                        "风险因素已登记。", reverse("wellbeing:subject", args=[obj.pk]))


@require_POST
def resolve_risk(request, pk):
    _check_read(request, RiskFactor)
    factor = get_scoped_or_404(RiskFactor.objects.for_user(request.user), RiskFactor, pk, "修改")
    return _form_action(request, f.ResolveForm, lambda d: actions.resolve_risk_factor(request.user, factor, **d),
                        "已登记风险因素消除。", reverse("wellbeing:subject", args=[factor.subject_id]))


@require_POST
def evaluate(request, pk):
    obj = _subject(request, pk)
    try:
        evaluation, warning = actions.evaluate_subject(request.user, obj)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("wellbeing:subject", obj.pk)
    messages.success(request, f"评估完成：{evaluation.level_label}风险。")
    return redirect(warning.get_absolute_url() if warning else reverse("wellbeing:subject", args=[obj.pk]))


@require_POST
def evaluate_all(request):
    _check_read(request, EarlyWarning)
    if not access.can_write(request.user):
        _deny(EarlyWarning, "无评估心理预警的权限")
    job = jobs.submit("评估心理预警", "sifa.wellbeing.tasks.evaluate_warnings", {}, request.user)
    messages.success(request, "已提交评估，完成后将通知您。")
    return redirect("core:job_detail", job.pk)


@require_http_methods(["GET", "HEAD"])
def assessment_detail(request, pk):
    _check_read(request, Assessment)
    obj = get_scoped_or_404(Assessment.objects.for_user(request.user).select_related("subject", "questionnaire"),
                            Assessment, pk)
    scale = actions.scale_of(obj.questionnaire)
    _audit_read(request, obj, "查看心理测评结果")
    return render(request, "wellbeing/assessment.html", {
        "a": obj, "factors": [{"name": n, "mean": obj.factor_means.get(c, ""), "items": len(items)}
                              for c, n, items in scale.factors],
        "answers_url": reverse("security:sensitive_field", args=[obj._meta.label_lower, obj.pk, "answers"]),
    })


@require_http_methods(["GET", "HEAD"])
def warning_detail(request, pk):
    _check_read(request, EarlyWarning)
    obj = get_scoped_or_404(EarlyWarning.objects.for_user(request.user).select_related("subject", "org"),
                            EarlyWarning, pk)
    _audit_read(request, obj, "查看心理预警")
    today = timezone.localdate()
    return render(request, "wellbeing/warning.html", {
        "w": obj, "interventions": obj.interventions.all(), "follow_ups": obj.follow_ups.all(),
        "can_write": access.can_write(request.user) and obj.status != WarningStatus.CLOSED,
        "intervention_form": f.InterventionForm(initial={"done_on": today}),
        "follow_up_form": f.FollowUpForm(initial={"followed_on": today}),
    })


def _warning_for_write(request, pk) -> EarlyWarning:
    _check_read(request, EarlyWarning)
    return get_scoped_or_404(EarlyWarning.objects.for_user(request.user), EarlyWarning, pk, "修改")


@require_POST
def intervene(request, pk):
    warning = _warning_for_write(request, pk)
    return _form_action(request, f.InterventionForm,
                        lambda d: actions.record_intervention(request.user, warning, **d),
                        "干预已登记。", warning.get_absolute_url())


@require_POST
def follow_up(request, pk):
    warning = _warning_for_write(request, pk)
    return _form_action(request, f.FollowUpForm, lambda d: actions.record_follow_up(request.user, warning, **d),
                        "回访已登记。", warning.get_absolute_url())
