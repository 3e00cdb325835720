"""Forms of the lawyers pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import date_field, text_area
from sifa.reconsideration.actions import bureau_of
from sifa.reconsideration.forms import agencies_for

from . import actions
from .models import Area, Category, ClientKind, ComplaintOutcome, Firm, FirmForm, Lawyer, ServiceKind


def firms_for(user):
    return Firm.objects.for_user(user).select_related("service_org").order_by("service_org__name")


def lawyers_for(user):
    return Lawyer.objects.for_user(user).filter(ended_on__isnull=True).select_related("provider").order_by(
        "provider__name")


class FirmCreateForm(forms.Form):
    name = forms.CharField(label="机构名称", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30)
    form = forms.ChoiceField(label="组织形式", choices=FirmForm.choices)
    partners = forms.IntegerField(label="合伙人数", min_value=0, initial=0)
    director = forms.CharField(label="负责人", max_length=50)
    address = forms.CharField(label="办公地址", max_length=200)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    founded_on = date_field("设立日期", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def call(self):
        return actions.register_firm(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class LawyerCreateForm(SensitiveForm):
    name = forms.CharField(label="姓名", max_length=50)
    category = forms.ChoiceField(label="类别", choices=Category.choices)
    licence_number = forms.CharField(label="执业证号", max_length=30, help_text="律师为17位数字，第10位为类别位（1专职、2兼职）")
    licensed_on = date_field("执业日期")
    firm = forms.ModelChoiceField(label="执业机构（律师事务所、基层法律服务所）", queryset=Firm.objects.none(),
                                  required=False)
    employer = forms.ModelChoiceField(label="任职单位（公职律师）", queryset=None, required=False)
    employer_name = forms.CharField(label="任职单位（公司律师）", max_length=100, required=False)
    reallocated_to = forms.ModelChoiceField(label="统筹调配服务单位（公职律师）", queryset=None, required=False)
    areas = forms.MultipleChoiceField(label="执业领域", choices=Area.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.CharField(label="服务语言", max_length=60, initial="普通话", required=False)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["firm"].queryset = firms_for(user)
        self.fields["employer"].queryset = self.fields["reallocated_to"].queryset = agencies_for(user)

    def call(self):
        data = dict(self.cleaned_data)
        return actions.register_lawyer(self.user, org=bureau_of(self.user.org), **data)


class ContractCreateForm(forms.Form):
    adviser = forms.ModelChoiceField(label="法律顾问", queryset=Lawyer.objects.none())
    client_kind = forms.ChoiceField(label="服务对象类型", choices=ClientKind.choices)
    client_name = forms.CharField(label="服务对象名称", max_length=100, required=False)
    client_credit_code = forms.CharField(label="服务对象统一社会信用代码", max_length=30, required=False)
    village = forms.CharField(label="村(社区)区划代码（12位）", max_length=12, required=False)
    grid = forms.CharField(label="法律顾问网格", max_length=50, required=False)
    started_on = date_field("聘任起始日期", today=False)
    ended_on = date_field("聘任终止日期", today=False)
    fee = forms.DecimalField(label="顾问费（元/年）", min_value=0, initial=0, decimal_places=2)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["adviser"].queryset = lawyers_for(user)

    def call(self):
        from sifa.core.models import Division

        data = dict(self.cleaned_data)
        code = data.pop("village") or ""
        village = Division.objects.filter(code=code).first() if code else None
        return actions.sign_contract(self.user, org=bureau_of(self.user.org), village=village, **data)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label="服务类型", choices=ServiceKind.choices)
    served_on = date_field("服务日期")
    count = forms.IntegerField(label="件（次）数", min_value=1, initial=1)
    note = forms.CharField(label="情况", max_length=300, required=False)


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label="年度")
    grade = forms.ChoiceField(label="考评等次", choices=[("excellent", "优秀"), ("qualified", "称职"),
                                                       ("basic", "基本称职"), ("unqualified", "不称职")])
    evaluated_on = date_field("考评日期")
    comment = forms.CharField(label="服务单位评价意见", max_length=300, required=False)


class CampaignForm(forms.Form):
    name = forms.CharField(label="活动名称", max_length=100)
    started_on = date_field("开始日期", today=False)
    ended_on = date_field("结束日期", today=False)


class TeamForm(forms.Form):
    name = forms.CharField(label="团队名称", max_length=60)
    firm = forms.ModelChoiceField(label="律师事务所", queryset=Firm.objects.none())
    lawyers = forms.ModelMultipleChoiceField(label="团队律师", queryset=Lawyer.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms_for(user)
        self.fields["lawyers"].queryset = lawyers_for(user)


class VisitForm(SensitiveForm):
    team = forms.ModelChoiceField(label="体检团队", queryset=None)
    enterprise = forms.CharField(label="企业名称", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30)
    contact = forms.CharField(label="企业联系人", max_length=50, required=False)
    contact_mobile = forms.CharField(label="联系人手机号码", max_length=20, required=False)
    visited_on = date_field("体检日期")
    consultations = forms.IntegerField(label="解答咨询（次）", min_value=0, initial=0)
    problems = forms.IntegerField(label="发现解决问题（个）", min_value=0, initial=0)
    contracts = forms.IntegerField(label="审查合同（份）", min_value=0, initial=0)
    opinions = forms.IntegerField(label="提出法律意见（条）", min_value=0, initial=0)
    findings = text_area("发现的主要法律风险", required=False)
    advice = text_area("法律意见和建议", required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = campaign.teams.all()


class DutyForm(forms.Form):
    lawyer = forms.ModelChoiceField(label="值班律师", queryset=Lawyer.objects.none())
    on_date = date_field("值班日期")
    place = forms.CharField(label="接访地点", max_length=100, initial="县信访局接访大厅")
    visitors = forms.IntegerField(label="接待来访群众（人次）", min_value=0)
    consultations = forms.IntegerField(label="解答咨询（人次）", min_value=0)
    matters = forms.IntegerField(label="参与处理信访事项（件）", min_value=0)
    note = forms.CharField(label="情况", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers_for(user)


class ComplaintForm(SensitiveForm):
    complainant = forms.CharField(label="投诉人", max_length=50)
    mobile = forms.CharField(label="投诉人手机号码", max_length=20, required=False)
    summary = text_area("投诉事项")
    received_on = date_field("收到投诉日期")


class CloseComplaintForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=ComplaintOutcome.choices)
    closed_on = date_field("办结日期")
    decision_number = forms.CharField(label="处理（处罚）决定书文号", max_length=80, required=False)
