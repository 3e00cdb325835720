"""Forms of the enforcement pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field, text_area
from sifa.reconsideration.actions import bureau_of
from sifa.reconsideration.forms import agencies_for

from . import actions
from .models import (
    FILE_CATEGORIES,
    Body,
    BodyKind,
    Category,
    CertKind,
    CertStatus,
    ContactPoint,
    Officer,
    OpinionSource,
    ScoreSheet,
    SpecialCheck,
    Supervisor,
    SupervisorKind,
    VerificationKind,
)


def bodies_for(user):
    return Body.objects.for_user(user).select_related("agency").order_by("agency__name")


class BodyForm(forms.Form):
    agency = forms.ModelChoiceField(label="行政机关（行政机关名录中已登记的）", queryset=None)
    kind = forms.ChoiceField(label="主体类型", choices=BodyKind.choices)
    duties = forms.CharField(label="执法职责", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    matters = forms.CharField(label="执法事项（每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    procedure = forms.CharField(label="执法程序", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    remedy = forms.CharField(label="救济途径", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    address = forms.CharField(label="办公地址", max_length=200, required=False)
    phone = forms.CharField(label="监督电话", max_length=30, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = agencies_for(user).filter(enforcement__isnull=True)

    def call(self):
        return actions.register_body(self.user, **self.cleaned_data)


class OfficerForm(SensitiveForm):
    body = forms.ModelChoiceField(label="执法主体", queryset=None)
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号", max_length=18, required=False)
    position = forms.CharField(label="职务", max_length=50, required=False)
    cert_kind = forms.ChoiceField(label="证件类别", choices=CertKind.choices)
    cert_number = forms.CharField(label="证件号码", max_length=20, help_text="12位：6位行政区划代码＋证件类别（1执法证/2监督证）＋5位顺序号")
    issued_on = date_field("发证日期")
    valid_until = date_field("有效期至", today=False)
    training_hours = forms.IntegerField(label="本年度培训学时", min_value=0, initial=0)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].queryset = bodies_for(user)

    def call(self):
        return actions.add_officer(self.user, **self.cleaned_data)


class OpinionForm(forms.Form):
    number = forms.CharField(label="文号", max_length=60)
    source = forms.ChoiceField(label="来源", choices=OpinionSource.choices)
    body = forms.ModelChoiceField(label="被监督单位", queryset=None)
    subject = forms.CharField(label="事由", max_length=200)
    content = text_area("监督意见", rows=4)
    issued_on = date_field("发出日期")
    due_on = date_field("整改期限（不填为发出之日起30日）", required=False, today=False)
    special_check = forms.ModelChoiceField(label="所属专项监督", queryset=None, required=False)
    supervisor = forms.ModelChoiceField(label="提出问题的监督员", queryset=None, required=False)
    contact_point = forms.ModelChoiceField(label="反映问题的联系点", queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].queryset = bodies_for(user)
        self.fields["special_check"].queryset = SpecialCheck.objects.for_user(user)
        self.fields["supervisor"].queryset = Supervisor.objects.for_user(user)
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(user)

    def call(self):
        return actions.issue_opinion(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class CampaignForm(forms.Form):
    title = forms.CharField(label="评查活动名称", max_length=200)
    sheet = forms.ModelChoiceField(label="评分表", queryset=None, required=False,
                                   help_text="不选则使用标准评分表（主体10、证据25、程序25、法律适用25、文书15；90分以上优秀，60分以上合格）")
    files_from = date_field("抽查案卷起始日期", today=False)
    files_to = date_field("抽查案卷截止日期", today=False)
    started_on = date_field("开始日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sheet"].queryset = ScoreSheet.objects.for_user(user)

    def call(self):
        data = dict(self.cleaned_data)
        data["sheet"] = data["sheet"] or actions.standard_sheet(self.user, self.user.org)
        return actions.open_campaign(self.user, org=bureau_of(self.user.org), **data)


class SupervisorForm(SensitiveForm):
    kind = forms.ChoiceField(label="类别", choices=SupervisorKind.choices)
    name = forms.CharField(label="姓名", max_length=50)
    employer = forms.CharField(label="工作单位及职务", max_length=100, required=False)
    mobile = forms.CharField(label="手机号码", max_length=11, required=False)
    appointed_on = date_field("聘任日期")
    term_ends_on = date_field("聘期届满日期", required=False, today=False)
    contact_point = forms.ModelChoiceField(label="所在联系点", queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(user)

    def call(self):
        return actions.appoint_supervisor(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class ContactPointForm(forms.Form):
    name = forms.CharField(label="联系点名称", max_length=100)
    address = forms.CharField(label="地址", max_length=200, required=False)
    established_on = date_field("设立日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def call(self):
        return actions.add_contact_point(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class CheckForm(forms.Form):
    theme = forms.CharField(label="监督主题", max_length=200)
    held_on = date_field("开展日期")
    findings = text_area("发现问题", required=False)
    bodies = forms.ModelMultipleChoiceField(label="被监督的执法主体", queryset=None, required=False)
    supervisors = forms.ModelMultipleChoiceField(label="参加的监督员", queryset=None, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["bodies"].queryset = bodies_for(user)
        self.fields["supervisors"].queryset = Supervisor.objects.for_user(user)

    def call(self):
        return actions.record_check(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class DecisionForm(SensitiveForm):
    body = forms.ModelChoiceField(label="执法主体", queryset=None)
    category = forms.ChoiceField(label="决定类别", choices=Category.choices)
    number = forms.CharField(label="决定书文号", max_length=80)
    title = forms.CharField(label="案件名称（事项）", max_length=200)
    party_name = forms.CharField(label="当事人", max_length=100)
    party_is_person = forms.BooleanField(label="当事人为自然人（公示时隐去姓名）", required=False, initial=True)
    party_id_number = forms.CharField(label="当事人身份证号（不公示）", max_length=18, required=False)
    basis = forms.CharField(label="执法依据", max_length=300, required=False)
    content = text_area("决定内容", required=False)
    decided_on = date_field("决定日期")
    published_on = date_field("公示日期")
    officers = forms.ModelMultipleChoiceField(label="承办执法人员（两名以上持证）", queryset=None)
    legal_review = forms.BooleanField(label="经法制审核", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].queryset = bodies_for(user)
        self.fields["officers"].queryset = Officer.objects.for_user(user).filter(
            cert_kind=CertKind.ENFORCEMENT).select_related("body__agency")
        self.fields["officers"].label_from_instance = lambda o: f"{o.body.name} {o.name}（{o.cert_number}）"

    def call(self):
        return actions.publish_decision(self.user, **self.cleaned_data)


# ---------------------------------------------------------------------------------------- step forms

class VerifyForm(StepForm):
    kind = forms.ChoiceField(label="审验类别", choices=[c for c in VerificationKind.choices
                                                       if c[0] != VerificationKind.NEW])
    checked_on = date_field("审验日期")
    passed = forms.BooleanField(label="通过", required=False, initial=True)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def call(self, data):
        return actions.verify(self.user, self.obj, **data)


class ExamForm(StepForm):
    sat_on = date_field("考试日期")
    score = forms.DecimalField(label="成绩", max_digits=5, decimal_places=1)

    def call(self, data):
        return actions.record_exam(self.user, self.obj, **data)


class StatusForm(StepForm):
    status = forms.ChoiceField(label="证件状态", choices=CertStatus.choices)
    reason = forms.CharField(label="原因", max_length=200, required=False)
    on = date_field("变更日期")

    def call(self, data):
        return actions.set_status(self.user, self.obj, **data)


class SampleForm(StepForm):
    body = forms.ModelChoiceField(label="执法主体", queryset=None)
    category = forms.ChoiceField(label="案卷类别", choices=[(c.value, c.label) for c in FILE_CATEGORIES])
    count = forms.IntegerField(label="随机抽取数量", min_value=1, max_value=500, required=False)
    numbers = forms.CharField(label="或指定案卷号（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sampled_on = date_field("抽取日期")

    def setup(self):
        self.fields["body"].queryset = bodies_for(self.user)

    def call(self, data):
        numbers = [n for n in (data.pop("numbers") or "").splitlines() if n.strip()]
        return actions.sample(self.user, self.obj, numbers=numbers, count=data.pop("count") or 0, **data)


class StartReviewForm(StepForm):
    def call(self, data):
        return actions.start_review(self.user, self.obj)


class NotifyForm(StepForm):
    notice_number = forms.CharField(label="通报文号", max_length=60)
    notified_on = date_field("通报日期")
    rectify_due = date_field("整改期限", today=False)

    def call(self, data):
        return actions.notify_campaign(self.user, self.obj, **data)


class CloseCampaignForm(StepForm):
    closed_on = date_field("整改完成日期")

    def call(self, data):
        return actions.close_campaign(self.user, self.obj, **data)


class ReceiveOpinionForm(StepForm):
    received_on = date_field("签收日期")

    def call(self, data):
        return actions.receive_opinion(self.user, self.obj, **data)


class ReplyForm(StepForm):
    replied_on = date_field("反馈日期")
    reply = text_area("整改反馈")

    def call(self, data):
        return actions.reply_opinion(self.user, self.obj, **data)


class RecheckForm(StepForm):
    rechecked_on = date_field("复查日期")
    passed = forms.TypedChoiceField(label="复查结论", choices=[("1", "整改到位"), ("0", "整改未到位，继续整改")],
                                    coerce=lambda v: v == "1")
    note = text_area("复查意见")

    def call(self, data):
        return actions.recheck_opinion(self.user, self.obj, **data)


class CloseOpinionForm(StepForm):
    closed_on = date_field("销号日期")

    def call(self, data):
        return actions.close_opinion(self.user, self.obj, **data)


def score_form_class(sheet):
    """The scoring form of one file: a deduction and a reason per item of the campaign's sheet."""
    fields = {"reviewed_on": date_field("评查日期"), "comments": text_area("评查意见", required=False, rows=2)}
    for item in sheet.items.all():
        fields[f"d_{item.pk}"] = forms.DecimalField(
            label=f"{item.get_category_display()}：{item.text}（最多扣{item.points}分）", required=False,
            min_value=0, max_digits=5, decimal_places=1)
        fields[f"n_{item.pk}"] = forms.CharField(label="扣分理由", max_length=200, required=False)
    return type("ScoreForm", (forms.Form,), fields)


def deductions_from(sheet, data) -> dict:
    return {item.pk: (data.get(f"d_{item.pk}"), data.get(f"n_{item.pk}") or "") for item in sheet.items.all()
            if data.get(f"d_{item.pk}") not in (None, "")}


class RectifyFileForm(forms.Form):
    rectified_on = date_field("整改完成日期")
    rectification = text_area("整改情况")

