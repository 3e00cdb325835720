"""Forms of the staff pages: they parse input (types, choices limited to the user's scope); the rules live in
actions.py, whose ValidationErrors the views put back on the form."""

from __future__ import annotations

from django import forms

from sifa.core.access import orgs_within_reach
from sifa.core.models import OrgKind, OrgUnit
from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field, text_area, with_blank

from . import actions
from .models import (
    CaseArea,
    Category,
    Channel,
    Circumstance,
    CivilMatter,
    ClosureMethod,
    ConsultChannel,
    Decision,
    DocumentKind,
    DutyStation,
    Exemption,
    HelpKind,
    LicenceStatus,
    NotifyingOrgan,
    ObjectionOutcome,
    ProgressKind,
    Provider,
    ProviderKind,
    QualityGrade,
    Referral,
    ReviewBasis,
    Satisfaction,
    ServiceOrg,
    ServiceOrgKind,
    Stage,
    StationKind,
    TerminationReason,
    Topic,
)

INTAKE_KINDS = (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU, OrgKind.JUSTICE_OFFICE, OrgKind.PLS_CENTER,
                OrgKind.PLS_STATION)


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "name", str(obj))


def units_for(user, kinds):
    return orgs_within_reach(user).filter(kind__in=kinds, active=True)


def providers_for(user):
    return Provider.objects.for_user(user).select_related("service_org").order_by("service_org__name", "name")


class ProviderChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.service_org.name}，{obj.get_kind_display()}，{obj.get_licence_status_display()}）"


# --- intake ---

class ApplicationForm(SensitiveForm):
    org = NamedChoice(label="受理机构", queryset=OrgUnit.objects.none())
    channel = forms.ChoiceField(label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.NOTICE])
    received_on = date_field("受理日期")
    category = forms.ChoiceField(label="案件类别", choices=with_blank(Category.choices))
    civil_matter = forms.ChoiceField(label="援助事项（第三十一条）", choices=with_blank(CivilMatter.choices, "刑事案件不填"),
                                     required=False)
    summary = text_area("案情摘要", rows=4, max_length=5000)
    opposing_party = forms.CharField(label="对方当事人", max_length=100, required=False)
    handling_organ = forms.CharField(label="办案机关", max_length=100, required=False)
    amount = forms.DecimalField(label="涉案金额（元）", min_value=0, max_digits=14, decimal_places=2, required=False)
    name = forms.CharField(label="申请人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="住所", max_length=200, required=False)
    recipients = forms.IntegerField(label="受援人数", min_value=1, max_value=10000, initial=1)
    is_migrant_worker = forms.BooleanField(label="农民工", required=False)
    is_disabled = forms.BooleanField(label="残疾人", required=False)
    is_military = forms.BooleanField(label="军人军属", required=False)
    is_dv_victim = forms.BooleanField(label="家庭暴力受害人", required=False)
    exemption = forms.ChoiceField(label="免予核查或不受经济困难条件限制的情形", required=False,
                                  choices=with_blank(Exemption.choices, "不属于，审查经济状况"))
    review_basis = forms.ChoiceField(label="经济状况审查方式", choices=[c for c in ReviewBasis.choices
                                                                 if c[0] in (ReviewBasis.INFO_SHARING, ReviewBasis.PLEDGE)])
    household_size = forms.IntegerField(label="家庭人口", min_value=1, max_value=50, required=False)
    household_income = forms.DecimalField(label="家庭月收入（元）", min_value=0, max_digits=12, decimal_places=2,
                                          required=False)
    financial_note = text_area("经济状况说明", required=False, rows=2)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, INTAKE_KINDS)

    def action_fields(self) -> dict:
        d = dict(self.cleaned_data)
        applicant = {k: d.pop(k) for k in ("name", "id_number", "mobile", "address")}
        return {**d, "applicant": applicant}


class NoticeForm(SensitiveForm):
    org = NamedChoice(label="法律援助机构", queryset=OrgUnit.objects.none())
    notifying_organ = forms.ChoiceField(label="通知机关类别", choices=with_blank(NotifyingOrgan.choices))
    notifier = forms.CharField(label="通知机关", max_length=100)
    notice_number = forms.CharField(label="通知书文号", max_length=100)
    category = forms.ChoiceField(label="案件类别", choices=[(Category.CRIMINAL_DEFENCE, "刑事辩护"),
                                                          (Category.CRIMINAL_AGENCY, "刑事代理（强制医疗等）")])
    circumstance = forms.ChoiceField(label="应当通知的情形", choices=with_blank(Circumstance.choices))
    stage = forms.ChoiceField(label="诉讼阶段", choices=with_blank(Stage.choices))
    discovered_on = date_field("发现应当通知情形日期", required=False, today=False)
    notified_on = date_field("发出通知日期")
    received_on = date_field("收到通知日期")
    name = forms.CharField(label="犯罪嫌疑人、被告人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=20)
    summary = text_area("案由及案情", rows=3)
    handling_organ = forms.CharField(label="办案机关", max_length=100, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU))

    def action_fields(self) -> dict:
        d = dict(self.cleaned_data)
        return {**d, "defendant": {"name": d.pop("name"), "id_number": d.pop("id_number")}}


