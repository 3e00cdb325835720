"""Staff pages of the enforcement line: thin over core.listing, core.steps and actions.py."""

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
from sifa.core.steps import Step, StepDetailView, form_page
from sifa.reconsideration.views import docx_response

from . import actions, documents
from . import forms as f
from .models import (
    Body,
    Campaign,
    ContactPoint,
    Decision,
    FileReview,
    Officer,
    Opinion,
    SpecialCheck,
    Supervisor,
)
from .workflow import CAMPAIGN, OPINION


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理行政执法监督业务。")


def _create(request, form_class, url_name, title, back, success):
    _require_write(request)
    form = form_class(request.POST or None, user=request.user)

    def handler(data):
        made = form.call()
        return reverse(url_name, args=[made.pk]) if url_name else reverse(back)

    return form_page(request, form, handler, title=title, back=reverse(back), success=success)


# ------------------------------------------------------------------------------------------ 执法主体

class BodyList(RecordListView):
    model = Body
    title = "执法主体"
    template_name = "enforcement/body_list.html"
    columns = [Column("agency__name", "执法主体", link=True), Column("kind"), Column("agency__credit_code", "统一社会信用代码"),
               Column("phone"), Column("published")]
    search_fields = ["agency__name", "agency__credit_code", "matters"]
    search_placeholder = "名称、信用代码或执法事项"
    filters = [ChoiceFilter("kind"), ChoiceFilter("published")]
    default_sort = ["agency__name"]
    detail_url_name = "enforcement:body_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("agency")


class BodyDetail(RecordDetailView):
    model = Body
    template_name = "enforcement/body_detail.html"
    list_url_name = "enforcement:body_list"
    fields = [Column("agency__name", "机关名称"), Column("agency__credit_code", "统一社会信用代码"), Column("kind"),
              Column("duties"), Column("matters"), Column("procedure"), Column("remedy"), Column("address"),
              Column("phone"), Column("liaison__name", "执法监督联络员"), Column("published")]

    def get_title(self, obj):
        return obj.name

    def extra_context(self, request, obj):
        return {"officers": obj.officers.order_by("status", "name"),
                "benchmarks": obj.benchmarks.all(), "bases_count": obj.bases.count(),
                "decisions": obj.decisions.order_by("-published_on")[:20],
                "public_url": reverse("enforcement_portal:body", args=[obj.pk])}


def body_create(request):
    return _create(request, f.BodyForm, "enforcement:body_detail", "登记执法主体", "enforcement:body_list",
                   "已登记执法主体。")


# ------------------------------------------------------------------------------------------ 执法人员

class OfficerList(RecordListView):
    model = Officer
    title = "执法人员与证件"
    template_name = "enforcement/officer_list.html"
    columns = [Column("name", link=True), Column("body__agency__name", "执法主体"), Column("cert_kind"),
               Column("cert_number"), Column("valid_until"), Column("review_due"), Column("training_hours"),
               Column("status")]
    search_fields = ["name", "cert_number", "body__agency__name"]
    search_placeholder = "姓名、证号或执法主体"
    filters = [ChoiceFilter("status"), ChoiceFilter("cert_kind"), DateRangeFilter("valid_until")]
    default_sort = ["body__agency__name", "name"]
    detail_url_name = "enforcement:officer_detail"
    ledger_kind = "enforcement_officers"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("body__agency")


class OfficerDetail(StepDetailView):
    model = Officer
    template_name = "enforcement/officer_detail.html"
    list_url_name = "enforcement:officer_list"
    step_url_name = "enforcement:officer_step"
    steps = {"verify": Step("登记审验/年审", f.VerifyForm, "已登记审验。"),
             "exam": Step("登记考试成绩", f.ExamForm, "已登记考试成绩。"),
             "status": Step("变更证件状态", f.StatusForm, "已变更证件状态。")}
    fields = [Column("name"), Column("id_number"), Column("body__agency__name", "执法主体"), Column("position"),
              Column("cert_kind"), Column("cert_number"), Column("issued_on"), Column("valid_until"),
              Column("reviewed_on"), Column("review_due"), Column("training_hours"), Column("status"),
              Column("status_reason"), Column("status_changed_on")]

    def available_steps(self, obj):
        return [] if obj.status == "revoked" else list(self.steps)

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context.update(verifications=obj.verifications.all(), exams=obj.exams.all())
        return context


