"""Staff pages of the legal-aid line. Thin: parse a form, call an action, show the result; scope comes from
`objects.for_user` (through core.listing), rules and audit from actions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sifa.core import uploads
from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordDetailView,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.roles import has_capability
from sifa.core.steps import Step, StepDetailView, form_page

from . import actions
from . import forms as f
from .models import (
    Application,
    Consultation,
    DutyShift,
    DutyStation,
    HardshipStandard,
    LegalHelp,
    Provider,
    Referral,
    ServiceOrg,
    SubsidyRate,
)
from .workflow import CONSULTATION_WORKFLOW, WORKFLOW


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理法律援助业务。")


# --- applications ---

class ApplicationList(RecordListView):
    model = Application
    title = "法律援助案件"
    template_name = "legalaid/application_list.html"
    columns = [Column("number", "案号", link=True), Column("channel"), Column("category"), Column("case_area"),
               Column("status"), Column("name", "申请人"), Column("received_on"), Column("decision_due"),
               Column("assign_due"), Column("assigned_on"), Column("closed_on")]
    search_fields = ["number", "name", "summary", "notice_number"]
    search_placeholder = "案号、申请人或案情"
    filters = [ChoiceFilter("status"), ChoiceFilter("case_area"), ChoiceFilter("category"), ChoiceFilter("channel"),
               ChoiceFilter("is_migrant_worker"), DateRangeFilter("received_on"), DateRangeFilter("closed_on"),
               OrgFilter()]
    default_sort = ["-received_on"]
    detail_url_name = "legalaid:application_detail"
    ledger_kind = "legalaid_applications"

    def extra_context(self, request):
        return {"can_write": has_capability(request.user, "write_records")}


class ApplicationDetail(StepDetailView):
    """The case page; its 办理 buttons are the steps legalaid/workflow.py offers in the case's state."""

    model = Application
    workflow = WORKFLOW
    template_name = "legalaid/application_detail.html"
    list_url_name = "legalaid:application_list"
    step_url_name = "legalaid:application_step"
    fields = [Column("status"), Column("channel"), Column("category"), Column("case_area"), Column("civil_matter"),
              Column("summary"), Column("opposing_party"), Column("handling_organ"), Column("amount"),
              Column("name", "申请人"), Column("id_number"), Column("sex"), Column("mobile"), Column("address"),
              Column("recipients"), Column("is_migrant_worker"), Column("is_minor"), Column("is_elderly"),
              Column("is_disabled"), Column("review_basis"), Column("exemption"), Column("household_size"),
              Column("household_income"), Column("notifier"), Column("notice_number"), Column("circumstance"),
              Column("stage"), Column("notified_on"), Column("notice_late"), Column("intake_org__name", "受理窗口"),
              Column("received_on"), Column("centre_received_on"), Column("decision_due"), Column("decision"),
              Column("decided_on"), Column("decision_reason"), Column("assign_due"), Column("assigned_on"),
              Column("late_reason"), Column("closed_on"), Column("closure_method"), Column("outcome"),
              Column("recovered_amount"), Column("quality_grade"), Column("subsidy_amount"),
              Column("satisfaction"), Column("tracking_code")]

    def get_title(self, obj):
        return obj.number

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context.update(app=obj, today=timezone.localdate(),
                       assignments=obj.assignments.select_related("service_org", "provider"),
                       progress=obj.progress.all(), documents=obj.documents.all(), objections=obj.objections.all())
        return context


@require_http_methods(["GET"])
def document_download(request, pk, doc_id):
    app = get_scoped_or_404(Application.objects.for_user(request.user), Application, pk, verb="下载材料")
    doc = app.documents.filter(pk=doc_id).first()
    if doc is None:
        raise Http404("文件不存在。")
    return uploads.download_response(doc.stored_name, doc.original_name, doc.content_type)


def application_create(request):
    _require_write(request)
    form = f.ApplicationForm(request.POST or None, user=request.user)
    consultation = None
    if request.GET.get("consultation", "").isdigit():
        consultation = get_scoped_or_404(Consultation.objects.for_user(request.user), Consultation,
                                         request.GET["consultation"])

    def handler(data):
        fields = form.action_fields()
        if consultation is not None:
            with transaction.atomic():
                actions.refer_consultation(request.user, consultation, referral=Referral.LEGAL_AID,
                                           application=fields)
                app = consultation.applications.latest("pk")
        else:
            app = actions.register_application(request.user, **fields)
        return reverse("legalaid:application_detail", args=[app.pk])

    return form_page(request, form, handler, title="受理法律援助申请", back=reverse("legalaid:application_list"),
                     success="已受理。", intro="申请人经济状况超过经济困难标准且不属于免予核查、不受经济困难条件限制情形的，"
                                             "系统将拒绝登记并说明理由。")


