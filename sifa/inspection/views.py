"""Staff pages of the 法治督察 line: thin over core.listing, core.steps and actions.py."""

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
from sifa.core.steps import StepDetailView, form_page

from . import forms as f
from .models import DutyMeeting, DutyReport, Finding, Inspection
from .workflow import FINDING, INSPECTION


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理法治督察业务。")


class InspectionList(RecordListView):
    model = Inspection
    title = "法治督察"
    template_name = "inspection/inspection_list.html"
    columns = [Column("number", "督察编号", link=True), Column("kind"), Column("subject_name", "督察对象"),
               Column("topic"), Column("status"), Column("planned_on"), Column("started_on"),
               Column("feedback_on"), Column("closed_on")]
    search_fields = ["number", "topic", "township__name", "agency__name"]
    search_placeholder = "编号、主题或督察对象"
    filters = [ChoiceFilter("kind"), ChoiceFilter("subject_kind"), ChoiceFilter("status"),
               DateRangeFilter("started_on")]
    default_sort = ["-planned_on"]
    detail_url_name = "inspection:inspection_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("township", "agency")


class InspectionDetail(StepDetailView):
    model = Inspection
    workflow = INSPECTION
    template_name = "inspection/inspection_detail.html"
    list_url_name = "inspection:inspection_list"
    step_url_name = "inspection:inspection_step"
    fields = [Column("number", "督察编号"), Column("kind"), Column("subject_kind"), Column("subject_name", "督察对象"),
              Column("topic"), Column("status"), Column("planned_on"), Column("started_on"), Column("ended_on"),
              Column("feedback_on"), Column("leader"), Column("inspectors"), Column("closed_on")]

    def get_title(self, obj):
        return f"{obj.number} {obj.subject_name}"

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context["findings"] = list(obj.findings.all())
        return context


def inspection_create(request):
    _require_write(request)
    form = f.InspectionForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("inspection:inspection_detail", args=[form.call().pk]),
                     title="列入法治督察计划", back=reverse("inspection:inspection_list"),
                     success="已列入督察计划。进驻后请登记发现的问题。")


class FindingList(RecordListView):
    model = Finding
    title = "督察问题整改"
    columns = [Column("inspection__number", "督察编号"), Column("description", link=True), Column("category"),
               Column("status"), Column("found_on"), Column("due_on"), Column("rectified_on"),
               Column("rectified_late"), Column("rechecked_on"), Column("confirmed")]
    search_fields = ["description", "inspection__number", "result"]
    search_placeholder = "问题描述或督察编号"
    filters = [ChoiceFilter("status"), ChoiceFilter("category"), ChoiceFilter("confirmed"),
               DateRangeFilter("found_on"), DateRangeFilter("due_on")]
    default_sort = ["due_on"]
    detail_url_name = "inspection:finding_detail"
    ledger_kind = "inspection_findings"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("inspection")


class FindingDetail(StepDetailView):
    model = Finding
    workflow = FINDING
    template_name = "inspection/finding_detail.html"
    list_url_name = "inspection:finding_list"
    step_url_name = "inspection:finding_step"
    fields = [Column("inspection__number", "督察编号"), Column("description"), Column("category"), Column("status"),
              Column("found_on"), Column("due_on"), Column("overdue_on"), Column("rectified_on"), Column("result"),
              Column("rectified_late"), Column("rechecked_on"), Column("confirmed")]

    def get_title(self, obj):
        return f"{obj.inspection.number} 问题：{obj}"

    def get_object(self, request):
        return get_scoped_or_404(self.scope_queryset(request).select_related("inspection"), Finding, self.kwargs["pk"])

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context["rechecks"] = list(obj.rechecks.all())
        return context


class MeetingList(RecordListView):
    model = DutyMeeting
    title = "述法会议"
    template_name = "inspection/meeting_list.html"
    columns = [Column("name", link=True), Column("held_on"), Column("host")]
    search_fields = ["name", "host"]
    search_placeholder = "会议名称或主持人"
    filters = [DateRangeFilter("held_on")]
    default_sort = ["-held_on"]
    detail_url_name = "inspection:meeting_detail"


class MeetingDetail(RecordDetailView):
    model = DutyMeeting
    template_name = "inspection/meeting_detail.html"
    list_url_name = "inspection:meeting_list"
    fields = [Column("name"), Column("held_on"), Column("host"), Column("note")]

    def extra_context(self, request, obj):
        return {"reports": list(obj.reports.select_related("township", "agency")),
                "can_write": has_capability(request.user, "write_records")}


def meeting_create(request):
    _require_write(request)
    form = f.MeetingForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("inspection:meeting_detail", args=[form.call().pk]),
                     title="登记述法会议", back=reverse("inspection:meeting_list"), success="已登记述法会议，请登记述法人。")


def report_create(request, pk):
    _require_write(request)
    meeting = get_scoped_or_404(DutyMeeting.objects.for_user(request.user), DutyMeeting, pk)
    form = f.ReportForm(request.POST or None, user=request.user, meeting=meeting)
    back = reverse("inspection:meeting_detail", args=[meeting.pk])
    return form_page(request, form, lambda data: (form.call(), back)[1], title=f"登记述法：{meeting.name}", back=back,
                     success="已登记述法。")


class ReportList(RecordListView):
    model = DutyReport
    title = "述法"
    columns = [Column("held_on"), Column("meeting__name", "述法会议"), Column("unit_name", "单位"),
               Column("reporter"), Column("post"), Column("assessment")]
    search_fields = ["reporter", "meeting__name", "township__name", "agency__name"]
    filters = [ChoiceFilter("assessment"), ChoiceFilter("subject_kind"), DateRangeFilter("held_on")]
    default_sort = ["-held_on"]
    ledger_kind = "inspection_duty_reports"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("meeting", "township", "agency")
