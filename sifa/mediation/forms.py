"""Forms of the staff pages. They only parse input (types, choices limited to the user's scope); the rules live in
actions.py, whose ValidationErrors the views put back on the form."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory

from sifa.core import scanning, steps
from sifa.core.access import orgs_within_reach
from sifa.core.models import OrgKind, OrgUnit
from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field

from . import actions, rules
from .models import (
    LEVEL_RANK,
    AgreementForm,
    CommitteeType,
    ConfirmationResult,
    CourtFeedback,
    DisputeStatus,
    DisputeType,
    DocumentKind,
    Employment,
    FollowUpMethod,
    HonourLevel,
    Level,
    MediationCommittee,
    Mediator,
    MediatorPosition,
    Method,
    Party,
    PartyKind,
    PartySide,
    Performance,
    PetitionRoute,
    Screening,
    Session,
    Sex,
    Source,
)


def text_area(label: str, required: bool = True, rows: int = 4, max_length: int = 5000) -> forms.CharField:
    """core.steps.text_area with this line's larger defaults (minutes and agreements run long)."""
    return steps.text_area(label, required=required, rows=rows, max_length=max_length)


class MediatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_position_display()}）"


def committees_for(user):
    return MediationCommittee.objects.for_user(user).filter(dissolved_on__isnull=True).order_by("org_path")


def active_mediators(committee: MediationCommittee | None):
    if committee is None:
        return Mediator.objects.none()
    return Mediator.objects.filter(committee=committee, left_on__isnull=True).order_by("name")


class UserForm(StepForm):
    """A form whose choices depend on the user (scope) and, for a case's steps (mediation/workflow.py), on the
    case; `call(data)` runs the step's action."""

    @property
    def dispute(self):
        return self.obj


# --- the case steps ---


class AcceptForm(UserForm):
    committee = forms.ModelChoiceField(label="受理调委会", queryset=MediationCommittee.objects.none())
    accepted_on = date_field("受理日期")
    mediators = MediatorChoice(label="指派调解员", queryset=Mediator.objects.none(), required=False,
                               help_text="可在受理后再指派。只能选择受理调委会的调解员。")

    def setup(self):
        self.fields["committee"].queryset = committees_for(self.user)
        self.fields["mediators"].queryset = Mediator.objects.for_user(self.user).filter(left_on__isnull=True)

    def call(self, data):
        return actions.accept_dispute(self.user, self.dispute, committee=data["committee"],
                                      accepted_on=data["accepted_on"], mediators=data["mediators"])


class DeclineForm(UserForm):
    reason = text_area("不予受理的理由", rows=3, max_length=500)
    declined_on = date_field("日期")

    def call(self, data):
        return actions.decline_dispute(self.user, self.dispute, reason=data["reason"],
                                       declined_on=data["declined_on"])


class AssignForm(UserForm):
    mediators = MediatorChoice(label="调解员", queryset=Mediator.objects.none())
    lead_mediator = forms.ModelChoiceField(label="主持调解员", queryset=Mediator.objects.none(), required=False)

    def setup(self):
        people = active_mediators(self.dispute.committee)
        self.fields["mediators"].queryset = people
        self.fields["lead_mediator"].queryset = people

    def call(self, data):
        return actions.assign_dispute(self.user, self.dispute, mediators=list(data["mediators"]),
                                      lead_mediator=data["lead_mediator"])


class EscalateForm(UserForm):
    committee = forms.ModelChoiceField(label="升级至", queryset=MediationCommittee.objects.none())
    reason = text_area("升级理由", rows=3, max_length=500)

    def setup(self):
        root = rules.county_root(self.dispute.org)
        higher = [lv for lv, rank in LEVEL_RANK.items() if rank > rules.level_rank(self.dispute.level)]
        self.fields["committee"].queryset = MediationCommittee.objects.filter(
            org_path__startswith=root.path, level__in=higher, dissolved_on__isnull=True).order_by("org_path")

    def call(self, data):
        return actions.escalate_dispute(self.user, self.dispute, committee=data["committee"], reason=data["reason"])


