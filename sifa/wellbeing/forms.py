"""Forms of 心理评估与预警. They only shape the input; the actions validate it (in Chinese) and write."""

from django import forms

from .models import FollowUpResult, InterventionKind, RiskKind

DATE = forms.DateInput(attrs={"type": "date"})


class RiskFactorForm(forms.Form):
    kind = forms.ChoiceField(label="风险因素", choices=RiskKind.choices)
    noted_on = forms.DateField(label="发现日期", widget=DATE)
    note = forms.CharField(label="情况说明", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label="干预方式", choices=InterventionKind.choices)
    done_on = forms.DateField(label="干预日期", widget=DATE)
    measures = forms.CharField(label="干预措施", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    plan_supplement = forms.CharField(label="矫正方案补充内容", required=False, max_length=2000,
                                      help_text="填写后写入该对象的矫正方案（社区矫正法第二十四条）。",
                                      widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    followed_on = forms.DateField(label="回访日期", widget=DATE)
    result = forms.ChoiceField(label="回访结果", choices=FollowUpResult.choices)
    content = forms.CharField(label="回访情况", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    close = forms.BooleanField(label="风险已消除，解除预警", required=False)


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label="消除日期", widget=DATE)
