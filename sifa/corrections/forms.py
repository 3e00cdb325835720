"""Forms of the corrections staff pages. They only parse input (types, choices limited to the user's scope);
the rules live in actions.py / aftercare.py, whose ValidationErrors the views put back on the form."""

from __future__ import annotations

from django import forms

from sifa.core.models import OrgKind, OrgUnit, User
from sifa.core.steps import StepForm, date_field, text_area, with_blank

from . import access, actions, rules
from .actions import aftercare
from .models import (
    AuthorityKind,
    Category,
    CheckFinding,
    CheckMethod,
    Commissioner,
    EducationKind,
    ExitKind,
    LeaveKind,
    Level,
    MemberRole,
    MonitorSituation,
    Opinion,
    OutsideReason,
    ReportMethod,
    ResettlementKind,
    ReviewKind,
    SanctionKind,
    Sex,
    VisitorKind,
)

TEAM_ROWS = 5


def dated(label: str, required: bool = True, today: bool = True, help_text: str = "") -> forms.DateField:
    field = date_field(label, required=required, today=today)
    field.help_text = help_text
    return field


def choice_field(label: str, choices, required: bool = True, initial=None) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=with_blank(choices) if not required or initial is None else choices,
                             required=required, initial=initial)


def yes_no(label: str, yes: str = "同意", no: str = "不同意") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=[("1", yes), ("0", no)], coerce=lambda v: v == "1",
                                  initial="1", widget=forms.RadioSelect)


def offices_for(user):
    root = access.scope_root(user)
    if root is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=root.path, kind=OrgKind.JUSTICE_OFFICE, active=True)


def workers_for(org: OrgUnit):
    county = access.county_of(org)
    return User.objects.filter(org__path__startswith=county.path, role__in=list(access.WRITE_ROLES),
                               is_active=True).order_by("org__path", "username")


class OfficeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


# --- registration ---


class SubjectForm(StepForm):
    org = OfficeChoice(label="执行地司法所", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    category = choice_field("矫正类别", Category.choices)
    outside_reason = choice_field("暂予监外执行情形", OutsideReason.choices, required=False)
    crime = forms.CharField(label="罪名", max_length=200)
    sentence = forms.CharField(label="原判刑罚", max_length=200, help_text="如：有期徒刑三年，缓刑四年")
    authority_kind = choice_field("决定机关类别", AuthorityKind.choices)
    authority = forms.CharField(label="决定机关", max_length=100, initial="人民法院")
    judgement_no = forms.CharField(label="判决（裁定、决定）书文号", max_length=100, required=False)
    effective_on = date_field("判决（裁定、决定）生效日期", today=False)
    notice_on = date_field("收到决定机关通知日期", required=False)
    documents_on = date_field("收到法律文书日期", required=False, today=False)
    term_years = forms.IntegerField(label="矫正期限（年）", min_value=0, max_value=30, initial=0)
    term_months = forms.IntegerField(label="矫正期限（月）", min_value=0, max_value=360, initial=0)
    term_days = forms.IntegerField(label="矫正期限（日）", min_value=0, max_value=3650, initial=0)
    credited_days = forms.IntegerField(label="先行羁押折抵（日）", min_value=0, max_value=3650, initial=0,
                                       help_text="管制的先行羁押折抵，其他类别填0")
    prohibitions = text_area("禁止令", required=False)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="居住地", max_length=200, required=False)
    level = choice_field("管理类别", Level.choices, initial=Level.STRICT)
    grid = forms.CharField(label="网格", max_length=100, required=False)

    def setup(self):
        self.fields["org"].queryset = offices_for(self.user)

    def call(self, data):
        return actions.register_subject(self.user, **data)


class InvestigationForm(StepForm):
    org = OfficeChoice(label="承办司法所", queryset=OrgUnit.objects.none())
    commissioner_kind = choice_field("委托机关类别", Commissioner.choices)
    commissioner = forms.CharField(label="委托机关", max_length=100)
    commission_no = forms.CharField(label="委托函文号", max_length=100, required=False)
    received_on = date_field("收到委托日期")
    urgent = forms.BooleanField(label="速裁或紧急（五个工作日）", required=False)
    person_name = forms.CharField(label="被调查人姓名", max_length=50)
    id_number = forms.CharField(label="被调查人身份证号码", max_length=30)
    crime = forms.CharField(label="涉嫌（所犯）罪名", max_length=200, required=False)
    proposed_category = choice_field("拟适用类别", Category.choices)

    def setup(self):
        self.fields["org"].queryset = offices_for(self.user)

    def call(self, data):
        return actions.commission_investigation(self.user, **data)