class SessionForm(UserForm):
    held_on = date_field("调解日期")
    method = forms.ChoiceField(label="调解方式", choices=Method.choices)
    place = forms.CharField(label="调解地点", max_length=200, required=False)
    mediators = MediatorChoice(label="主持调解员", queryset=Mediator.objects.none())
    recorder = forms.CharField(label="记录人", max_length=50, required=False)
    minutes = text_area("调解笔录", rows=8)

    def setup(self):
        self.fields["mediators"].queryset = active_mediators(self.dispute.committee)

    def call(self, data):
        return actions.record_session(self.user, self.dispute, held_on=data["held_on"], minutes=data["minutes"],
                                      mediators=list(data["mediators"]), place=data["place"],
                                      method=data["method"], recorder=data["recorder"])


class AgreementFormForm(UserForm):
    form = forms.ChoiceField(label="协议形式", choices=AgreementForm.choices)
    terms = text_area("协议内容", rows=6)
    signed_on = date_field("签订（生效）日期")
    performance_method = forms.CharField(label="履行方式", max_length=200, required=False)
    perform_by = date_field("履行期限", required=False, today=False)

    def call(self, data):
        return actions.record_agreement(self.user, self.dispute, terms=data["terms"], signed_on=data["signed_on"],
                                        form=data["form"], performance_method=data["performance_method"],
                                        perform_by=data["perform_by"])


class CloseForm(UserForm):
    result = forms.ChoiceField(label="调解结果", choices=[(s.value, s.label) for s in (
        DisputeStatus.SUCCEEDED, DisputeStatus.FAILED, DisputeStatus.TERMINATED, DisputeStatus.WITHDRAWN)])
    closed_on = date_field("结案日期")
    note = text_area("结案说明", required=False, rows=3, max_length=2000)

    def call(self, data):
        return actions.close_dispute(self.user, self.dispute, result=data["result"], closed_on=data["closed_on"],
                                     note=data["note"])


class PerformanceForm(UserForm):
    performance = forms.ChoiceField(label="履行情况", choices=Performance.choices)
    performed_on = date_field("履行完毕日期", required=False, today=False)

    def call(self, data):
        return actions.record_performance(self.user, self.dispute, performance=data["performance"],
                                          performed_on=data["performed_on"])


class FollowUpForm(UserForm):
    visited_on = date_field("回访日期")
    method = forms.ChoiceField(label="回访方式", choices=FollowUpMethod.choices)
    content = text_area("回访情况", rows=3, max_length=2000)
    performance = forms.ChoiceField(label="履行情况", choices=[("", "（不更新）")] + Performance.choices,
                                    required=False)
    visitor = forms.CharField(label="回访人", max_length=50, required=False)

    def call(self, data):
        return actions.record_follow_up(self.user, self.dispute, visited_on=data["visited_on"],
                                        method=data["method"], content=data["content"],
                                        performance=data["performance"], visitor=data["visitor"])


class ConfirmationApplyForm(UserForm):
    court = forms.CharField(label="受理法院", max_length=100)
    applied_on = date_field("申请日期")

    def call(self, data):
        return actions.apply_confirmation(self.user, self.dispute, court=data["court"],
                                          applied_on=data["applied_on"])


class ConfirmationResultForm(UserForm):
    result = forms.ChoiceField(label="裁定结果", choices=[c for c in ConfirmationResult.choices
                                                      if c[0] != ConfirmationResult.PENDING])
    decided_on = date_field("裁定日期")
    ruling_number = forms.CharField(label="裁定书文号", max_length=100, required=False)

    def call(self, data):
        return actions.record_confirmation_result(self.user, self.dispute, result=data["result"],
                                                  decided_on=data["decided_on"], ruling_number=data["ruling_number"])


class CourtReportForm(UserForm):
    feedback = forms.ChoiceField(label="反馈结果", choices=CourtFeedback.choices)
    reported_on = date_field("反馈日期")

    def call(self, data):
        return actions.report_to_court(self.user, self.dispute, reported_on=data["reported_on"],
                                       feedback=data["feedback"])


# --- registration ---