# --- case steps ---

class ForwardForm(StepForm):
    forwarded_on = date_field("转交日期")

    def call(self, data):
        return actions.forward_application(self.user, self.obj, **data)


class DecideForm(StepForm):
    decision = forms.ChoiceField(label="审查决定", choices=Decision.choices)
    decided_on = date_field("决定日期")
    reason = text_area("决定理由（不予、先行提供须填写）", required=False)
    late_reason = text_area("逾期原因（超过7日的须填写）", required=False)

    def call(self, data):
        return actions.decide(self.user, self.obj, **data)


class AssignForm(StepForm):
    assigned_on = date_field("指派日期")
    by_rotation = forms.BooleanField(label="按轮流指派（自动选择承办人）", required=False, initial=True)
    provider = ProviderChoice(label="承办人（不按轮流时选择）", queryset=Provider.objects.none(), required=False)
    service_org = NamedChoice(label="或仅指派承办机构（由机构确定承办人）", queryset=ServiceOrg.objects.none(),
                              required=False)
    late_reason = text_area("逾期原因（超过3日的须填写）", required=False)

    def setup(self):
        self.fields["provider"].queryset = providers_for(self.user)
        self.fields["service_org"].queryset = ServiceOrg.objects.for_user(self.user).filter(active=True)
        offered = actions.suggest_providers(self.obj, limit=3) if self.obj is not None else []
        if offered:
            self.fields["by_rotation"].help_text = "轮流顺序：" + "、".join(
                f"{p.name}（在办{p.open}件）" for p in offered)

    def call(self, data):
        by_rotation = data["by_rotation"] and data["provider"] is None and data["service_org"] is None
        return actions.assign(self.user, self.obj, assigned_on=data["assigned_on"], provider=data["provider"],
                              service_org=data["service_org"], by_rotation=by_rotation, late_reason=data["late_reason"])


class DesignateForm(StepForm):
    provider = ProviderChoice(label="承办人", queryset=Provider.objects.none())

    def setup(self):
        self.fields["provider"].queryset = providers_for(self.user)

    def call(self, data):
        return actions.designate_provider(self.user, self.obj, **data)


class ReplaceForm(StepForm):
    provider = ProviderChoice(label="新承办人", queryset=Provider.objects.none())
    replaced_on = date_field("更换日期")
    reason = forms.CharField(label="更换原因", max_length=200)

    def setup(self):
        self.fields["provider"].queryset = providers_for(self.user)

    def call(self, data):
        return actions.replace_assignment(self.user, self.obj, **data)


class ProgressForm(StepForm):
    happened_on = date_field("日期")
    kind = forms.ChoiceField(label="办理事项", choices=ProgressKind.choices)
    note = text_area("情况")

    def call(self, data):
        return actions.record_progress(self.user, self.obj, **data)


class DocumentForm(StepForm):
    kind = forms.ChoiceField(label="材料类型", choices=DocumentKind.choices)
    uploaded = forms.FileField(label="文件（PDF、JPG、PNG）")

    def call(self, data):
        return actions.add_document(self.user, self.obj, **data)


class CloseForm(StepForm):
    closed_on = date_field("结案日期")
    method = forms.ChoiceField(label="结案方式", choices=ClosureMethod.choices,
                               help_text="结案前须上传结案报告和相应的结案文书（判决书、调解书、和解协议等）。")
    outcome = text_area("办理结果")
    recovered_amount = forms.DecimalField(label="挽回经济损失（元）", min_value=0, max_digits=14, decimal_places=2,
                                          required=False)

    def call(self, data):
        return actions.close_case(self.user, self.obj, **data)


class TerminateForm(StepForm):
    terminated_on = date_field("终止日期")
    reason = forms.ChoiceField(label="终止原因（第四十八条）", choices=TerminationReason.choices)
    note = text_area("情况说明")

    def call(self, data):
        return actions.terminate(self.user, self.obj, **data)


