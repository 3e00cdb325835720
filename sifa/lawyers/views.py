"""Staff pages of the lawyers line: thin over core.listing, core.steps.form_page and actions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    RecordDetailView,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.roles import has_capability
from sifa.core.steps import form_page
from sifa.reconsideration.actions import bureau_of
from sifa.reconsideration.views import docx_response

from . import actions, credit, documents
from . import forms as f
from .models import CheckupCampaign, CheckupVisit, Complaint, CounselContract, DutyTurn, Firm, Lawyer


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理律师与法律服务管理业务。")


def _scoped(request, model, pk, related=()):
    return get_scoped_or_404(model.objects.for_user(request.user).select_related(*related), model, pk)


class LawyerList(RecordListView):
    model = Lawyer
    title = "律师名录"
    template_name = "lawyers/lawyer_list.html"
    columns = [Column("provider__name", "姓名", link=True), Column("category"),
               Column("provider__service_org__name", "执业机构"), Column("provider__licence_number", "执业证号"),
               Column("licensed_on"), Column("ended_on"), Column("employer__name", "任职单位"),
               Column("reallocated_to__name", "调配服务单位")]
    search_fields = ["provider__name", "provider__licence_number", "provider__service_org__name"]
    search_placeholder = "姓名、执业证号或执业机构"
    filters = [ChoiceFilter("category"), DateRangeFilter("licensed_on")]
    default_sort = ["provider__name"]
    detail_url_name = "lawyers:lawyer_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("provider__service_org", "employer", "reallocated_to")


class LawyerDetail(RecordDetailView):
    model = Lawyer
    template_name = "lawyers/lawyer_detail.html"
    list_url_name = "lawyers:lawyer_list"
    fields = [Column("provider__name", "姓名"), Column("category"), Column("provider__licence_number", "执业证号"),
              Column("provider__service_org__name", "执业机构"), Column("provider__licence_status", "执业状态"),
              Column("licensed_on"), Column("ended_on"), Column("areas"), Column("languages"),
              Column("employer__name", "任职单位"), Column("reallocated_to__name", "调配服务单位")]

    def get_object(self, request):
        return _scoped(request, Lawyer, self.kwargs["pk"], ("provider__service_org", "employer", "reallocated_to"))

    def extra_context(self, request, obj):
        from django.utils import timezone

        return {"lawyer": obj, "record": credit.public_record(obj), "score": credit.score(obj, timezone.localdate()),
                "complaints": obj.complaints.all(), "assessments": obj.assessments.all(),
                "honours": obj.honours.all(), "contracts": obj.contracts.all(),
                "portal_url": reverse("lawyers_portal:lawyer", args=[obj.code])}


class FirmList(RecordListView):
    model = Firm
    title = "律师事务所与基层法律服务所"
    template_name = "lawyers/firm_list.html"
    columns = [Column("service_org__name", "机构名称", link=True), Column("form"),
               Column("service_org__credit_code", "统一社会信用代码"), Column("director"), Column("partners"),
               Column("address")]
    search_fields = ["service_org__name", "service_org__credit_code"]
    search_placeholder = "机构名称或统一社会信用代码"
    filters = [ChoiceFilter("form")]
    default_sort = ["service_org__name"]
    detail_url_name = "lawyers:firm_detail"


class FirmDetail(RecordDetailView):
    model = Firm
    template_name = "lawyers/firm_detail.html"
    list_url_name = "lawyers:firm_list"
    fields = [Column("service_org__name", "机构名称"), Column("form"), Column("service_org__credit_code", "统一社会信用代码"),
              Column("director"), Column("partners"), Column("address"), Column("founded_on")]

    def get_object(self, request):
        return _scoped(request, Firm, self.kwargs["pk"], ("service_org",))

    def extra_context(self, request, obj):
        return {"members": Lawyer.objects.for_user(request.user).filter(provider__service_org=obj.service_org)
                .select_related("provider"), "applications": obj.applications.all()}


class ContractList(RecordListView):
    model = CounselContract
    title = "法律顾问"
    template_name = "lawyers/contract_list.html"
    columns = [Column("client_name", link=True), Column("client_kind"), Column("adviser__provider__name", "法律顾问"),
               Column("grid"), Column("started_on"), Column("ended_on"), Column("fee")]
    search_fields = ["client_name", "adviser__provider__name", "grid"]
    search_placeholder = "服务对象、顾问或网格"
    filters = [ChoiceFilter("client_kind"), DateRangeFilter("started_on")]
    default_sort = ["-started_on"]
    detail_url_name = "lawyers:contract_detail"


class ContractDetail(RecordDetailView):
    model = CounselContract
    template_name = "lawyers/contract_detail.html"
    list_url_name = "lawyers:contract_list"
    fields = [Column("client_name"), Column("client_kind"), Column("client_credit_code"),
              Column("adviser__provider__name", "法律顾问"), Column("grid"), Column("started_on"), Column("ended_on"),
              Column("fee")]

    def get_object(self, request):
        return _scoped(request, CounselContract, self.kwargs["pk"], ("adviser__provider",))

    def extra_context(self, request, obj):
        return {"services": obj.services.all(), "evaluations": obj.evaluations.all()}


class CampaignList(RecordListView):
    model = CheckupCampaign
    title = "企业法治体检"
    template_name = "lawyers/campaign_list.html"
    columns = [Column("name", link=True), Column("started_on"), Column("ended_on")]
    search_fields = ["name"]
    default_sort = ["-started_on"]
    detail_url_name = "lawyers:campaign_detail"


class CampaignDetail(RecordDetailView):
    model = CheckupCampaign
    template_name = "lawyers/campaign_detail.html"
    list_url_name = "lawyers:campaign_list"
    fields = [Column("name"), Column("started_on"), Column("ended_on")]

    def get_object(self, request):
        return _scoped(request, CheckupCampaign, self.kwargs["pk"])

    def extra_context(self, request, obj):
        visits = list(obj.visits.select_related("team__firm"))
        totals = {k: sum(getattr(v, k) for v in visits) for k in ("consultations", "problems", "contracts", "opinions")}
        return {"teams": obj.teams.select_related("firm").prefetch_related("lawyers__provider"), "visits": visits,
                "totals": totals, "firms": len({v.firm_id for v in visits})}


class DutyList(RecordListView):
    model = DutyTurn
    title = "律师信访值班"
    template_name = "lawyers/duty_list.html"
    columns = [Column("on_date"), Column("lawyer__provider__name", "值班律师"), Column("place"), Column("visitors"),
               Column("consultations"), Column("matters")]
    search_fields = ["lawyer__provider__name"]
    filters = [DateRangeFilter("on_date")]
    default_sort = ["-on_date"]


class ComplaintList(RecordListView):
    model = Complaint
    title = "投诉处理"
    columns = [Column("lawyer__provider__name", "被投诉人"), Column("complainant"), Column("received_on"),
               Column("due_on"), Column("status"), Column("closed_on"), Column("outcome")]
    search_fields = ["lawyer__provider__name", "complainant"]
    filters = [ChoiceFilter("status"), ChoiceFilter("outcome"), DateRangeFilter("received_on")]
    default_sort = ["-received_on"]


# --- create pages (each calls one action) ------------------------------------------------------------------------


def firm_create(request):
    _require_write(request)
    form = f.FirmCreateForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call().get_absolute_url(), title="登记律师事务所（法律服务所）",
                     back=reverse("lawyers:firm_list"), success="已登记。")


def lawyer_create(request):
    _require_write(request)
    form = f.LawyerCreateForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call().get_absolute_url(), title="登记执业人员",
                     back=reverse("lawyers:lawyer_list"), success="已登记，法律援助指派名单同步可见。",
                     intro="律师只能在一个律师事务所执业；已在法律援助名单中的人员按执业证号合并，不重复登记。")


def contract_create(request):
    _require_write(request)
    form = f.ContractCreateForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call().get_absolute_url(), title="登记法律顾问合同",
                     back=reverse("lawyers:contract_list"), success="已登记法律顾问合同。")


def _on_record(request, model, pk, form, call, *, title: str, success: str, back=None, related=()):
    """A page that runs one action on one record in the user's scope and goes back to `back` (the record)."""
    _require_write(request)
    obj = _scoped(request, model, pk, related)
    back = back(obj) if back else obj.get_absolute_url()

    def handler(data):
        call(obj, dict(data))
        return back

    return form_page(request, form(request.POST or None), handler, title=f"{title}：{obj}", back=back,
                     success=success)