def notice_create(request):
    _require_write(request)
    form = f.NoticeForm(request.POST or None, user=request.user)

    def handler(data):
        app = actions.register_notice(request.user, **form.action_fields())
        return reverse("legalaid:application_detail", args=[app.pk])

    return form_page(request, form, handler, title="登记通知辩护（代理）", back=reverse("legalaid:application_list"),
                     success="通知已登记，请在3日内指派律师。")


# --- consultations ---

class ConsultationList(RecordListView):
    model = Consultation
    title = "法律咨询"
    template_name = "legalaid/consultation_list.html"
    columns = [Column("asked_on", link=True), Column("channel"), Column("topic"), Column("persons"),
               Column("is_migrant_worker"), Column("status"), Column("referral"), Column("org__name", "受理机构")]
    search_fields = ["question", "answer"]
    filters = [ChoiceFilter("channel"), ChoiceFilter("topic"), ChoiceFilter("status"), ChoiceFilter("referral"),
               ChoiceFilter("is_migrant_worker"), DateRangeFilter("asked_on"), OrgFilter()]
    default_sort = ["-asked_on"]
    detail_url_name = "legalaid:consultation_detail"
    ledger_kind = "legalaid_consultations"

    def extra_context(self, request):
        return {"can_write": has_capability(request.user, "write_records")}


class ConsultationDetail(StepDetailView):
    model = Consultation
    template_name = "legalaid/consultation_detail.html"
    list_url_name = "legalaid:consultation_list"
    step_url_name = "legalaid:consultation_step"
    workflow = CONSULTATION_WORKFLOW
    fields = [Column("channel"), Column("asked_on"), Column("topic"), Column("question"), Column("persons"),
              Column("is_migrant_worker"), Column("asker_name"), Column("mobile"), Column("status"),
              Column("answer"), Column("answered_on"), Column("answered_by"), Column("referral"),
              Column("referral_note"), Column("referred_dispute", "转人民调解纠纷")]


def consultation_create(request):
    _require_write(request)
    form = f.ConsultationForm(request.POST or None, user=request.user)

    def handler(data):
        c = actions.record_consultation(request.user, **data)
        return reverse("legalaid:consultation_detail", args=[c.pk])

    return form_page(request, form, handler, title="登记法律咨询", back=reverse("legalaid:consultation_list"),
                     success="已登记。")


# --- providers ---

class ProviderList(RecordListView):
    model = Provider
    title = "法律援助人员"
    template_name = "legalaid/provider_list.html"
    columns = [Column("name", link=True), Column("kind"), Column("service_org__name", "所在机构"),
               Column("licence_number"), Column("licence_status"), Column("speciality_labels", "擅长领域"),
               Column("max_open_cases"), Column("in_rotation")]
    search_fields = ["name", "licence_number"]
    filters = [ChoiceFilter("kind"), ChoiceFilter("licence_status"), ChoiceFilter("in_rotation"), OrgFilter()]
    default_sort = ["service_org__name", "name"]
    detail_url_name = "legalaid:provider_detail"
    ledger_kind = "legalaid_providers"

    def extra_context(self, request):
        return {"can_write": has_capability(request.user, "write_records")}


class ProviderDetail(StepDetailView):
    model = Provider
    list_url_name = "legalaid:provider_list"
    step_url_name = "legalaid:provider_step"
    template_name = "core/step_detail.html"
    steps = {"licence": Step("变更执业状态", f.LicenceForm, "执业状态已变更。")}
    fields = [Column("service_org__name", "所在机构"), Column("kind"), Column("licence_number"),
              Column("licence_status"), Column("practice_since"), Column("speciality_labels", "擅长领域"),
              Column("max_open_cases"), Column("in_rotation"), Column("mobile")]

    def available_steps(self, obj):
        return ["licence"] if obj.kind != "volunteer" else []


