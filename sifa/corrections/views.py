"""Staff pages of 社区矫正 and 安置帮教. Thin: lists and details over core.listing, steps over core.steps, every
change through actions.py / aftercare.py. Only corrections roles open these pages (access.py); anyone else gets
403 and a "denied" audit row, and a record outside one's scope answers 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sifa.core import audit
from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.models.audit import AuditEventType
from sifa.core.steps import Step, StepDetailView, form_page

from . import access, rules, supervision, worklist
from . import forms as f
from .models import (
    OPEN_STATUSES,
    REVOCATION_KINDS,
    SUBMITTED_KINDS,
    Absconding,
    AbscondingStatus,
    ChangeStatus,
    ElectronicMonitor,
    FileReview,
    Investigation,
    InvestigationStatus,
    LeaveRequest,
    LeaveStatus,
    MonitorStatus,
    ReleasedPerson,
    ReleaseStatus,
    ReviewStatus,
    RewardSanction,
    SanctionStatus,
    Subject,
    SubjectStatus,
)


def _deny(request, model, reason: str):
    audit.record(AuditEventType.DENIED, object_type=model._meta.label_lower, verb="访问", outcome="failure",
                 reason=reason)
    raise PermissionDenied("社区矫正和安置帮教信息仅限社区矫正工作人员和局领导查看。")


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


SUBJECT_STEPS = {
    "report_in": Step("报到接收", f.ReportInForm, "已报到接收。"),
    "announce": Step("入矫宣告", f.AnnounceForm, "已宣告。"),
    "team": Step("确定矫正小组", f.TeamForm, "矫正小组已确定。"),
    "plan": Step("制定矫正方案", f.PlanForm, "矫正方案已保存。"),
    "assign": Step("确定责任人和网格", f.AssignForm, "已确定责任人和网格。"),
    "classify": Step("调整管理类别", f.ClassifyForm, "管理类别已调整。"),
    "report": Step("登记定期报告", f.ReportForm, "定期报告已登记。"),
    "visit": Step("登记走访", f.VisitForm, "走访已登记。"),
    "education": Step("登记教育学习、公益活动", f.EducationForm, "已登记。"),
    "check": Step("登记信息化核查", f.CheckForm, "信息化核查已登记。"),
    "leave": Step("外出请假申请", f.LeaveForm, "外出申请已登记，待审批。"),
    "residence": Step("变更执行地申请", f.ResidenceForm, "变更执行地申请已登记，待县级审批。"),
    "residence_decide": Step("审批变更执行地", f.ResidenceDecideForm, "已审批。"),
    "monitor": Step("提出使用电子定位装置", f.MonitorProposeForm, "已提出，待县级司法行政部门负责人批准。"),
    "sanction": Step("提出考核奖惩", f.SanctionForm, "已提出，待县级决定。"),
    "missing": Step("登记失联", f.MissingForm, "已登记失联，请立即组织查找。"),
    "reoffence": Step("登记再犯罪", f.ReoffenceForm, "已登记再犯罪。"),
    "review": Step("卷宗评查", f.FileReviewForm, "评查结果已登记。"),
    "edit": Step("修改基本信息", f.EditSubjectForm, "已修改。"),
    "discharge": Step("解矫宣告（终止）", f.DischargeForm, "已办理。"),
}


class SubjectDetail(CorrectionsDetail):
    model = Subject
    template_name = "corrections/subject_detail.html"
    list_url_name = "corrections:subject_list"
    step_url_name = "corrections:subject_step"
    steps = SUBJECT_STEPS
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

    def available_steps(self, obj) -> list[str]:
        user = self.request.user
        if not access.can_write(user):
            return []
        county = access.is_county_level(user)
        if obj.status == SubjectStatus.PENDING:
            steps = ["report_in", "edit"]
        elif obj.status == SubjectStatus.ACTIVE:
            steps = (["announce"] if not obj.announced_on else []) + [
                "report", "visit", "education", "check", "leave", "team", "plan", "assign", "classify", "sanction",
                "monitor", "missing", "residence", "reoffence", "review", "edit"]
            if county and obj.residence_changes.filter(status=ChangeStatus.PENDING).exists():
                steps.insert(0, "residence_decide")
        elif obj.status == SubjectStatus.MISSING:
            steps = ["visit", "check", "sanction", "monitor", "reoffence", "review"]
        else:
            return ["review"]
        if county:
            steps.append("discharge")
        return steps

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
    model = Investigation
    list_url_name = "corrections:investigation_list"
    step_url_name = "corrections:investigation_step"
    steps = {"complete": Step("出具评估意见", f.CompleteInvestigationForm, "评估意见已登记。")}
    fields = [Column("number"), Column("status"), Column("commissioner_kind"), Column("commissioner"),
              Column("commission_no"), Column("received_on"), Column("urgent"), Column("due_on"),
              Column("person_name"), Column("id_number"), Column("crime"), Column("proposed_category"),
              Column("opinion"), Column("completed_on"), Column("late", "逾期"), Column("findings"),
              Column("investigators"), Column("org__name", "承办司法所")]

    def available_steps(self, obj):
        return ["complete"] if obj.status == InvestigationStatus.OPEN and access.can_write(self.request.user) else []


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
    model = LeaveRequest
    list_url_name = "corrections:leave_list"
    step_url_name = "corrections:leave_step"
    steps = {"review": Step("司法所初审", f.LeaveReviewForm, "初审意见已登记。"),
             "decide": Step("审批", f.LeaveDecideForm, "已审批。"),
             "return": Step("销假", f.LeaveReturnForm, "已销假。"),
             "withdraw": Step("撤回申请", f.LeaveWithdrawForm, "已撤回。")}
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("destination"), Column("reason"),
              Column("start_on"), Column("end_on"), Column("days"), Column("requested_on"), Column("status"),
              Column("review_opinion"), Column("reviewed_on"), Column("decision_level"), Column("decided_on"),
              Column("opinion"), Column("returned_on")]

    def available_steps(self, obj):
        user = self.request.user
        if not access.can_write(user):
            return []
        county = access.is_county_level(user)
        if obj.status == LeaveStatus.PENDING:
            return (["review"] if obj.needs_county else ["decide"]) + ["withdraw"]
        if obj.status == LeaveStatus.REVIEWED:
            return (["decide"] if county else []) + ["withdraw"]
        if obj.status == LeaveStatus.APPROVED:
            return ["return", "withdraw"]
        return []


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
    model = ElectronicMonitor
    template_name = "corrections/monitor_detail.html"
    list_url_name = "corrections:monitor_list"
    step_url_name = "corrections:monitor_step"
    steps = {"approve": Step("负责人审批", f.MonitorApproveForm, "已审批。"),
             "renew": Step("延长期限", f.MonitorRenewForm, "已延长。"),
             "end": Step("解除", f.MonitorEndForm, "已解除。")}
    fields = [Column("subject__name", "社区矫正对象"), Column("situation"), Column("facts"), Column("months"),
              Column("proposed_on"), Column("status"), Column("approved_on"), Column("start_on"), Column("end_on"),
              Column("ended_on"), Column("end_reason")]

    def available_steps(self, obj):
        user = self.request.user
        head = user.role in access.APPROVER_ROLES and access.is_county_level(user)
        if obj.status == MonitorStatus.PROPOSED:
            return ["approve"] if head else []
        if obj.status == MonitorStatus.ACTIVE:
            return (["renew"] if head else []) + (["end"] if access.can_write(user) else [])
        return []

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
    model = RewardSanction
    list_url_name = "corrections:sanction_list"
    step_url_name = "corrections:sanction_step"
    steps = {"decide": Step("县级决定（提请）", f.SanctionDecideForm, "已办理。"),
             "ruling": Step("登记裁决结果", f.RulingForm, "裁决结果已登记。")}
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("ground_label", "依据情形"),
              Column("facts"), Column("proposed_on"), Column("status"), Column("decided_on"), Column("document_no"),
              Column("submitted_to"), Column("ruling_due"), Column("ruled_on"), Column("ruling_no"), Column("note")]

    def available_steps(self, obj):
        user = self.request.user
        if not (access.can_write(user) and access.is_county_level(user)):
            return []
        if obj.status == SanctionStatus.PROPOSED:
            return ["decide"]
        if obj.status == SanctionStatus.SUBMITTED and obj.kind in SUBMITTED_KINDS:
            return ["ruling"]
        return []


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
    model = Absconding
    list_url_name = "corrections:absconding_list"
    step_url_name = "corrections:absconding_step"
    steps = {"police": Step("提请公安机关协查（警矫联动）", f.PoliceForm, "已提请公安机关协查。"),
             "found": Step("登记查找到", f.FoundForm, "已登记查找到。"),
             "close": Step("办结", f.CloseAbscondingForm, "已办结。")}
    fields = [Column("subject__name", "社区矫正对象"), Column("lost_on"), Column("circumstances"), Column("status"),
              Column("police_requested_on"), Column("police_station"), Column("police_reply"), Column("found_on"),
              Column("found_how"), Column("days_lost", "脱管天数"), Column("closed_on"), Column("handling")]

    def available_steps(self, obj):
        if not access.can_write(self.request.user):
            return []
        if obj.status == AbscondingStatus.SEARCHING:
            return ([] if obj.police_requested_on else ["police"]) + ["found"]
        return ["close"] if obj.status == AbscondingStatus.FOUND else []


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
    model = FileReview
    template_name = "corrections/review_detail.html"
    list_url_name = "corrections:review_list"
    step_url_name = "corrections:review_step"
    steps = {"rectify": Step("登记整改", f.RectifyForm, "整改情况已登记。")}
    fields = [Column("subject__name", "社区矫正对象"), Column("kind"), Column("reviewed_on"), Column("reviewers"),
              Column("result"), Column("findings"), Column("status"), Column("rectify_by"), Column("rectified_on"),
              Column("rectification")]

    def available_steps(self, obj):
        return ["rectify"] if obj.status == ReviewStatus.RECTIFYING and access.can_write(self.request.user) else []

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
    model = ReleasedPerson
    template_name = "corrections/released_detail.html"
    list_url_name = "corrections:released_list"
    step_url_name = "corrections:released_step"
    steps = {"pickup": Step("必接必送", f.PickupForm, "接回情况已登记。"),
             "link": Step("衔接建档", f.LinkForm, "已衔接建档。"),
             "unlinked": Step("登记未衔接", f.UnlinkedForm, "已登记。"),
             "helpers": Step("帮教小组", f.HelpersForm, "帮教小组已确定。"),
             "resettle": Step("登记安置", f.ResettleForm, "安置情况已登记。"),
             "contact": Step("登记帮教", f.ContactForm, "帮教记录已登记。"),
             "lost": Step("登记脱管", f.LostForm, "已登记脱管。"),
             "found": Step("恢复帮教", f.FoundAgainForm, "已恢复帮教。"),
             "reoffended": Step("登记重新犯罪", f.ReoffendedForm, "已登记。"),
             "end": Step("帮教期满", f.EndTrackingForm, "已办理帮教期满。")}
    fields = [Column("name"), Column("sex"), Column("id_number"), Column("address"), Column("crime"),
              Column("sentence"), Column("prison"), Column("release_on"), Column("notice_received_on"),
              Column("key_person"), Column("picked_up_on"), Column("escorts"), Column("linked_on"),
              Column("resettled_on"), Column("tracking_until"), Column("status"), Column("reoffended_on"),
              Column("ended_on"), Column("note")]

    def available_steps(self, obj):
        if not access.can_write(self.request.user):
            return []
        if obj.status in (ReleaseStatus.NOTIFIED, ReleaseStatus.UNLINKED):
            pickup = ["pickup"] if obj.key_person and not obj.picked_up_on else []
            return pickup + ["link"] + (["unlinked"] if obj.status == ReleaseStatus.NOTIFIED else [])
        if obj.status == ReleaseStatus.LINKED:
            return ["contact", "resettle", "helpers", "lost", "reoffended", "end"]
        if obj.status == ReleaseStatus.LOST:
            return ["found", "reoffended"]
        return []

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
    groups = worklist.groups_for(request.user)
    return render(request, "corrections/today.html", {"groups": groups, "today": timezone.localdate(),
                                                       "open_statuses": OPEN_STATUSES,
                                                       "revocation_kinds": REVOCATION_KINDS})
