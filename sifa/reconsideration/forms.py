"""Forms of the reconsideration pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field, text_area, with_blank

from . import actions
from .models import (
    ActType,
    Agency,
    Channel,
    Denominator,
    Mode,
    Outcome,
    Procedure,
    ReviewSettings,
    SuspensionGround,
    TerminationGround,
)

DECISION_OUTCOMES = [(v, label) for v, label in Outcome.choices
                     if v not in (Outcome.SETTLED, Outcome.WITHDRAWN, Outcome.TERMINATED)]


def agencies_for(user):
    """The agencies a respondent (or defendant) is chosen from: the list in the user's data scope, which for the
    bureau's 复议 staff is the county's whole list."""
    return Agency.objects.for_user(user).filter(active=True).order_by("name")


class ReceiveForm(SensitiveForm):
    respondent = forms.ModelChoiceField(label="被申请人", queryset=Agency.objects.none())
    applicant_name = forms.CharField(label="申请人", max_length=100)
    applicant_id_number = forms.CharField(label="申请人身份证号码或统一社会信用代码", max_length=18, required=False)
    applicant_mobile = forms.CharField(label="申请人手机号码", max_length=20, required=False)
    applicant_address = forms.CharField(label="申请人住所", max_length=200, required=False)
    act_type = forms.ChoiceField(label="行政行为类型", choices=with_blank(ActType.choices))
    act_description = text_area("被申请复议的行政行为")
    request = text_area("复议请求")
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    oral_record = text_area("口头申请笔录（口头申请时填写）", required=False, rows=4)
    filed_on = date_field("申请日期")
    received_on = date_field("收到日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["respondent"].queryset = agencies_for(user)

    def call(self):
        data = dict(self.cleaned_data)
        org = actions.bureau_of(self.user.org)
        return actions.receive(self.user, org=org, **data)


class AgencyForm(forms.Form):
    name = forms.CharField(label="机关名称", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30)
    is_government = forms.BooleanField(label="县（区）人民政府", required=False)
    head_name = forms.CharField(label="主要负责人", max_length=50, required=False)


class SettingsForm(forms.Form):
    mode = forms.ChoiceField(label="办案模式", choices=Mode.choices)
    correction_counts_mediated = forms.BooleanField(label="综合纠错计入调解结案中被申请人自行纠正的", required=False)
    correction_counts_settled = forms.BooleanField(label="综合纠错计入和解、撤回中被申请人自行纠正的", required=False)
    correction_denominator = forms.ChoiceField(label="纠错率分母", choices=Denominator.choices)
    settlement_counts_withdrawn = forms.BooleanField(label="协调调撤率计入和解、撤回终止的", required=False)
    settlement_denominator = forms.ChoiceField(label="协调调撤率分母", choices=Denominator.choices)

    @classmethod
    def initial_from(cls, settings: ReviewSettings) -> dict:
        return {name: getattr(settings, name) for name in cls.base_fields}


# --- workflow steps ---


class AcceptForm(StepForm):
    accepted_on = date_field("受理日期")
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices)

    def call(self, data):
        return actions.accept(self.user, self.obj, **data)


class DeemForm(StepForm):
    procedure = forms.ChoiceField(label="审理程序", choices=Procedure.choices)

    def call(self, data):
        return actions.deem_accepted(self.user, self.obj, **data)


class CorrectionForm(StepForm):
    requested_on = date_field("补正通知日期")
    items = text_area("补正事项")

    def call(self, data):
        return actions.request_correction(self.user, self.obj, **data)


class CorrectedForm(StepForm):
    corrected_on = date_field("收到补正材料日期")

    def call(self, data):
        return actions.receive_correction(self.user, self.obj, **data)


class AbandonForm(StepForm):
    def call(self, data):
        return actions.abandon(self.user, self.obj)


class DeclineForm(StepForm):
    declined_on = date_field("不予受理日期")
    reason = text_area("不予受理理由")

    def call(self, data):
        return actions.decline(self.user, self.obj, **data)


class SendCopyForm(StepForm):
    sent_on = date_field("发送日期")

    def call(self, data):
        return actions.send_copy(self.user, self.obj, **data)


class ReplyForm(StepForm):
    replied_on = date_field("答复日期")

    def call(self, data):
        return actions.record_reply(self.user, self.obj, **data)


class HearingForm(StepForm):
    held_on = date_field("听证日期")

    def call(self, data):
        return actions.record_hearing(self.user, self.obj, **data)


class ConsultForm(StepForm):
    consulted_on = date_field("咨询日期")
    opinion = text_area("咨询意见")

    def call(self, data):
        return actions.consult_committee(self.user, self.obj, **data)


class ExtendForm(StepForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    approved_by = forms.CharField(label="批准人（复议机构负责人）", max_length=50)
    approved_on = date_field("批准日期")

    def call(self, data):
        return actions.extend(self.user, self.obj, **data)


class SuspendForm(StepForm):
    started_on = date_field("中止日期")
    ground = forms.ChoiceField(label="中止情形", choices=SuspensionGround.choices)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def call(self, data):
        return actions.suspend(self.user, self.obj, **data)


class ResumeForm(StepForm):
    resumed_on = date_field("恢复审理日期")

    def call(self, data):
        return actions.resume(self.user, self.obj, **data)


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label="结案方式", choices=with_blank(DECISION_OUTCOMES))
    closed_on = date_field("决定日期")
    summary = text_area("决定（调解）主要内容", required=False)
    respondent_corrected = forms.BooleanField(label="被申请人自行纠正（调解结案时）", required=False)

    def call(self, data):
        return actions.decide(self.user, self.obj, **data)


class TerminateForm(StepForm):
    ground = forms.ChoiceField(label="终止情形", choices=TerminationGround.choices)
    closed_on = date_field("终止日期")
    settled = forms.BooleanField(label="经和解后撤回", required=False)
    respondent_corrected = forms.BooleanField(label="被申请人自行纠正", required=False)
    summary = text_area("说明", required=False)

    def call(self, data):
        return actions.terminate(self.user, self.obj, **data)


class ServeForm(StepForm):
    served_on = date_field("送达日期")

    def call(self, data):
        return actions.serve(self.user, self.obj, **data)


class OpinionForm(StepForm):
    issued_on = date_field("制发日期")
    content = text_area("意见书（建议书）内容")

    def call(self, data):
        return actions.issue_opinion(self.user, self.obj, **data)


class OpinionReplyForm(StepForm):
    replied_on = date_field("回复日期")

    def call(self, data):
        return actions.record_opinion_reply(self.user, self.obj, **data)


class PortalApplicationForm(SensitiveForm):
    """A citizen's online 复议 application: the respondent is chosen from the county's agencies."""

    respondent = forms.ModelChoiceField(label="被申请人（作出行政行为的行政机关）",
                                        queryset=Agency.objects.filter(active=True).order_by("org_path", "name"),
                                        empty_label="请选择")
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号码或统一社会信用代码", max_length=18)
    applicant_address = forms.CharField(label="住所", max_length=200, required=False)
    act_type = forms.ChoiceField(label="行政行为类型", choices=with_blank(ActType.choices))
    act_description = text_area("被申请复议的行政行为（文书名称、文号、作出日期）")
    request = text_area("复议请求及理由")
    agree = forms.BooleanField(label="本人承诺所填内容真实，并同意以短信接收受理、送达等告知")