class WithdrawForm(StepForm):
    withdrawn_on = date_field("撤回日期")
    note = text_area("说明", required=False)

    def call(self, data):
        return actions.withdraw(self.user, self.obj, **data)


class GradeForm(StepForm):
    grade = forms.ChoiceField(label="评查等次", choices=QualityGrade.choices)
    graded_on = date_field("评查日期")
    note = text_area("评查意见（优秀、不合格须填写）", required=False)

    def call(self, data):
        return actions.grade_case(self.user, self.obj, **data)


class SatisfactionForm(StepForm):
    satisfaction = forms.ChoiceField(label="受援人满意度", choices=Satisfaction.choices)
    rated_on = date_field("评价日期")
    note = forms.CharField(label="意见", max_length=500, required=False)

    def call(self, data):
        return actions.record_satisfaction(self.user, self.obj, **data)


class ObjectionForm(StepForm):
    received_on = date_field("收到异议日期")
    reason = text_area("异议理由")

    def call(self, data):
        return actions.lodge_objection(self.user, self.obj, **data)


class ObjectionDecisionForm(StepForm):
    outcome = forms.ChoiceField(label="审查结果", choices=[c for c in ObjectionOutcome.choices
                                                       if c[0] != ObjectionOutcome.PENDING])
    decided_on = date_field("审查决定日期")
    note = text_area("审查意见")
    late_reason = text_area("逾期原因（超过5日的须填写）", required=False)

    def call(self, data):
        objection = self.obj.objections.filter(outcome=ObjectionOutcome.PENDING).first()
        return actions.decide_objection(self.user, objection, **data)


# --- consultations ---

class ConsultationForm(SensitiveForm):
    org = NamedChoice(label="受理机构", queryset=OrgUnit.objects.none())
    channel = forms.ChoiceField(label="咨询渠道", choices=ConsultChannel.choices)
    asked_on = date_field("咨询日期")
    topic = forms.ChoiceField(label="咨询类别", choices=with_blank(Topic.choices))
    question = text_area("咨询内容")
    answer = text_area("答复内容（当场答复的填写）", required=False)
    persons = forms.IntegerField(label="咨询人次", min_value=1, max_value=1000, initial=1)
    is_migrant_worker = forms.BooleanField(label="农民工", required=False)
    asker_name = forms.CharField(label="咨询人", max_length=50, required=False)
    mobile = forms.CharField(label="联系电话", max_length=20, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, INTAKE_KINDS)


class AnswerForm(StepForm):
    answer = text_area("答复内容", rows=5)
    answered_on = date_field("答复日期")

    def call(self, data):
        return actions.answer_consultation(self.user, self.obj, **data)


class ReferForm(StepForm):
    referral = forms.ChoiceField(label="转介去向", choices=[(Referral.LAWYER, Referral.LAWYER.label),
                                                         (Referral.DEPARTMENT, Referral.DEPARTMENT.label)],
                                 help_text="转法律援助请使用“转法律援助申请”；转人民调解请使用“转人民调解”。")
    note = forms.CharField(label="转介说明", max_length=200)

    def call(self, data):
        return actions.refer_consultation(self.user, self.obj, **data)

def _dispute_types():
    from sifa.mediation.models import DisputeType

    return with_blank(DisputeType.choices)


class ReferMediationForm(StepForm):
    """转人民调解: the mediation line registers the dispute (待受理) with its own rules, as a 12348 referral or a
    referral from this office; the consultation records where it went."""

    dispute_type = forms.ChoiceField(label="纠纷类型", choices=())
    summary = text_area("纠纷简要情况", rows=3, max_length=2000)
    applicant_name = forms.CharField(label="申请人姓名", max_length=50)
    applicant_id_number = forms.CharField(label="申请人身份证号码", max_length=18, required=False)
    applicant_mobile = forms.CharField(label="申请人联系电话", max_length=11, required=False)
    respondent_name = forms.CharField(label="被申请人姓名或名称", max_length=100)
    respondent_id_number = forms.CharField(label="被申请人身份证号码", max_length=18, required=False)
    note = forms.CharField(label="转介说明", max_length=200, required=False)

    def setup(self):
        self.fields["dispute_type"].choices = _dispute_types()
        if self.obj is not None and not self.is_bound:
            self.initial.setdefault("summary", self.obj.question[:2000])
            self.initial.setdefault("applicant_name", self.obj.asker_name)
            self.initial.setdefault("applicant_mobile", self.obj.mobile)

    def call(self, data):
        applicant = {"side": "applicant", "name": data["applicant_name"], "id_number": data["applicant_id_number"],
                     "mobile": data["applicant_mobile"]}
        respondent = {"side": "respondent", "name": data["respondent_name"],
                      "id_number": data["respondent_id_number"]}
        dispute = {"dispute_type": data["dispute_type"], "summary": data["summary"],
                   "parties": [applicant, respondent]}
        return actions.refer_consultation(self.user, self.obj, referral=Referral.MEDIATION, note=data["note"],
                                          dispute=dispute)