def provider_create(request):
    _require_write(request)
    form = f.ProviderForm(request.POST or None, user=request.user)

    def handler(data):
        provider = actions.create_provider(request.user, **data)
        return reverse("legalaid:provider_detail", args=[provider.pk])

    return form_page(request, form, handler, title="登记法律援助人员", back=reverse("legalaid:provider_list"))


def service_org_create(request):
    _require_write(request)
    form = f.ServiceOrgForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: actions.create_service_org(request.user, **data) and reverse(
        "legalaid:provider_list"), title="登记法律援助服务机构", back=reverse("legalaid:provider_list"))


# --- 值班律师 ---

class HelpList(RecordListView):
    model = LegalHelp
    title = "值班律师法律帮助"
    template_name = "legalaid/help_list.html"
    columns = [Column("helped_on", link=True), Column("station__name", "工作站"), Column("station_kind"),
               Column("provider__name", "值班律师"), Column("kind"), Column("persons"), Column("case_reference")]
    search_fields = ["case_reference", "note"]
    filters = [ChoiceFilter("kind"), ChoiceFilter("station_kind"), DateRangeFilter("helped_on"), OrgFilter()]
    default_sort = ["-helped_on"]
    detail_url_name = "legalaid:help_detail"
    ledger_kind = "legalaid_helps"

    def extra_context(self, request):
        shifts = DutyShift.objects.for_user(request.user).filter(on_date__gte=timezone.localdate()).select_related(
            "station", "provider").order_by("on_date")[:30]
        return {"can_write": has_capability(request.user, "write_records"), "shifts": shifts,
                "stations": DutyStation.objects.for_user(request.user)}


class HelpDetail(RecordDetailView):
    model = LegalHelp
    list_url_name = "legalaid:help_list"
    fields = [Column("helped_on"), Column("station__name", "工作站"), Column("station_kind"),
              Column("provider__name", "值班律师"), Column("kind"), Column("persons"), Column("case_reference"),
              Column("note")]


def station_create(request):
    _require_write(request)
    form = f.StationForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: actions.create_station(request.user, **data) and reverse(
        "legalaid:help_list"), title="设立值班律师工作站", back=reverse("legalaid:help_list"))


def shift_create(request):
    _require_write(request)
    form = f.ShiftForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: actions.schedule_shift(request.user, **data) and reverse(
        "legalaid:help_list"), title="值班排班", back=reverse("legalaid:help_list"), success="已排班。")


def help_create(request):
    _require_write(request)
    form = f.HelpForm(request.POST or None, user=request.user)

    def handler(data):
        data = dict(data)
        data["helped_on"] = data.pop("on_date")
        record = actions.record_help(request.user, **data)
        return reverse("legalaid:help_detail", args=[record.pk])

    return form_page(request, form, handler, title="登记值班律师法律帮助", back=reverse("legalaid:help_list"))


# --- configuration ---

def settings_page(request):
    """经济困难标准 and 办案补贴标准, as tables with their history; editing goes through the forms below."""
    if not has_capability(request.user, "read_records"):
        raise PermissionDenied("您的角色无权访问此页面。")
    return render(request, "legalaid/settings.html", {
        "standards": HardshipStandard.objects.for_user(request.user).select_related("org"),
        "rates": SubsidyRate.objects.for_user(request.user).select_related("org"),
        "service_orgs": ServiceOrg.objects.for_user(request.user),
        "can_write": has_capability(request.user, "write_records")})


def hardship_create(request):
    _require_write(request)
    form = f.HardshipForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: actions.set_hardship_standard(request.user, **data) and reverse(
        "legalaid:settings"), title="设置经济困难标准", back=reverse("legalaid:settings"))


def rate_create(request):
    _require_write(request)
    form = f.RateForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: actions.set_subsidy_rate(request.user, **data) and reverse(
        "legalaid:settings"), title="新增办案补贴标准", back=reverse("legalaid:settings"))


class RateDetail(StepDetailView):
    model = SubsidyRate
    list_url_name = "legalaid:settings"
    step_url_name = "legalaid:rate_step"
    template_name = "core/step_detail.html"
    steps = {"edit": Step("修改补贴标准", f.RateEditForm, "补贴标准已修改。")}
    fields = [Column("category"), Column("base_amount"), Column("extra_person_amount"), Column("effective_from"),
              Column("effective_to"), Column("note"), Column("org__name", "适用范围")]

    def available_steps(self, obj):
        return ["edit"]
