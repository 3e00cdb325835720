"""Forms of the 法治督察 pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.models import Division
from sifa.core.steps import StepForm, date_field, text_area, with_blank
from sifa.reconsideration.forms import agencies_for
from sifa.reconsideration.models import Agency

from . import actions
from .models import Assessment, FindingCategory, InspectionKind, RecheckResult, ReporterPost, SubjectKind


class _SubjectForm(forms.Form):
    """A township of the user's county or an agency of the county's list (the action checks which applies)."""

    subject_kind = forms.ChoiceField(label="单位类别", choices=SubjectKind.choices)
    township = forms.ModelChoiceField(label="乡镇（街道）", queryset=Division.objects.none(), required=False)
    agency = forms.ModelChoiceField(label="部门", queryset=Agency.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["township"].queryset = actions.townships_of(user.org) if user is not None else Division.objects.none()
        self.fields["agency"].queryset = agencies_for(user)


class InspectionForm(_SubjectForm):
    kind = forms.ChoiceField(label="督察方式", choices=InspectionKind.choices)
    topic = forms.CharField(label="督察主题", max_length=200)
    planned_on = date_field("计划日期")
    leader = forms.CharField(label="督察组组长", max_length=50, required=False)
    inspectors = forms.CharField(label="督察组成员", max_length=300, required=False, help_text="多人以“、”分隔")

    field_order = ["kind", "subject_kind", "township", "agency", "topic", "planned_on", "leader", "inspectors"]

    def call(self):
        return actions.plan(self.user, org=self.user.org, **self.cleaned_data)


class StartForm(StepForm):
    started_on = date_field("进驻日期")

    def call(self, data):
        return actions.start(self.user, self.obj, **data)


class FindingForm(StepForm):
    description = text_area("问题描述")
    category = forms.ChoiceField(label="问题类别", choices=with_blank(FindingCategory.choices))
    found_on = date_field("发现日期")
    due_on = date_field("整改期限", required=False, today=False)

    def setup(self):
        self.fields["due_on"].help_text = "不填则为发现之日起一个月"

    def call(self, data):
        return actions.add_finding(self.user, self.obj, **data)


class FeedbackForm(StepForm):
    ended_on = date_field("督察结束日期")
    feedback_on = date_field("反馈日期")

    def call(self, data):
        return actions.feedback(self.user, self.obj, **data)


class CloseForm(StepForm):
    closed_on = date_field("办结日期")

    def call(self, data):
        return actions.close(self.user, self.obj, **data)


class RectifyForm(StepForm):
    rectified_on = date_field("整改完成日期")
    result = text_area("整改结果")

    def call(self, data):
        return actions.rectify(self.user, self.obj, **data)


class OverdueForm(StepForm):
    on = date_field("逾期日期")

    def call(self, data):
        return actions.mark_overdue(self.user, self.obj, **data)


class RecheckForm(StepForm):
    checked_on = date_field("回头看日期")
    result = forms.ChoiceField(label="回头看结果", choices=with_blank(RecheckResult.choices))
    note = text_area("回头看情况", required=False)
    new_due_on = date_field("重新整改期限", required=False, today=False)

    def setup(self):
        self.fields["new_due_on"].help_text = "整改未到位时填写；不填则为回头看之日起一个月"

    def call(self, data):
        return actions.recheck(self.user, self.obj, **data)


class MeetingForm(forms.Form):
    name = forms.CharField(label="会议名称", max_length=200, initial="党政主要负责人述法工作专题会议")
    held_on = date_field("会议日期")
    host = forms.CharField(label="主持人", max_length=50, required=False)
    note = text_area("会议情况", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def call(self):
        return actions.hold_meeting(self.user, org=self.user.org, **self.cleaned_data)


class ReportForm(_SubjectForm):
    reporter = forms.CharField(label="述法人", max_length=50)
    post = forms.ChoiceField(label="职务类别", choices=ReporterPost.choices)
    assessment = forms.ChoiceField(label="评议等次", choices=with_blank(Assessment.choices))
    notes = text_area("述法要点及评议意见", required=False)

    field_order = ["reporter", "post", "subject_kind", "township", "agency", "assessment", "notes"]

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def call(self):
        return actions.add_report(self.user, self.meeting, **self.cleaned_data)