# --- providers, duty, configuration ---

class ServiceOrgForm(forms.Form):
    org = NamedChoice(label="所属法律援助机构", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="机构名称", max_length=100)
    kind = forms.ChoiceField(label="机构类型", choices=ServiceOrgKind.choices)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=20, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU))


class ProviderForm(SensitiveForm):
    service_org = NamedChoice(label="所在机构", queryset=ServiceOrg.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="人员类别", choices=ProviderKind.choices)
    licence_number = forms.CharField(label="执业证号（律师17位）", max_length=30, required=False)
    practice_since = date_field("首次执业日期", required=False, today=False)
    specialities = forms.MultipleChoiceField(label="擅长领域", choices=CaseArea.choices,
                                             widget=forms.CheckboxSelectMultiple, initial=list(CaseArea.values))
    max_open_cases = forms.IntegerField(label="同时承办案件上限", min_value=1, max_value=200, initial=10)
    in_rotation = forms.BooleanField(label="参与轮流指派", required=False, initial=True)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_org"].queryset = ServiceOrg.objects.for_user(user).filter(active=True)


class LicenceForm(StepForm):
    status = forms.ChoiceField(label="执业状态", choices=LicenceStatus.choices)
    reason = forms.CharField(label="依据（处罚决定书文号等）", max_length=200, required=False)

    def call(self, data):
        return actions.set_licence_status(self.user, self.obj, **data)


class StationForm(forms.Form):
    org = NamedChoice(label="所属法律援助机构", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="工作站名称", max_length=100)
    kind = forms.ChoiceField(label="派驻机关", choices=StationKind.choices)
    address = forms.CharField(label="地址", max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU))


class ShiftForm(forms.Form):
    station = NamedChoice(label="工作站", queryset=DutyStation.objects.none())
    provider = ProviderChoice(label="值班律师", queryset=Provider.objects.none())
    on_date = date_field("值班日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = DutyStation.objects.for_user(user).filter(active=True)
        self.fields["provider"].queryset = providers_for(user)


class HelpForm(ShiftForm):
    kind = forms.ChoiceField(label="帮助类型", choices=HelpKind.choices)
    persons = forms.IntegerField(label="帮助人次", min_value=1, max_value=1000, initial=1)
    case_reference = forms.CharField(label="案号或文书号（认罪认罚须填写检察院案号）", max_length=100, required=False)
    note = text_area("帮助情况", required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].label = "日期"


class HardshipForm(forms.Form):
    org = NamedChoice(label="适用范围", queryset=OrgUnit.objects.none())
    monthly_income_per_capita = forms.DecimalField(label="家庭人均月收入上限（元）", min_value=0, max_digits=10,
                                                   decimal_places=2)
    basis = forms.CharField(label="依据", max_length=200)
    effective_from = date_field("施行日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units_for(user, (OrgKind.COUNTY_BUREAU, OrgKind.LEGAL_AID_CENTER,
                                                       OrgKind.CITY_BUREAU))


class RateForm(HardshipForm):
    monthly_income_per_capita = None
    basis = None
    category = forms.ChoiceField(label="案件类别", choices=Category.choices)
    base_amount = forms.DecimalField(label="基本补贴（元/件）", min_value=0, max_digits=10, decimal_places=2)
    extra_person_amount = forms.DecimalField(label="每增加一名受援人增加（元）", min_value=0, max_digits=10,
                                             decimal_places=2, initial=0)
    effective_to = date_field("停止日期", required=False, today=False)
    note = forms.CharField(label="说明", max_length=200, required=False)


class RateEditForm(StepForm):
    base_amount = forms.DecimalField(label="基本补贴（元/件）", min_value=0, max_digits=10, decimal_places=2)
    extra_person_amount = forms.DecimalField(label="每增加一名受援人增加（元）", min_value=0, max_digits=10,
                                             decimal_places=2)
    effective_to = date_field("停止日期", required=False, today=False)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def setup(self):
        if self.obj is not None and not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(self.obj, name)

    def call(self, data):
        return actions.update_subsidy_rate(self.user, self.obj, **data)