class ReleaseForm(StepForm):
    org = OfficeChoice(label="户籍地（居住地）司法所", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=30)
    crime = forms.CharField(label="罪名", max_length=200)
    sentence = forms.CharField(label="原判刑罚", max_length=200, required=False)
    prison = forms.CharField(label="原服刑监所", max_length=100)
    release_on = date_field("释放日期", today=False)
    notice_received_on = date_field("收到释放通知书日期", required=False)
    key_person = forms.BooleanField(label="重点帮教对象（必接必送）", required=False)
    address = forms.CharField(label="户籍地（居住地）", max_length=200, required=False)

    def setup(self):
        self.fields["org"].queryset = offices_for(self.user)

    def call(self, data):
        return aftercare.register_release(self.user, **data)


# --- subject steps ---


class ReportInForm(StepForm):
    reported_on = date_field("报到日期")

    def call(self, data):
        return actions.record_report_in(self.user, self.obj, **data)


class AnnounceForm(StepForm):
    announced_on = date_field("宣告日期")

    def call(self, data):
        return actions.announce_intake(self.user, self.obj, **data)


class TeamForm(StepForm):
    """Up to five members; a female subject's team needs a woman (checked by the action)."""

    def setup(self):
        current = list(self.obj.team.all()) if self.obj is not None else []
        for i in range(TEAM_ROWS):
            member = current[i] if i < len(current) else None
            self.fields[f"m{i}_name"] = forms.CharField(label=f"成员{i + 1}姓名", max_length=50, required=False,
                                                        initial=member.name if member else "")
            self.fields[f"m{i}_sex"] = forms.ChoiceField(label="性别", choices=with_blank(Sex.choices), required=False,
                                                         initial=member.sex if member else "")
            self.fields[f"m{i}_role"] = forms.ChoiceField(label="身份", choices=with_blank(MemberRole.choices),
                                                          required=False, initial=member.role if member else "")
            self.fields[f"m{i}_phone"] = forms.CharField(label="联系电话", max_length=20, required=False)

    def call(self, data):
        members = [{"name": data[f"m{i}_name"], "sex": data[f"m{i}_sex"], "role": data[f"m{i}_role"],
                    "phone": data[f"m{i}_phone"]} for i in range(TEAM_ROWS)]
        return actions.set_team(self.user, self.obj, members=members)


class PlanForm(StepForm):
    plan = text_area("矫正方案", rows=5, max_length=5000)
    plan_on = date_field("制定日期")

    def setup(self):
        self.fields["plan"].initial = self.obj.plan if self.obj is not None else ""

    def call(self, data):
        return actions.set_plan(self.user, self.obj, **data)


class ClassifyForm(StepForm):
    level = choice_field("管理类别", Level.choices)
    reason = text_area("调整理由", max_length=500)

    def call(self, data):
        return actions.classify(self.user, self.obj, **data)


class AssignForm(StepForm):
    worker = forms.ModelChoiceField(label="责任工作人员", queryset=User.objects.none(), required=False)
    grid = forms.CharField(label="网格", max_length=100, required=False)

    def setup(self):
        self.fields["worker"].queryset = workers_for(self.obj.org)
        self.fields["worker"].initial = self.obj.worker_id
        self.fields["grid"].initial = self.obj.grid

    def call(self, data):
        return actions.assign_worker(self.user, self.obj, **data)


class ReportForm(StepForm):
    reported_on = date_field("报告日期")
    method = choice_field("报告方式", ReportMethod.choices, initial=ReportMethod.IN_PERSON)
    content = text_area("报告内容", required=False)

    def call(self, data):
        return actions.record_report(self.user, self.obj, **data)


class VisitForm(StepForm):
    visited_on = date_field("走访日期")
    visitor_kind = choice_field("走访人员类别", VisitorKind.choices, initial=VisitorKind.STAFF)
    visitors = forms.CharField(label="走访人员", max_length=100)
    place = forms.CharField(label="走访地点", max_length=200, required=False)
    content = text_area("走访情况")

    def call(self, data):
        return actions.record_visit(self.user, self.obj, **data)


