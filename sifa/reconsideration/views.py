"""Staff pages of the reconsideration line. Thin: parse a form, call an action, show the result; scope comes from
`objects.for_user` (through core.listing), the rules and the audit from actions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from sifa.core import deadlines
from sifa.core.listing import ChoiceFilter, Column, DateRangeFilter, RecordListView, get_scoped_or_404
from sifa.core.roles import has_capability
from sifa.core.steps import StepDetailView, form_page

from . import actions, documents
from . import forms as f
from .models import Agency, Case
from .workflow import WORKFLOW


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理行政复议业务。")


class CaseList(RecordListView):
    model = Case
    title = "行政复议案件"
    columns = [
        Column("reference", "案号", link=True), Column("respondent__name", "被申请人"), Column("act_type"),
        Column("status"), Column("received_on"), Column("review_due"), Column("accepted_on"),
        Column("decision_due"), Column("closed_on"), Column("outcome"),
    ]
    search_fields = ["number", "act_description"]
    search_placeholder = "案号或被申请复议的行政行为"
    filters = [ChoiceFilter("status"), ChoiceFilter("act_type"), ChoiceFilter("outcome"), ChoiceFilter("procedure"),
               DateRangeFilter("received_on"), DateRangeFilter("closed_on")]
    default_sort = ["-received_on"]
    template_name = "reconsideration/case_list.html"
    detail_url_name = "reconsideration:case_detail"
    ledger_kind = "reconsideration_cases"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("respondent")


class CaseDetail(StepDetailView):
    """The case page: its 办理 buttons are the steps workflow.py offers in the case's state, its deadlines are
    printed beside the dates that start them."""

    model = Case
    workflow = WORKFLOW
    template_name = "reconsideration/case_detail.html"
    list_url_name = "reconsideration:case_list"
    step_url_name = "reconsideration:case_step"
    fields = [
        Column("status"), Column("law_version"), Column("channel"), Column("applicant_name"),
        Column("applicant_id_number"), Column("applicant_mobile"), Column("respondent__name", "被申请人"),
        Column("act_type"), Column("act_description"), Column("request"), Column("filed_on"), Column("received_on"),
        Column("review_due"), Column("correction_requested_on"), Column("correction_due"), Column("corrected_on"),
        Column("declined_on"), Column("decline_reason"), Column("accepted_on"), Column("deemed_accepted"),
        Column("procedure"), Column("copy_due"), Column("copy_sent_on"), Column("reply_due"), Column("replied_on"),
        Column("hearing_on"), Column("committee_consulted_on"), Column("decision_due"), Column("extension_days"),
        Column("extension_approved_by"), Column("closed_on"), Column("outcome"), Column("termination_ground"),
        Column("respondent_corrected"), Column("decision_number"), Column("served_on"),
        Column("opinion_issued_on"), Column("opinion_reply_due"), Column("opinion_replied_on"),
        Column("tracking_code"),
    ]

    def get_title(self, obj):
        return obj.reference

    def get_object(self, request):
        queryset = self.scope_queryset(request).select_related("respondent", "org")
        return get_scoped_or_404(queryset, Case, self.kwargs["pk"])

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        due = [(label, date, deadlines.state(date)) for label, date in (
            ("受理审查（逾期视为受理）", obj.review_due if obj.status == "received" else None),
            ("补正材料", obj.correction_due if obj.status == "correction" else None),
            ("被申请人答复", obj.reply_due if obj.replied_on is None else None),
            ("作出复议决定", obj.decision_due if obj.status == "hearing" else None),
            ("意见书回复", obj.opinion_reply_due if obj.opinion_replied_on is None else None),
        ) if date]
        context.update(deadlines_due=due, suspensions=list(obj.suspensions.all()),
                       documents=documents.staff_documents(obj),
                       lawsuits=list(obj.lawsuits.for_user(request.user)) if hasattr(obj, "lawsuits") else [])
        return context


def case_create(request):
    """收到 an application at the window, by post or orally (with its 口头申请笔录)."""
    _require_write(request)
    form = f.ReceiveForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("reconsideration:case_detail", args=[form.call().pk]),
                     title="收到行政复议申请", back=reverse("reconsideration:case_list"),
                     success="已登记。受理审查期限为收到之日起五个工作日，逾期视为受理。")


class AgencyList(RecordListView):
    model = Agency
    title = "行政机关名录"
    columns = [Column("name"), Column("credit_code"), Column("is_government"), Column("head_name"),
               Column("active")]
    search_fields = ["name", "credit_code"]
    default_sort = ["name"]
    template_name = "reconsideration/agency_list.html"


def agency_create(request):
    _require_write(request)
    form = f.AgencyForm(request.POST or None)
    return form_page(request, form, lambda data: (
        actions.add_agency(request.user, org=actions.bureau_of(request.user.org), **data),
        reverse("reconsideration:agency_list"))[1], title="登记行政机关", back=reverse("reconsideration:agency_list"))


def settings_page(request):
    """The bureau's 办案模式 and the parts of its 综合纠错率 and 协调调撤率."""
    _require_write(request)
    current = actions.settings_for(request.user.org)
    form = f.SettingsForm(request.POST or None, initial=f.SettingsForm.initial_from(current))
    return form_page(request, form, lambda data: (
        actions.configure(request.user, org=actions.bureau_of(request.user.org), **data),
        reverse("reconsideration:settings"))[1],
        title="行政复议设置", intro="综合纠错率、协调调撤率的口径各地不一：在此选择本局的分子与分母，"
                               "统计结果旁会列出计算所用的各部分。")


def docx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def case_document(request, pk, kind):
    """One 文书 of a case in the user's scope (404 outside it, or for a document the case has not produced)."""
    case = get_scoped_or_404(Case.objects.for_user(request.user).select_related("respondent", "org"), Case, pk)
    try:
        return docx_response(*documents.generate(request.user, case, kind))
    except ValidationError as exc:
        raise Http404(exc.messages[0])