def officer_create(request):
    return _create(request, f.OfficerForm, "enforcement:officer_detail", "登记执法人员", "enforcement:officer_list",
                   "已登记执法人员。")


# ---------------------------------------------------------------------------------------- 执法决定

class DecisionList(RecordListView):
    model = Decision
    title = "执法决定公示"
    template_name = "enforcement/decision_list.html"
    columns = [Column("number", link=True), Column("body__agency__name", "执法主体"), Column("category"),
               Column("title"), Column("party_name"), Column("decided_on"), Column("publish_due"),
               Column("published_on"), Column("late"), Column("channel")]
    search_fields = ["number", "title", "party_name"]
    search_placeholder = "文号、事项或当事人"
    filters = [ChoiceFilter("category"), ChoiceFilter("late"), ChoiceFilter("channel"), DateRangeFilter("published_on")]
    default_sort = ["-published_on"]
    detail_url_name = "enforcement:decision_detail"
    ledger_kind = "enforcement_decisions"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("body__agency")


class DecisionDetail(RecordDetailView):
    model = Decision
    template_name = "enforcement/decision_detail.html"
    list_url_name = "enforcement:decision_list"
    fields = [Column("number"), Column("body__agency__name", "执法主体"), Column("category"), Column("title"),
              Column("party_name"), Column("party_id_number"), Column("basis"), Column("content"),
              Column("decided_on"), Column("publish_due"), Column("published_on"), Column("late"),
              Column("legal_review"), Column("channel")]

    def extra_context(self, request, obj):
        return {"officers": obj.officers.all()}


def decision_create(request):
    return _create(request, f.DecisionForm, "enforcement:decision_detail", "公示执法决定", "enforcement:decision_list",
                   "已公示。")


# ------------------------------------------------------------------------------------------ 案卷评查

class CampaignList(RecordListView):
    model = Campaign
    title = "案卷评查"
    template_name = "enforcement/campaign_list.html"
    columns = [Column("title", link=True), Column("status"), Column("files_from"), Column("files_to"),
               Column("started_on"), Column("notice_number"), Column("notified_on")]
    search_fields = ["title", "notice_number"]
    filters = [ChoiceFilter("status")]
    default_sort = ["-started_on"]
    detail_url_name = "enforcement:campaign_detail"


class CampaignDetail(StepDetailView):
    model = Campaign
    workflow = CAMPAIGN
    template_name = "enforcement/campaign_detail.html"
    list_url_name = "enforcement:campaign_list"
    step_url_name = "enforcement:campaign_step"
    fields = [Column("title"), Column("status"), Column("sheet__name", "评分表"), Column("files_from"),
              Column("files_to"), Column("started_on"), Column("notice_number"), Column("notified_on"),
              Column("rectify_due"), Column("closed_on")]

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        summary = documents.summary(obj)
        context.update(files=obj.files.select_related("body__agency").order_by("body__agency__name", "category", "id"),
                       opening=documents.opening(obj, summary) if summary["files"] else "",
                       scoring=obj.status == "reviewing", rectifying=obj.status == "notified")
        return context


def campaign_create(request):
    return _create(request, f.CampaignForm, "enforcement:campaign_detail", "部署案卷评查", "enforcement:campaign_list",
                   "已部署评查活动，请抽取案卷。")


def _file(request, pk) -> FileReview:
    queryset = FileReview.objects.for_user(request.user).select_related("campaign__sheet", "body__agency")
    return get_scoped_or_404(queryset, FileReview, pk)


def file_score(request, pk):
    """评分 of one file: a deduction and its reason per item of the campaign's sheet."""
    _require_write(request)
    review = _file(request, pk)
    sheet = review.campaign.sheet
    form_class = f.score_form_class(sheet)
    initial = {"comments": review.comments}
    for d in review.deductions.all():
        initial[f"d_{d.item_id}"], initial[f"n_{d.item_id}"] = d.points, d.note
    form = form_class(request.POST or None, initial=initial)
    back = reverse("enforcement:campaign_detail", args=[review.campaign_id])
    return form_page(request, form, lambda data: (actions.score_file(
        request.user, review, deductions=f.deductions_from(sheet, data), reviewed_on=data["reviewed_on"],
        comments=data["comments"]) and back), title=f"评分：{review.body.name} {review.file_number}", back=back,
        success="已评分。", intro=f"满分{sheet.full_marks:g}分，{sheet.excellent_from:g}分以上优秀，{sheet.pass_from:g}分以上合格。")