class EducationForm(StepForm):
    held_on = date_field("日期")
    kind = choice_field("类别", EducationKind.choices)
    hours = forms.DecimalField(label="时长（小时）", max_digits=4, decimal_places=1, min_value=0)
    online = forms.BooleanField(label="线上", required=False)
    content = forms.CharField(label="内容", max_length=200)

    def call(self, data):
        return actions.record_education(self.user, self.obj, **data)


class CheckForm(StepForm):
    checked_on = date_field("核查日期")
    method = choice_field("核查方式", CheckMethod.choices)
    finding = choice_field("核查结果", CheckFinding.choices, initial=CheckFinding.NORMAL)
    note = text_area("情况说明", required=False)
    handled = forms.CharField(label="处理情况", max_length=200, required=False)

    def call(self, data):
        return actions.record_info_check(self.user, self.obj, **data)


class LeaveForm(StepForm):
    kind = choice_field("类别", LeaveKind.choices, initial=LeaveKind.TRIP)
    destination = forms.CharField(label="前往地", max_length=200)
    start_on = date_field("外出起始日", today=False)
    end_on = dated("外出截止日", today=False,
                        help_text=f"每次不超过{rules.LEAVE_MAX_DAYS}日；{rules.LEAVE_OFFICE_MAX_DAYS}日以内由司法所批准，超过的由县级批准")
    requested_on = date_field("申请日期")
    reason = text_area("事由", max_length=1000)

    def call(self, data):
        return actions.request_leave(self.user, self.obj, **data)


class ResidenceForm(StepForm):
    move_on = dated("拟迁居日期", today=False, help_text="应提前一个月申请")
    new_address = forms.CharField(label="新居住地", max_length=200)
    new_org = OfficeChoice(label="变更后司法所（本县）", queryset=OrgUnit.objects.none(), required=False)
    new_institution = forms.CharField(label="变更后社区矫正机构（外县）", max_length=100, required=False)
    requested_on = date_field("申请日期")
    reason = text_area("理由", max_length=1000)

    def setup(self):
        county = access.county_of(self.obj.org)
        self.fields["new_org"].queryset = OrgUnit.objects.filter(
            path__startswith=county.path, kind=OrgKind.JUSTICE_OFFICE, active=True).exclude(pk=self.obj.org_id)

    def call(self, data):
        return actions.request_residence_change(self.user, self.obj, **data)


class MonitorProposeForm(StepForm):
    situation = choice_field("适用情形（《社区矫正法》第二十九条）", MonitorSituation.choices)
    facts = text_area("事实和理由")
    months = forms.IntegerField(label="使用期限（月）", min_value=1, max_value=rules.MONITOR_MAX_MONTHS,
                                initial=rules.MONITOR_MAX_MONTHS, help_text="不超过三个月")
    proposed_on = date_field("提出日期")

    def call(self, data):
        return actions.propose_monitor(self.user, self.obj, **data)


class SanctionForm(StepForm):
    kind = choice_field("类别", SanctionKind.choices)
    ground = forms.ChoiceField(label="依据情形", choices=[])
    facts = text_area("事实")
    proposed_on = date_field("提出日期")

    def setup(self):
        groups = [(SanctionKind(kind).label, list(grounds)) for kind, grounds in rules.SANCTION_GROUNDS.items()]
        self.fields["ground"].choices = [("", "请选择"), *groups]

    def call(self, data):
        return actions.propose_sanction(self.user, self.obj, **data)


class MissingForm(StepForm):
    lost_on = date_field("失联日期")
    circumstances = text_area("失联情况")

    def call(self, data):
        return actions.report_missing(self.user, self.obj, **data)


class ReoffenceForm(StepForm):
    reoffended_on = date_field("再犯罪日期")
    note = text_area("情况说明", max_length=500)

    def call(self, data):
        return actions.record_reoffence(self.user, self.obj, **data)


class FileReviewForm(StepForm):
    kind = choice_field("评查类别", ReviewKind.choices, initial=ReviewKind.SELF)
    reviewed_on = date_field("评查日期")
    reviewers = forms.CharField(label="评查人", max_length=100)
    findings = text_area("发现问题", required=False)

    def setup(self):
        for code, label in rules.FILE_CHECKLIST:
            self.fields[f"item_{code}"] = forms.ChoiceField(
                label=label, choices=[(v, v) for v in rules.ITEM_VALUES], initial=rules.ITEM_GOOD)

    def call(self, data):
        items = {code: data[f"item_{code}"] for code, _ in rules.FILE_CHECKLIST}
        return actions.review_file(self.user, self.obj, kind=data["kind"], reviewed_on=data["reviewed_on"],
                                   reviewers=data["reviewers"], items=items, findings=data["findings"])