class DisputeForm(UserForm):
    org = forms.ModelChoiceField(label="登记单位", queryset=OrgUnit.objects.none())
    summary = text_area("纠纷简要情况", rows=4, max_length=2000)
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    source = forms.ChoiceField(label="纠纷来源", choices=Source.choices)
    referred_by = forms.CharField(label="移送（委派）单位", max_length=100, required=False,
                                  help_text="法院委派、公安移送、信访移送、12348转办的填写")
    referral_ref = forms.CharField(label="移送文号或法院案号", max_length=100, required=False)
    screening = forms.ModelChoiceField(label="来源排查", queryset=Screening.objects.none(), required=False,
                                       help_text="来源为“排查发现”时可关联排查记录")
    amount = forms.DecimalField(label="涉及金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    applied_on = date_field("申请（登记）日期")
    method = forms.ChoiceField(label="调解方式", choices=Method.choices)
    difficult = forms.BooleanField(label="疑难复杂", required=False)
    group_dispute = forms.BooleanField(label="群体性纠纷", required=False)
    criminal_risk = forms.BooleanField(label="有民转刑风险", required=False)
    abnormal_death = forms.BooleanField(label="涉非正常死亡", required=False)
    committee = forms.ModelChoiceField(label="同时受理的调委会", queryset=MediationCommittee.objects.none(),
                                       required=False, help_text="选择后登记即受理；不选则进入“待受理”")
    mediators = MediatorChoice(label="指派调解员", queryset=Mediator.objects.none(), required=False)

    def setup(self):
        user = self.user
        units = orgs_within_reach(user).filter(active=True, kind__in=[
            OrgKind.JUSTICE_OFFICE, OrgKind.COUNTY_BUREAU, OrgKind.MEDIATION_COMMITTEE])
        self.fields["org"].queryset = units
        self.fields["org"].initial = user.org_id
        self.fields["screening"].queryset = Screening.objects.for_user(user).order_by("-held_on")[:200]
        self.fields["committee"].queryset = committees_for(user)
        self.fields["mediators"].queryset = Mediator.objects.for_user(user).filter(left_on__isnull=True)

    def clean_screening(self):
        # a sliced queryset cannot be filtered by ModelChoiceField; check membership explicitly
        screening = self.cleaned_data.get("screening")
        if screening is not None and not Screening.objects.for_user(self.user).filter(pk=screening.pk).exists():
            raise forms.ValidationError("排查记录不在您的管辖范围内。")
        return screening

    def fields_for_action(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("summary", "dispute_type", "source", "referred_by", "referral_ref", "screening",
                                     "amount", "applied_on", "method", "difficult", "group_dispute",
                                     "criminal_risk", "abnormal_death")}


class PartyForm(SensitiveForm):
    side = forms.ChoiceField(label="地位", choices=PartySide.choices)
    kind = forms.ChoiceField(label="类型", choices=PartyKind.choices)
    name = forms.CharField(label="姓名或名称", max_length=100, required=False)
    id_number = forms.CharField(label="身份证号码", max_length=20, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=20, required=False)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="住所", max_length=200, required=False)


PartyFormSet = formset_factory(PartyForm, extra=2, min_num=2, max_num=20, validate_min=True)


