"""Staff pages of the legality line. Thin: parse a form, call an action, show the result."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from sifa.core import deadlines
from sifa.core.listing import ChoiceFilter, Column, DateRangeFilter, RecordListView, get_scoped_or_404
from sifa.core.roles import has_capability
from sifa.core.steps import StepDetailView, form_page
from sifa.portal.citizens import portal_view
from sifa.portal.pages import render_page

from . import actions, documents
from . import forms as f
from .models import Finding, NormativeDoc, ReviewItem
from .workflow import WORKFLOW


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理合法性审查业务。")


class ItemList(RecordListView):
    model = ReviewItem
    title = "合法性审查事项"
    columns = [Column("title", "送审事项", link=True), Column("item_type"), Column("submitter", "送审单位"),
               Column("status"), Column("submitted_on"), Column("review_due"), Column("opinion"),
               Column("opinion_on"), Column("adoption")]
    search_fields = ["title"]
    search_placeholder = "送审事项名称"
    filters = [ChoiceFilter("status"), ChoiceFilter("item_type"), ChoiceFilter("opinion"),
               DateRangeFilter("submitted_on")]
    default_sort = ["-submitted_on"]
    template_name = "legality/item_list.html"
    detail_url_name = "legality:item_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("agency", "township")


class ItemDetail(StepDetailView):
    model = ReviewItem
    workflow = WORKFLOW
    template_name = "legality/item_detail.html"
    list_url_name = "legality:item_list"
    step_url_name = "legality:item_step"
    fields = [Column("status"), Column("item_type"), Column("submitter", "送审单位"), Column("basis"),
              Column("drafting_notes"), Column("comment_done"), Column("expert_done"), Column("risk_done"),
              Column("submitted_on"), Column("received_on"), Column("review_due"), Column("reviewer_name"),
              Column("supplement_items"), Column("adviser_name"), Column("adviser_opinion"), Column("opinion"),
              Column("opinion_number"), Column("opinion_on"), Column("review_days"), Column("competition"),
              Column("adoption"), Column("adoption_note"), Column("adoption_on"), Column("return_reason"),
              Column("comment_from"), Column("comment_to"), Column("expert_on"), Column("risk_on"),
              Column("collective_on"), Column("collective_result")]

    def get_title(self, obj):
        return obj.title

    def get_object(self, request):
        queryset = self.scope_queryset(request).select_related("agency", "township", "org")
        return get_scoped_or_404(queryset, ReviewItem, self.kwargs["pk"])

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        drafts = list(obj.drafts.prefetch_related("findings"))
        due = [("合法性审查", obj.review_due, deadlines.state(obj.review_due))] \
            if obj.review_due and obj.status == "reviewing" else []
        context.update(drafts=drafts, deadlines_due=due, can_write=has_capability(request.user, "write_records"),
                       open_findings=any(f.status == "open" for d in drafts for f in d.findings.all()))
        return context


def item_create(request):
    _require_write(request)
    form = f.SubmitForm(request.POST or None, request.FILES or None, user=request.user)
    return form_page(request, form, lambda data: reverse("legality:item_detail", args=[form.call().pk]),
                     title="合法性审查送审", back=reverse("legality:item_list"),
                     success="已送审。上传的送审稿已完成机审，提示供审查人逐条判断。")


@require_POST
def finding_decide(request, pk):
    """The reviewer accepts or dismisses one machine finding (a dismissal with its reason)."""
    _require_write(request)
    finding = get_scoped_or_404(Finding.objects.for_user(request.user).select_related("draft"), Finding, pk)
    try:
        actions.decide_finding(request.user, finding, accepted=request.POST.get("decision") == "accept",
                               note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已记录对机审提示的判断。")
    return redirect(reverse("legality:item_detail", args=[finding.draft.item_id]) + f"#finding-{finding.pk}")


def opinion_document(request, pk):
    item = get_scoped_or_404(ReviewItem.objects.for_user(request.user).select_related("org", "agency", "township"),
                             ReviewItem, pk)
    if not item.opinion_on:
        raise Http404("尚未出具审查意见。")
    name, content = documents.opinion_docx(request.user, item)
    response = HttpResponse(content, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocList(RecordListView):
    model = NormativeDoc
    title = "规范性文件（三统一与备案审查）"
    columns = [Column("title", "文件名称", link=True), Column("kind"), Column("registration_number"),
               Column("issuer"), Column("published_on"), Column("filing_due"), Column("filed_on"),
               Column("conclusion"), Column("validity")]
    search_fields = ["title", "registration_number", "doc_number"]
    filters = [ChoiceFilter("kind"), ChoiceFilter("conclusion"), ChoiceFilter("validity"),
               DateRangeFilter("published_on")]
    default_sort = ["-published_on"]
    template_name = "legality/doc_list.html"
    detail_url_name = "legality:doc_detail"
    ledger_kind = "legality_documents"


DOC_STEPS = {"file": ("报备", f.FileForm, "已登记报备。"), "conclude": ("备案审查结论", f.ConcludeForm, "已登记备案审查结论。"),
             "cleanup": ("动态清理", f.CleanUpForm, "已登记清理结果。")}


class DocDetail(StepDetailView):
    model = NormativeDoc
    template_name = "legality/doc_detail.html"
    list_url_name = "legality:doc_list"
    step_url_name = "legality:doc_step"
    fields = [Column("kind"), Column("issuer"), Column("doc_number"), Column("registration_number"),
              Column("published_on"), Column("valid_until"), Column("filing_bodies"), Column("filing_due"),
              Column("filed_on"), Column("filing_complete"), Column("conclusion"), Column("conclusion_on"),
              Column("conclusion_note"), Column("validity"), Column("validity_on"), Column("validity_note")]

    def get_title(self, obj):
        return obj.title

    @property
    def steps(self):
        from sifa.core.steps import Step

        return {name: Step(title, form, done) for name, (title, form, done) in DOC_STEPS.items()}

    def available_steps(self, obj):
        names = []
        if not obj.filed_on:
            names.append("file")
        elif not obj.conclusion:
            names.append("conclude")
        if obj.validity in ("valid", "amended"):
            names.append("cleanup")
        return names


def doc_create(request):
    _require_write(request)
    form = f.DocumentForm(request.POST or None)
    return form_page(request, form, lambda data: reverse("legality:doc_detail", args=[
        actions.register_document(request.user, org=request.user.org, **data).pk]),
        title="规范性文件统一登记", back=reverse("legality:doc_list"),
        intro="登记号按本省统一格式编排（如“砀政规〔2024〕1号”），报备期限自公布之日起计算。")


@portal_view
def public_list(request):
    """The portal's list of the county's valid normative documents (有效、修改后有效, within their 有效期)."""
    docs = list(actions.public_documents()[:500])
    return render_page(request, "legality/portal_documents.html", {"docs": docs, "title": "现行有效规范性文件"})