def contract_service(request, pk):
    return _on_record(request, CounselContract, pk, f.ServiceForm,
                      lambda c, data: actions.record_service(request.user, c, **data), title="登记顾问服务",
                      success="已登记服务记录。")


def contract_evaluate(request, pk):
    return _on_record(request, CounselContract, pk, f.EvaluationForm,
                      lambda c, data: actions.evaluate_contract(request.user, c, **data), title="顾问年度考评",
                      success="已登记年度考评。")


def campaign_create(request):
    _require_write(request)
    form = f.CampaignForm(request.POST or None)
    return form_page(request, form, lambda data: actions.open_campaign(
        request.user, org=bureau_of(request.user.org), **data).get_absolute_url(), title="开展企业法治体检活动",
        back=reverse("lawyers:campaign_list"), success="已建立体检活动，请组建走访团队。")


def team_create(request, pk):
    _require_write(request)
    campaign = _scoped(request, CheckupCampaign, pk)
    form = f.TeamForm(request.POST or None, user=request.user)

    def handler(data):
        actions.form_team(request.user, campaign, **data)
        return campaign.get_absolute_url()

    return form_page(request, form, handler, title=f"组建走访团队：{campaign.name}", back=campaign.get_absolute_url(),
                     success="已组建团队。")


def visit_create(request, pk):
    _require_write(request)
    campaign = _scoped(request, CheckupCampaign, pk)
    form = f.VisitForm(request.POST or None, campaign=campaign)

    def handler(data):
        data = dict(data)
        actions.record_visit(request.user, data.pop("team"), **data)
        return campaign.get_absolute_url()

    return form_page(request, form, handler, title=f"登记企业体检：{campaign.name}", back=campaign.get_absolute_url(),
                     success="已登记企业体检，可下载体检报告。")


def visit_report(request, pk):
    visit = _scoped(request, CheckupVisit, pk, ("campaign", "team__firm"))
    return docx_response(*documents.checkup_report(request.user, visit))


def duty_create(request):
    _require_write(request)
    form = f.DutyForm(request.POST or None, user=request.user)

    def handler(data):
        data = dict(data)
        actions.record_duty(request.user, data.pop("lawyer"), org=bureau_of(request.user.org), **data)
        return reverse("lawyers:duty_list")

    return form_page(request, form, handler, title="登记信访值班", back=reverse("lawyers:duty_list"),
                     success="已登记值班。")


def complaint_create(request, pk):
    return _on_record(request, Lawyer, pk, f.ComplaintForm,
                      lambda x, data: actions.receive_complaint(request.user, x, **data), title="受理投诉",
                      success="已受理投诉，请在办理期限内办结。", related=("provider",))


def complaint_close(request, pk):
    return _on_record(request, Complaint, pk, f.CloseComplaintForm,
                      lambda c, data: actions.close_complaint(request.user, c, **data), title="办结投诉",
                      success="已办结投诉。", back=lambda c: c.lawyer.get_absolute_url(), related=("lawyer__provider",))
