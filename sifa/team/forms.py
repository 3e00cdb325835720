"""Forms of the 队伍建设 pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.steps import date_field, text_area, with_blank

from . import actions
from .models import ActivityKind, ProblemCategory, RuleKind


class _Form(forms.Form):
    """Knows the acting user (and, for a change, the record); `call()` runs one action."""

    def __init__(self, *args, user=None, obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.obj = user, obj


class ActivityForm(_Form):
    kind = forms.ChoiceField(label="活动类别", choices=with_blank(ActivityKind.choices))
    held_on = date_field("活动日期")
    title = forms.CharField(label="名称（主题）", max_length=200)
    organizer = forms.CharField(label="举办单位", max_length=100, required=False)
    participants = forms.IntegerField(label="参加人数", min_value=0, required=False, initial=0)
    note = text_area("活动情况", required=False)

    def call(self):
        return actions.record_activity(self.user, org=self.user.org, **self.cleaned_data)


class ProblemForm(_Form):
    description = text_area("问题描述")
    category = forms.ChoiceField(label="问题类别", choices=ProblemCategory.choices)
    found_on = date_field("查摆日期")
    due_on = date_field("整改期限", required=False, today=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].help_text = "不填则为查摆之日起30日"

    def call(self):
        return actions.find_problem(self.user, org=self.user.org, **self.cleaned_data)


class RectifyForm(_Form):
    rectified_on = date_field("整改完成日期")
    measures = text_area("整改措施及结果")

    def call(self):
        return actions.rectify_problem(self.user, self.obj, **self.cleaned_data)


class SelfReportForm(_Form):
    reported_on = date_field("说明日期")
    officer = forms.CharField(label="干警姓名", max_length=50)
    is_regular = forms.BooleanField(label="正式干警", required=False, initial=True)
    matter = text_area("说明事项", required=False)

    def call(self):
        return actions.record_self_report(self.user, org=self.user.org, **self.cleaned_data)


class ClueForm(_Form):
    received_on = date_field("收到日期")
    source = forms.CharField(label="线索来源", max_length=100, help_text="如：县纪委监委转办、信访举报、12337平台")
    summary = text_area("线索摘要")

    def call(self):
        return actions.receive_clue(self.user, org=self.user.org, **self.cleaned_data)


class CloseClueForm(_Form):
    closed_on = date_field("办结日期")
    result = text_area("办理结果")

    def call(self):
        return actions.close_clue(self.user, self.obj, **self.cleaned_data)


class RuleForm(_Form):
    title = forms.CharField(label="制度名称", max_length=200)
    kind = forms.ChoiceField(label="制定或修订", choices=RuleKind.choices)
    adopted_on = date_field("印发日期")
    doc_number = forms.CharField(label="文号", max_length=60, required=False)

    def call(self):
        return actions.adopt_rule(self.user, org=self.user.org, **self.cleaned_data)
