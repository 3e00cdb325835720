"""Staff pages of 社区矫正 and 安置帮教. Thin: lists and details over core.listing, steps over core.steps, every
change through actions.py / aftercare.py. Only corrections roles open these pages (access.py); anyone else gets
403 and a "denied" audit row, and a record outside one's scope answers 404."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sifa.core.access import forbid
from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.steps import StepDetailView, form_page

from . import access, rules, supervision, worklist
from . import forms as f
from . import workflow as workflows
from .models import (
    OPEN_STATUSES,
    REVOCATION_KINDS,
    Absconding,
    ElectronicMonitor,
    FileReview,
    Investigation,
    LeaveRequest,
    ReleasedPerson,
    RewardSanction,
    Subject,
)


def _deny(request, model, reason: str):
    forbid(model, reason, "社区矫正和安置帮教信息仅限社区矫正工作人员和局领导查看。")


class CorrectionsAccess:
    """Pages for corrections roles only (criminal-record data)."""

    def check_capability(self, request) -> None:
        if not access.can_read(request.user):
            _deny(request, self.model, "非社区矫正角色")


class CorrectionsList(CorrectionsAccess, RecordListView):
    def can_export(self, request) -> bool:
        return access.can_write(request.user) and super().can_export(request)

    def extra_context(self, request):
        return {"can_write": access.can_write(request.user)}


class CorrectionsDetail(CorrectionsAccess, StepDetailView):
    template_name = "core/step_detail.html"
    write_capability = "read_records"  # the actions decide who may take which step (officer, county, head)

    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "today": timezone.localdate()}


# --- subjects -------------------------------------------------------------------------------------------------


class SubjectList(CorrectionsList):
    model = Subject
    title = "社区矫正对象"
    template_name = "corrections/subject_list.html"
    columns = [Column("number", "档案编号", link=True), Column("name"), Column("sex"), Column("category"),
               Column("level"), Column("status"), Column("org__name", "执行地司法所"), Column("period_start"),
               Column("period_end"), Column("worker__full_name", "责任人")]
    search_fields = ["number", "name", "id_number"]
    search_placeholder = "档案编号、姓名或完整身份证号码"
    filters = [ChoiceFilter("status"), ChoiceFilter("category"), ChoiceFilter("level"), ChoiceFilter("sex"),
               ChoiceFilter("minor"), DateRangeFilter("period_end"), OrgFilter()]
    default_sort = ["-reported_on"]
    detail_url_name = "corrections:subject_detail"
    ledger_kind = "corrections_subjects"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("org", "worker")


class SubjectDetail(CorrectionsDetail):
    workflow = workflows.SUBJECT
    model = Subject
    template_name = "corrections/subject_detail.html"
    list_url_name = "corrections:subject_list"
    step_url_name = "corrections:subject_step"
    fields = [
        Column("status"), Column("name"), Column("sex"), Column("id_number"), Column("birth_date"), Column("minor"),
        Column("mobile"), Column("address"), Column("category"), Column("outside_reason"), Column("crime"),
        Column("sentence"), Column("judgement_no"), Column("prohibitions"), Column("authority"),
        Column("effective_on"), Column("notice_on"), Column("documents_on"), Column("term_text", "矫正期限"), Column("period_start"), Column("period_end"),
        Column("report_due"), Column("reported_on"), Column("announced_on"), Column("level"), Column("grid"),
        Column("worker__full_name", "责任工作人员"), Column("org__name", "执行地司法所"), Column("reoffended_on"),
        Column("exit_kind"), Column("exited_on"), Column("certificate_no"), Column("exit_basis"), Column("notified_on"),
    ]

    def get_title(self, obj):
        return f"{obj.name} {obj.number}"

    def get_object(self, request):
        return get_scoped_or_404(self.scope_queryset(request).select_related("org", "worker"), Subject,
                                 self.kwargs["pk"])


    def extra_context(self, request, obj):
        return {
            **super().extra_context(request, obj), "subject": obj, "rules": rules,
            "team": obj.team.all(), "supervision": supervision.rows_for(obj),
            "leaves": obj.leaves.all()[:10], "monitors": obj.monitors.all(), "sanctions": obj.sanctions.all(),
            "abscondings": obj.abscondings.all(), "reviews": obj.file_reviews.all(),
            "changes": obj.residence_changes.all(), "next_due": worklist.next_due(obj),
        }


def subject_create(request):
    if not access.can_write(request.user):
        _deny(request, Subject, "非社区矫正工作人员")
    form = f.SubjectForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call(data).get_absolute_url(), title="接收登记社区矫正对象",
                     back=reverse("corrections:subject_list"), success="已接收登记，请督促其按期报到。",
                     intro="依据决定机关送达的法律文书登记；矫正期限按生效日期和期限自动计算，报到期限为生效之日起十日。")


# --- 调查评估 -----------------------------------------------------------------------------------------------------


class InvestigationList(CorrectionsList):
    model = Investigation
    title = "调查评估"
    template_name = "corrections/investigation_list.html"
    columns = [Column("number", "编号", link=True), Column("person_name"), Column("proposed_category"),
               Column("commissioner"), Column("received_on"), Column("urgent"), Column("due_on"), Column("status"),
               Column("opinion"), Column("completed_on"), Column("org__name", "承办司法所")]
    search_fields = ["number", "person_name", "id_number"]
    filters = [ChoiceFilter("status"), ChoiceFilter("opinion"), ChoiceFilter("urgent"),
               DateRangeFilter("received_on"), OrgFilter()]
    default_sort = ["-received_on"]
    detail_url_name = "corrections:investigation_detail"
    ledger_kind = "corrections_investigations"


class InvestigationDetail(CorrectionsDetail):
    workflow = workflows.INVESTIGATION
    model = Investigation
    list_url_name = "corrections:investigation_list"
    step_url_name = "corrections:investigation_step"
    fields = [Column("number"), Column("status"), Column("commissioner_kind"), Column("commissioner"),
              Column("commission_no"), Column("received_on"), Column("urgent"), Column("due_on"),
              Column("person_name"), Column("id_number"), Column("crime"), Column("proposed_category"),
              Column("opinion"), Column("completed_on"), Column("late", "逾期"), Column("findings"),
              Column("investigators"), Column("org__name", "承办司法所")]


def investigation_create(request):
    if not access.can_write(request.user):
        _deny(request, Investigation, "非社区矫正工作人员")
    form = f.InvestigationForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call(data).get_absolute_url(), title="登记调查评估委托",
                     back=reverse("corrections:investigation_list"), success="已登记，请在期限内出具评估意见。",
                     intro="评估意见应在收到委托之日起十个工作日内出具，速裁案件五个工作日。")


# --- leave, monitors, sanctions, missing, reviews -----------------------------------------------------------------


class LeaveList(CorrectionsList):
    model = LeaveRequest
    title = "外出请假"
    columns = [Column("subject__name", "对象", link=True), Column("kind"), Column("destination"),
               Column("start_on"), Column("end_on"), Column("days"), Column("status"), Column("decision_level"),
               Column("requested_on"), Column("org__name", "司法所")]
    filters = [ChoiceFilter("status"), ChoiceFilter("kind"), DateRangeFilter("start_on"), OrgFilter()]
    search_fields = ["subject__name", "destination"]
    default_sort = ["-requested_on"]
    detail_url_name = "corrections:leave_detail"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("subject", "org")


class LeaveDetail(CorrectionsDetail):
    workflow = workflows.LEAVE
    model = LeaveRequest
    list_url_name = "corrections:leave_list"
    step_url_name = "corrections:leave_step"
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("destination"), Column("reason"),
              Column("start_on"), Column("end_on"), Column("days"), Column("requested_on"), Column("status"),
              Column("review_opinion"), Column("reviewed_on"), Column("decision_level"), Column("decided_on"),
              Column("opinion"), Column("returned_on")]


class MonitorList(CorrectionsList):
    model = ElectronicMonitor
    title = "电子定位"
    columns = [Column("subject__name", "对象", link=True), Column("situation"), Column("status"),
               Column("proposed_on"), Column("approved_on"), Column("start_on"), Column("end_on"),
               Column("org__name", "司法所")]
    filters = [ChoiceFilter("status"), ChoiceFilter("situation"), OrgFilter()]
    default_sort = ["-proposed_on"]
    detail_url_name = "corrections:monitor_detail"


class MonitorDetail(CorrectionsDetail):
    workflow = workflows.MONITOR
    model = ElectronicMonitor
    template_name = "corrections/monitor_detail.html"
    list_url_name = "corrections:monitor_list"
    step_url_name = "corrections:monitor_step"
    fields = [Column("subject__name", "社区矫正对象"), Column("situation"), Column("facts"), Column("months"),
              Column("proposed_on"), Column("status"), Column("approved_on"), Column("start_on"), Column("end_on"),
              Column("ended_on"), Column("end_reason")]


    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "renewals": obj.renewals.all()}


class SanctionList(CorrectionsList):
    model = RewardSanction
    title = "考核奖惩"
    columns = [Column("subject__name", "对象", link=True), Column("kind"), Column("status"), Column("proposed_on"),
               Column("decided_on"), Column("submitted_to"), Column("ruling_due"), Column("ruled_on"),
               Column("org__name", "司法所")]
    filters = [ChoiceFilter("kind"), ChoiceFilter("status"), DateRangeFilter("decided_on"), OrgFilter()]
    default_sort = ["-proposed_on"]
    detail_url_name = "corrections:sanction_detail"


class SanctionDetail(CorrectionsDetail):
    workflow = workflows.SANCTION
    model = RewardSanction
    list_url_name = "corrections:sanction_list"
    step_url_name = "corrections:sanction_step"
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("ground_label", "依据情形"),
              Column("facts"), Column("proposed_on"), Column("status"), Column("decided_on"), Column("document_no"),
              Column("submitted_to"), Column("ruling_due"), Column("ruled_on"), Column("ruling_no"), Column("note")]


class AbscondingList(CorrectionsList):
    model = Absconding
    title = "失联查找"
    columns = [Column("subject__name", "对象", link=True), Column("lost_on"), Column("status"),
               Column("police_requested_on"), Column("police_station"), Column("found_on"), Column("closed_on"),
               Column("org__name", "司法所")]
    filters = [ChoiceFilter("status"), DateRangeFilter("lost_on"), OrgFilter()]
    default_sort = ["-lost_on"]
    detail_url_name = "corrections:absconding_detail"


class AbscondingDetail(CorrectionsDetail):
    workflow = workflows.ABSCONDING
    model = Absconding
    list_url_name = "corrections:absconding_list"
    step_url_name = "corrections:absconding_step"
    fields = [Column("subject__name", "社区矫正对象"), Column("lost_on"), Column("circumstances"), Column("status"),
              Column("police_requested_on"), Column("police_station"), Column("police_reply"), Column("found_on"),
              Column("found_how"), Column("days_lost", "脱管天数"), Column("closed_on"), Column("handling")]


class ReviewList(CorrectionsList):
    model = FileReview
    title = "卷宗评查"
    columns = [Column("subject__name", "对象", link=True), Column("kind"), Column("reviewed_on"), Column("result"),
               Column("status"), Column("rectify_by"), Column("rectified_on"), Column("org__name", "司法所")]
    filters = [ChoiceFilter("kind"), ChoiceFilter("result"), ChoiceFilter("status"), DateRangeFilter("reviewed_on"),
               OrgFilter()]
    default_sort = ["-reviewed_on"]
    detail_url_name = "corrections:review_detail"


class ReviewDetail(CorrectionsDetail):
    workflow = workflows.FILE_REVIEW
    model = FileReview
    template_name = "corrections/review_detail.html"
    list_url_name = "corrections:review_list"
    step_url_name = "corrections:review_step"
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("reviewed_on"), Column("reviewers"),
              Column("result"), Column("findings"), Column("status"), Column("rectify_by"), Column("rectified_on"),
              Column("rectification")]


    def extra_context(self, request, obj):
        items = [(label, obj.items.get(code, "")) for code, label in rules.FILE_CHECKLIST]
        return {**super().extra_context(request, obj), "checklist": items}


# --- 安置帮教 ---------------------------------------------------------------------------------------------------


class ReleasedList(CorrectionsList):
    model = ReleasedPerson
    title = "刑满释放人员"
    columns = [Column("name", link=True), Column("sex"), Column("prison"), Column("release_on"),
               Column("key_person"), Column("picked_up_on"), Column("linked_on"), Column("status"),
               Column("tracking_until"), Column("org__name", "司法所")]
    search_fields = ["name", "id_number"]
    filters = [ChoiceFilter("status"), ChoiceFilter("key_person"), DateRangeFilter("release_on"), OrgFilter()]
    default_sort = ["-release_on"]
    template_name = "corrections/released_list.html"
    detail_url_name = "corrections:released_detail"
    ledger_kind = "corrections_released"


class ReleasedDetail(CorrectionsDetail):
    workflow = workflows.RELEASED
    model = ReleasedPerson
    template_name = "corrections/released_detail.html"
    list_url_name = "corrections:released_list"
    step_url_name = "corrections:released_step"
    fields = [Column("name"), Column("sex"), Column("id_number"), Column("address"), Column("crime"),
              Column("sentence"), Column("prison"), Column("release_on"), Column("notice_received_on"),
              Column("key_person"), Column("picked_up_on"), Column("escorts"), Column("linked_on"),
              Column("resettled_on"), Column("tracking_until"), Column("status"), Column("reoffended_on"),
              Column("ended_on"), Column("note")]


    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "person": obj, "helpers": obj.helpers.all(),
                "resettlements": obj.resettlements.all(), "contacts": obj.contacts.all()[:20]}


def released_create(request):
    if not access.can_write(request.user):
        _deny(request, ReleasedPerson, "非社区矫正工作人员")
    form = f.ReleaseForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: form.call(data).get_absolute_url(), title="登记刑满释放人员",
                     back=reverse("corrections:released_list"), success="已登记，请做好衔接。",
                     intro="依据监狱寄送的《刑满释放人员通知书》登记；重点帮教对象须落实必接必送。")


# --- the worker's list ------------------------------------------------------------------------------------------


def today(request):
    """今日工作: reports and visits due, periods ending soon, leave waiting for approval, overdue items."""
    if not access.can_read(request.user):
        _deny(request, Subject, "非社区矫正角色")
    from sifa.core import deadlines

    groups = worklist.groups_for(request.user)
    # the 超期/临期 figures of the home page, the dashboard and the API (one function, core.deadlines)
    due = deadlines.summary_for(request.user).by_kind.get(worklist.KIND, {deadlines.OVERDUE: 0, deadlines.NEAR: 0})
    return render(request, "corrections/today.html", {"groups": groups, "today": timezone.localdate(),
                                                       "overdue_count": due[deadlines.OVERDUE],
                                                       "near_count": due[deadlines.NEAR],
                                                       "open_statuses": OPEN_STATUSES,
                                                       "revocation_kinds": REVOCATION_KINDS})