def file_rectify(request, pk):
    _require_write(request)
    review = _file(request, pk)
    form = f.RectifyFileForm(request.POST or None)
    back = reverse("enforcement:campaign_detail", args=[review.campaign_id])
    return form_page(request, form, lambda data: actions.rectify_file(request.user, review, **data) and back,
                     title=f"登记整改：{review.body.name} {review.file_number}", back=back, success="已登记整改。",
                     intro=review.comments)


def campaign_notice(request, pk):
    if not has_capability(request.user, "read_records"):
        raise PermissionDenied("您的角色不能查看评查通报。")
    campaign = get_scoped_or_404(Campaign.objects.for_user(request.user).select_related("sheet", "org"), Campaign, pk)
    return docx_response(*documents.build(request.user, campaign))


# -------------------------------------------------------------------------------------- 监督意见书

class OpinionList(RecordListView):
    model = Opinion
    title = "行政执法监督意见书"
    template_name = "enforcement/opinion_list.html"
    columns = [Column("number", link=True), Column("source"), Column("body__agency__name", "被监督单位"),
               Column("subject"), Column("issued_on"), Column("due_on"), Column("status"), Column("closed_on")]
    search_fields = ["number", "subject", "body__agency__name"]
    filters = [ChoiceFilter("status"), ChoiceFilter("source"), DateRangeFilter("issued_on")]
    default_sort = ["-issued_on"]
    detail_url_name = "enforcement:opinion_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("body__agency")


class OpinionDetail(StepDetailView):
    model = Opinion
    workflow = OPINION
    template_name = "enforcement/opinion_detail.html"
    list_url_name = "enforcement:opinion_list"
    step_url_name = "enforcement:opinion_step"
    fields = [Column("number"), Column("source"), Column("body__agency__name", "被监督单位"), Column("subject"),
              Column("content"), Column("issued_on"), Column("due_on"), Column("status"),
              Column("special_check__theme", "专项监督"), Column("supervisor__name", "提出问题的监督员"),
              Column("contact_point__name", "反映问题的联系点"), Column("received_on"), Column("replied_on"),
              Column("reply"), Column("replied_late"), Column("rechecked_on"), Column("recheck_note"),
              Column("closed_on")]

    def extra_context(self, request, obj):
        from sifa.core.action_checks import today

        context = super().extra_context(request, obj)
        context["overdue"] = obj.overdue(today())
        return context


def opinion_create(request):
    return _create(request, f.OpinionForm, "enforcement:opinion_detail", "发出行政执法监督意见书",
                   "enforcement:opinion_list", "已发出监督意见书。")


# --------------------------------------------------------------------------------- 监督员、联系点、专项监督

class SupervisorList(RecordListView):
    model = Supervisor
    title = "执法监督员、联系点与专项监督"
    template_name = "enforcement/supervisor_list.html"
    columns = [Column("name"), Column("kind"), Column("employer"), Column("mobile"), Column("appointed_on"),
               Column("term_ends_on"), Column("contact_point__name", "联系点"), Column("raised", "提出意见书", sortable=False)]
    search_fields = ["name", "employer"]
    filters = [ChoiceFilter("kind")]
    default_sort = ["kind", "appointed_on"]

    def scope_queryset(self, request):
        from django.db.models import Count

        return super().scope_queryset(request).select_related("contact_point").annotate(raised=Count("opinions"))

    def extra_context(self, request):
        from django.db.models import Count

        return {"points": ContactPoint.objects.for_user(request.user).annotate(raised=Count("opinions")),
                "checks": SpecialCheck.objects.for_user(request.user).annotate(raised=Count("opinions"))[:24],
                "can_write": has_capability(request.user, "write_records")}


def supervisor_create(request):
    return _create(request, f.SupervisorForm, None, "聘任执法监督员", "enforcement:supervisor_list", "已聘任。")


def contact_point_create(request):
    return _create(request, f.ContactPointForm, None, "设立执法监督联系点", "enforcement:supervisor_list", "已设立。")


def check_create(request):
    return _create(request, f.CheckForm, None, "登记专项监督", "enforcement:supervisor_list", "已登记专项监督。")