def party_rows(formset) -> list[dict]:
    """The filled-in party rows (a row with neither name nor identifier is ignored)."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("name") or data.get("id_number") or data.get("credit_code"):
            rows.append(data)
    return rows


# --- organisation and work records ---


class CommitteeForm(UserForm):
    parent = forms.ModelChoiceField(label="上级单位（司法所或司法局）", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="调委会名称", max_length=100)
    committee_type = forms.ChoiceField(label="调委会类型", choices=CommitteeType.choices)
    level = forms.ChoiceField(label="层级", choices=[("", "按类型默认")] + Level.choices, required=False)
    division = forms.CharField(label="所在村（社区）区划代码", max_length=12, required=False,
                               help_text="村（居）调委会填写12位统计用区划代码；不填则取上级单位所在区划")
    sector = forms.CharField(label="行业领域", max_length=50, required=False)
    member_count = forms.IntegerField(label="委员人数", min_value=1, max_value=99)
    has_female_member = forms.BooleanField(label="有妇女委员", required=False, initial=True)
    director = forms.CharField(label="主任", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    established_on = date_field("成立日期", required=False, today=False)

    def setup(self):
        self.fields["parent"].queryset = orgs_within_reach(self.user).filter(
            active=True, kind__in=[OrgKind.JUSTICE_OFFICE, OrgKind.COUNTY_BUREAU])

    def clean_division(self):
        from sifa.core.models import Division

        code = self.cleaned_data["division"].strip()
        if not code:
            return None
        division = Division.objects.filter(code=code).first()
        if division is None:
            raise forms.ValidationError(f"区划代码“{code}”不存在。")
        return division


class CommitteeEditForm(forms.Form):
    name = forms.CharField(label="调委会名称", max_length=100)
    level = forms.ChoiceField(label="层级", choices=Level.choices)
    sector = forms.CharField(label="行业领域", max_length=50, required=False)
    member_count = forms.IntegerField(label="委员人数", min_value=1, max_value=99)
    has_female_member = forms.BooleanField(label="有妇女委员", required=False)
    director = forms.CharField(label="主任", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    established_on = date_field("成立日期", required=False, today=False)
    dissolved_on = date_field("撤销日期", required=False, today=False)


class MediatorForm(SensitiveForm):
    name = forms.CharField(label="姓名", max_length=50)
    sex = forms.ChoiceField(label="性别", choices=[("", "（按身份证号码）")] + Sex.choices, required=False)
    id_number = forms.CharField(label="身份证号码", max_length=20, required=False)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    employment = forms.ChoiceField(label="专兼职", choices=Employment.choices, initial=Employment.PART_TIME)
    position = forms.ChoiceField(label="职务", choices=MediatorPosition.choices, initial=MediatorPosition.MEDIATOR)
    specialities = forms.CharField(label="擅长领域", max_length=200, required=False)
    is_expert = forms.BooleanField(label="调解能手", required=False)
    joined_on = date_field("聘任日期", required=False, today=False)


class MediatorEditForm(MediatorForm):
    left_on = date_field("离任日期", required=False, today=False)


class TrainingForm(forms.Form):
    title = forms.CharField(label="培训名称", max_length=200)
    held_on = date_field("培训日期")
    hours = forms.DecimalField(label="学时", required=False, min_value=0, max_digits=5, decimal_places=1)
    organiser = forms.CharField(label="举办单位", max_length=100, required=False)


class HonourForm(forms.Form):
    title = forms.CharField(label="荣誉称号", max_length=100, initial="优秀人民调解员")
    level = forms.ChoiceField(label="级别", choices=HonourLevel.choices)
    year = forms.IntegerField(label="年度", min_value=1949, max_value=9999)
    conferred_by = forms.CharField(label="授予单位", max_length=100, required=False)


class BrandRoomForm(forms.Form):
    name = forms.CharField(label="调解室名称", max_length=100, help_text="如“老柏”调解室")
    mediator = forms.ModelChoiceField(label="领衔调解员", queryset=Mediator.objects.none(), required=False)
    established_on = date_field("设立日期", required=False, today=False)

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = active_mediators(committee)


class ScreeningForm(UserForm):
    org = forms.ModelChoiceField(label="排查单位", queryset=OrgUnit.objects.none())
    held_on = date_field("排查日期")
    scope = forms.CharField(label="排查范围", max_length=200)
    topic = forms.CharField(label="专项名称", max_length=100, required=False)
    found_count = forms.IntegerField(label="发现纠纷（件）", min_value=0, initial=0)
    prevented_count = forms.IntegerField(label="预防纠纷（件）", min_value=0, initial=0)
    participants = forms.IntegerField(label="参与人数", min_value=0, required=False)
    risks = text_area("风险隐患", required=False, rows=3, max_length=2000)

    def setup(self):
        self.fields["org"].queryset = orgs_within_reach(self.user).filter(active=True)
        self.fields["org"].initial = self.user.org_id


class TransferForm(UserForm):
    org = forms.ModelChoiceField(label="接收单位", queryset=OrgUnit.objects.none())
    received_on = date_field("接收日期")
    from_unit = forms.CharField(label="移交单位", max_length=100, initial="群众权益诉求服务中心")
    person_name = forms.CharField(label="来访人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    matter = text_area("诉求事项", rows=3, max_length=2000)

    def setup(self):
        self.fields["org"].queryset = orgs_within_reach(self.user).filter(active=True)
        self.fields["org"].initial = self.user.org_id


class RouteForm(UserForm):
    route = forms.ChoiceField(label="分流方式", choices=PetitionRoute.choices)
    routed_on = date_field("分流日期")
    handler = forms.CharField(label="承办人", max_length=100, required=False,
                              help_text="心理疏导、律师咨询、法律援助咨询须填写承办人")
    committee = forms.ModelChoiceField(label="联合调解的调委会", queryset=MediationCommittee.objects.none(),
                                       required=False)
    dispute_type = forms.ChoiceField(label="纠纷类型（联合调解）", choices=DisputeType.choices, required=False)
    respondent_name = forms.CharField(label="对方当事人姓名（联合调解）", max_length=100, required=False)
    respondent_id = forms.CharField(label="对方当事人身份证号码", max_length=20, required=False)

    def setup(self):
        self.fields["committee"].queryset = committees_for(self.user)


class TransferDoneForm(forms.Form):
    result = text_area("办理结果", rows=3, max_length=2000)
    done_on = date_field("办结日期")


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="文书", choices=DocumentKind.choices)
    file = forms.FileField(label="模板文件（.docx）")


class PartyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_side_display()} {obj.name}"


class PartyCompleteForm(UserForm):
    party = PartyChoice(label="当事人", queryset=Party.objects.none())
    kind = forms.ChoiceField(label="类型", choices=PartyKind.choices)
    id_number = forms.CharField(label="身份证号码", max_length=20, required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=20, required=False)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="住所", max_length=200, required=False)

    def setup(self):
        self.fields["party"].queryset = self.dispute.parties.filter(id_number="", credit_code="")

    def call(self, data):
        return actions.complete_party(self.user, data["party"], kind=data["kind"], id_number=data["id_number"],
                                      credit_code=data["credit_code"], mobile=data["mobile"],
                                      address=data["address"])


# --- the public application (portal) ---


class PortalApplicationForm(SensitiveForm):
    """人民调解申请 on the portal. The applicant's mobile is the one proven by SMS sign-in."""

    org = forms.ModelChoiceField(label="向哪个司法所申请", queryset=OrgUnit.objects.none(),
                                 empty_label="请选择纠纷发生地或您居住地的司法所",
                                 error_messages={"required": "请选择司法所。", "invalid_choice": "请选择司法所。"})
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    summary = forms.CharField(label="纠纷简要情况和申请事项", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": "请填写纠纷简要情况。"})
    applicant_name = forms.CharField(label="申请人姓名", max_length=50, error_messages={"required": "请填写您的姓名。"})
    applicant_id = forms.CharField(label="申请人身份证号码", max_length=20,
                                   widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
                                   error_messages={"required": "请填写您的身份证号码。"})
    applicant_address = forms.CharField(label="申请人住址", max_length=200, required=False)
    respondent_name = forms.CharField(label="对方当事人姓名或单位名称", max_length=100,
                                      error_messages={"required": "请填写对方当事人。"})
    respondent_kind = forms.ChoiceField(label="对方当事人类型", choices=PartyKind.choices, initial=PartyKind.PERSON)
    respondent_id = forms.CharField(label="对方身份证号码或统一社会信用代码（知道的请填写）", max_length=20,
                                    required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    respondent_mobile = forms.CharField(label="对方联系电话（选填）", max_length=20, required=False,
                                        widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    respondent_address = forms.CharField(label="对方住址（选填）", max_length=200, required=False)
    voluntary = forms.BooleanField(label="我已知悉人民调解不收费、遵循自愿平等原则，达成的调解协议具有法律约束力，自愿申请人民调解",
                                   error_messages={"required": "请确认自愿申请人民调解。"})

    def __init__(self, *args, **kwargs):
        from .actions import PORTAL_ORG_KINDS

        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = OrgUnit.objects.filter(kind=PORTAL_ORG_KINDS[0], active=True).order_by("code")

    def parties(self) -> list[dict]:
        d = self.cleaned_data
        respondent = {"side": PartySide.RESPONDENT, "kind": d["respondent_kind"], "name": d["respondent_name"],
                      "mobile": d["respondent_mobile"], "address": d["respondent_address"]}
        respondent["id_number" if d["respondent_kind"] == PartyKind.PERSON else "credit_code"] = d["respondent_id"]
        return [{"side": PartySide.APPLICANT, "kind": PartyKind.PERSON, "name": d["applicant_name"],
                 "id_number": d["applicant_id"], "address": d["applicant_address"]}, respondent]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="文件（PDF、JPG、PNG、Word）", error_messages={"required": "请选择文件。"})
    session = forms.ModelChoiceField(label="所属调解记录", queryset=Session.objects.none(), required=False,
                                     empty_label="（整个案件）")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, dispute=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = dispute.sessions.all() if dispute is not None else Session.objects.none()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        scanning.ensure_clean(upload)   # "文件未通过安全检查：…" (SECURITY.md F3)
        return upload