class DischargeForm(StepForm):
    kind = choice_field("解矫（终止）原因", [c for c in ExitKind.choices if c[0] != ExitKind.TRANSFERRED])
    exited_on = date_field("解矫（终止）日期")
    certificate_no = forms.CharField(label="解除社区矫正证明书编号", max_length=60, required=False,
                                     help_text="期满、赦免的必填")
    basis = forms.CharField(label="依据", max_length=200, required=False,
                            help_text="赦免、撤销、收监、死亡的，填写特赦令、裁定书或决定书文号、死亡证明等")
    notified_on = date_field("通知决定机关、检察院、公安机关日期", required=False, today=False)

    def call(self, data):
        return actions.discharge(self.user, self.obj, **data)


class EditSubjectForm(StepForm):
    name = forms.CharField(label="姓名", max_length=50)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="居住地", max_length=200, required=False)
    judgement_no = forms.CharField(label="判决（裁定、决定）书文号", max_length=100, required=False)
    prohibitions = text_area("禁止令", required=False)

    def setup(self):
        for name in self.fields:
            self.fields[name].initial = getattr(self.obj, name)

    def call(self, data):
        return actions.update_subject(self.user, self.obj, **data)


# --- other records' steps ---


class CompleteInvestigationForm(StepForm):
    opinion = choice_field("评估意见", Opinion.choices)
    completed_on = date_field("出具意见日期")
    investigators = forms.CharField(label="调查人员", max_length=100)
    findings = text_area("调查情况", rows=4, max_length=5000)

    def call(self, data):
        return actions.complete_investigation(self.user, self.obj, **data)


class LeaveReviewForm(StepForm):
    agree = yes_no("初审意见")
    opinion = text_area("初审意见说明", max_length=500)

    def call(self, data):
        return actions.review_leave(self.user, self.obj, **data)


class LeaveDecideForm(StepForm):
    approve = yes_no("审批结果", "批准", "不予批准")
    decided_on = date_field("审批日期")
    opinion = text_area("审批意见", required=False, max_length=500)

    def call(self, data):
        return actions.decide_leave(self.user, self.obj, **data)


class LeaveWithdrawForm(StepForm):
    reason = text_area("撤回理由", max_length=500)

    def call(self, data):
        return actions.withdraw_leave(self.user, self.obj, **data)


class LeaveReturnForm(StepForm):
    returned_on = date_field("销假日期")

    def call(self, data):
        return actions.record_return(self.user, self.obj, **data)


class ResidenceDecideForm(StepForm):
    change = forms.ModelChoiceField(label="变更执行地申请", queryset=None)
    approve = yes_no("审批结果", "批准", "不予批准")
    decided_on = date_field("审批日期")
    opinion = text_area("审批意见", required=False, max_length=500)

    def setup(self):
        self.fields["change"].queryset = self.obj.residence_changes.filter(status="pending")

    def call(self, data):
        return actions.decide_residence_change(self.user, data.pop("change"), **data)


class MonitorApproveForm(StepForm):
    approve = yes_no("审批结果", "批准", "不予批准")
    approved_on = date_field("批准日期")
    start_on = dated("使用起始日", required=False, today=False, help_text="不填为批准当日")
    reason = text_area("不予批准的理由", required=False, max_length=500)

    def call(self, data):
        return actions.approve_monitor(self.user, self.obj, **data)


class MonitorRenewForm(StepForm):
    months = forms.IntegerField(label="延长期限（月）", min_value=1, max_value=rules.MONITOR_MAX_MONTHS,
                                help_text="每次不超过三个月")
    approved_on = date_field("批准日期")
    assessment = text_area("评估意见")

    def call(self, data):
        return actions.renew_monitor(self.user, self.obj, **data)


class MonitorEndForm(StepForm):
    ended_on = date_field("解除日期")
    reason = text_area("解除理由", max_length=500)

    def call(self, data):
        return actions.end_monitor(self.user, self.obj, **data)


class SanctionDecideForm(StepForm):
    approve = yes_no("决定", "同意", "不予实施")
    decided_on = date_field("决定（提请）日期")
    document_no = forms.CharField(label="文书编号", max_length=60, required=False)
    submitted_to = forms.CharField(label="提请机关", max_length=100, required=False,
                                   help_text="提请治安管理处罚、撤销缓刑假释、收监执行的；不填按法定机关")
    note = text_area("说明", required=False, max_length=500)

    def call(self, data):
        return actions.decide_sanction(self.user, self.obj, **data)


