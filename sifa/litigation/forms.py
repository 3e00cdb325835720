"""Forms of the litigation pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.steps import StepForm, date_field, text_area, with_blank
from sifa.reconsideration.forms import agencies_for
from sifa.reconsideration.models import Agency, Case

from . import actions
from .models import HeadPost, Level, Outcome


class RegisterForm(forms.Form):
    number = forms.CharField(label="案号", max_length=80)
    level = forms.ChoiceField(label="审级", choices=Level.choices)
    court = forms.CharField(label="受理法院", max_length=100)
    plaintiff = forms.CharField(label="原告", max_length=200)
    cause = forms.CharField(label="案由（被诉行政行为）", max_length=200)
    agency = forms.ModelChoiceField(label="被告", queryset=Agency.objects.none())
    co_defendants = forms.ModelMultipleChoiceField(label="共同被告", queryset=Agency.objects.none(), required=False)
    reconsideration = forms.ModelChoiceField(label="关联复议案件（复议后起诉的）", queryset=Case.objects.none(),
                                             required=False)
    filed_on = date_field("立案日期")
    notice_received_on = date_field("收到应诉通知日期")
    agent = forms.CharField(label="委托代理人", max_length=100, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = self.fields["co_defendants"].queryset = agencies_for(user)
        self.fields["reconsideration"].queryset = Case.objects.for_user(user).exclude(number="")

    def call(self):
        from sifa.reconsideration.actions import bureau_of

        return actions.register(self.user, org=bureau_of(self.user.org), **self.cleaned_data)


class AnswerForm(StepForm):
    answered_on = date_field("提交答辩状日期")

    def call(self, data):
        return actions.answer(self.user, self.obj, **data)


class HearingForm(StepForm):
    held_on = date_field("开庭日期")
    head_present = forms.BooleanField(label="行政机关负责人出庭", required=False)
    head_name = forms.CharField(label="出庭负责人姓名", max_length=50, required=False)
    head_post = forms.ChoiceField(label="职务", choices=with_blank(HeadPost.choices), required=False)
    agents = forms.CharField(label="出庭代理人", max_length=100, required=False)

    def call(self, data):
        return actions.record_hearing(self.user, self.obj, **data)


class CloseForm(StepForm):
    outcome = forms.ChoiceField(label="裁判结果", choices=with_blank(Outcome.choices))
    closed_on = date_field("审结日期")

    def call(self, data):
        return actions.close(self.user, self.obj, **data)


class ServedForm(StepForm):
    served_on = date_field("裁判文书送达日期")

    def call(self, data):
        return actions.record_service(self.user, self.obj, **data)


class AppealForm(StepForm):
    number = forms.CharField(label="二审案号", max_length=80)
    court = forms.CharField(label="二审法院", max_length=100)
    filed_on = date_field("二审立案日期")
    notice_received_on = date_field("收到二审应诉通知日期")

    def call(self, data):
        return actions.appeal(self.user, self.obj, **data)


class RectifyForm(StepForm):
    reported_on = date_field("整改报告日期")
    report = text_area("整改情况")
    performed_on = date_field("履行完毕日期", required=False, today=False)

    def call(self, data):
        return actions.rectify(self.user, self.obj, **data)


class BulletinForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(label="季度", choices=[(str(q), f"第{'一二三四'[q - 1]}季度") for q in range(1, 5)])
