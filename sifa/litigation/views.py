"""Staff pages of the litigation line: thin over core.listing and actions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sifa.core.listing import ChoiceFilter, Column, DateRangeFilter, RecordListView, get_scoped_or_404
from sifa.core.roles import has_capability
from sifa.core.steps import StepDetailView, form_page
from sifa.indicators.errors import IndicatorError
from sifa.reconsideration.views import docx_response

from . import bulletin
from . import forms as f
from .models import Lawsuit
from .workflow import WORKFLOW


class LawsuitList(RecordListView):
    model = Lawsuit
    title = "行政应诉案件"
    template_name = "litigation/lawsuit_list.html"
    columns = [
        Column("number", "案号", link=True), Column("level"), Column("agency__name", "被告"), Column("plaintiff"),
        Column("status"), Column("filed_on"), Column("answer_due"), Column("first_hearing_on"),
        Column("head_appeared"), Column("closed_on"), Column("outcome"), Column("lost"),
    ]
    search_fields = ["number", "plaintiff", "cause"]
    search_placeholder = "案号、原告或案由"
    filters = [ChoiceFilter("status"), ChoiceFilter("level"), ChoiceFilter("outcome"), ChoiceFilter("head_appeared"),
               ChoiceFilter("lost"), DateRangeFilter("filed_on"), DateRangeFilter("closed_on")]
    default_sort = ["-filed_on"]
    detail_url_name = "litigation:lawsuit_detail"
    ledger_kind = "litigation_lawsuits"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("agency")


class LawsuitDetail(StepDetailView):
    model = Lawsuit
    workflow = WORKFLOW
    template_name = "litigation/lawsuit_detail.html"
    list_url_name = "litigation:lawsuit_list"
    step_url_name = "litigation:lawsuit_step"
    fields = [
        Column("number"), Column("level"), Column("court"), Column("status"), Column("plaintiff"), Column("cause"),
        Column("agency__name", "被告"), Column("filed_on"), Column("notice_received_on"), Column("answer_due"),
        Column("answered_on"), Column("agent"), Column("first_hearing_on"), Column("head_appeared"),
        Column("head_name"), Column("head_post"), Column("closed_on"), Column("outcome"), Column("lost"),
        Column("served_on"), Column("appeal_due"), Column("previous__number", "原审案号"),
        Column("reconsideration__number", "关联复议案件"), Column("performed_on"), Column("rectified_on"),
        Column("rectification"),
    ]

    def get_title(self, obj):
        return obj.number

    def get_object(self, request):
        queryset = self.scope_queryset(request).select_related("agency", "org", "previous", "reconsideration")
        return get_scoped_or_404(queryset, Lawsuit, self.kwargs["pk"])

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context.update(defendants=list(obj.defendants.select_related("agency")), hearings=list(obj.hearings.all()))
        return context


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理行政应诉业务。")


def lawsuit_create(request):
    _require_write(request)
    form = f.RegisterForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("litigation:lawsuit_detail", args=[form.call().pk]),
                     title="登记行政诉讼案件", back=reverse("litigation:lawsuit_list"),
                     success="已登记。答辩期限为收到应诉通知之日起十五日。")


def bulletin_page(request):
    """行政应诉季度通报: choose the quarter, get the .docx of the user's own unit."""
    if not has_capability(request.user, "read_records"):
        raise PermissionDenied("您的角色不能查看行政应诉通报。")
    form = f.BulletinForm(request.POST or None)

    def handler(data):
        raise _Download(bulletin.build(request.user, request.user.org, data["year"], int(data["quarter"])))

    try:
        return form_page(request, form, handler, title="行政应诉季度通报", back=reverse("litigation:lawsuit_list"),
                         button="生成通报（.docx）",
                         intro="按被告单位统计本季度收案、开庭审理、负责人出庭应诉、审结和败诉情况，数字与统计指标一致。")
    except _Download as done:
        return docx_response(*done.document)
    except IndicatorError as exc:
        raise PermissionDenied(str(exc))


class _Download(Exception):
    """Carries the finished document out of form_page's success path (which would redirect)."""

    def __init__(self, document):
        super().__init__("download")
        self.document = document