class RulingForm(StepForm):
    upheld = yes_no("裁决结果", "支持（裁定撤销、决定收监或予以处罚）", "不支持")
    ruled_on = date_field("裁决日期")
    ruling_no = forms.CharField(label="裁定（决定）书文号", max_length=100, required=False)

    def call(self, data):
        return actions.record_ruling(self.user, self.obj, **data)


class PoliceForm(StepForm):
    requested_on = date_field("提请日期")
    station = forms.CharField(label="协查公安机关", max_length=100)

    def call(self, data):
        return actions.request_police(self.user, self.obj, **data)


class FoundForm(StepForm):
    found_on = date_field("查找到日期")
    found_how = forms.CharField(label="查找到情况", max_length=500)
    police_reply = forms.CharField(label="公安协查情况", max_length=500, required=False)

    def call(self, data):
        return actions.record_found(self.user, self.obj, **data)


class CloseAbscondingForm(StepForm):
    closed_on = date_field("处理完毕日期")
    handling = text_area("处理结果", max_length=500)

    def call(self, data):
        return actions.close_absconding(self.user, self.obj, **data)


class RectifyForm(StepForm):
    rectified_on = date_field("整改完成日期")
    rectification = text_area("整改情况")

    def call(self, data):
        return actions.rectify_file(self.user, self.obj, **data)


# --- 安置帮教 steps ---


class PickupForm(StepForm):
    picked_up_on = date_field("接回日期")
    escorts = forms.CharField(label="接送人员", max_length=200)

    def call(self, data):
        return aftercare.record_pickup(self.user, self.obj, **data)


def _helper_fields(form, rows: int = 3):
    for i in range(rows):
        form.fields[f"h{i}_name"] = forms.CharField(label=f"帮教小组成员{i + 1}", max_length=50, required=False)
        form.fields[f"h{i}_role"] = forms.ChoiceField(label="身份", choices=with_blank(MemberRole.choices),
                                                      required=False)


def _helpers(data, rows: int = 3) -> list[dict]:
    return [{"name": data[f"h{i}_name"], "role": data[f"h{i}_role"]} for i in range(rows) if data[f"h{i}_name"]]


class LinkForm(StepForm):
    linked_on = date_field("衔接（建档）日期")

    def setup(self):
        _helper_fields(self)

    def call(self, data):
        return aftercare.link(self.user, self.obj, linked_on=data["linked_on"], helpers=_helpers(data))


class UnlinkedForm(StepForm):
    reason = text_area("未衔接原因", max_length=500)

    def call(self, data):
        return aftercare.mark_unlinked(self.user, self.obj, **data)


class HelpersForm(StepForm):
    def setup(self):
        _helper_fields(self)

    def call(self, data):
        return aftercare.set_helpers(self.user, self.obj, helpers=_helpers(data))


class ResettleForm(StepForm):
    kind = choice_field("安置方式", ResettlementKind.choices)
    settled_on = date_field("日期")
    detail = forms.CharField(label="具体情况", max_length=200)

    def call(self, data):
        return aftercare.record_resettlement(self.user, self.obj, **data)


class ContactForm(StepForm):
    contacted_on = date_field("帮教日期")
    method = choice_field("方式", ReportMethod.choices, initial=ReportMethod.IN_PERSON)
    content = text_area("帮教情况")

    def call(self, data):
        return aftercare.record_contact(self.user, self.obj, **data)


class LostForm(StepForm):
    lost_on = date_field("脱管日期")
    note = text_area("情况说明", max_length=500)

    def call(self, data):
        return aftercare.mark_lost(self.user, self.obj, **data)


class FoundAgainForm(StepForm):
    found_on = date_field("恢复联系日期")

    def call(self, data):
        return aftercare.mark_found(self.user, self.obj, **data)


class ReoffendedForm(StepForm):
    reoffended_on = date_field("重新犯罪日期")
    note = text_area("情况说明", max_length=500)

    def call(self, data):
        return aftercare.mark_reoffended(self.user, self.obj, **data)


class EndTrackingForm(StepForm):
    ended_on = date_field("期满日期")

    def call(self, data):
        return aftercare.end_tracking(self.user, self.obj, **data)
