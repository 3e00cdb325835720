from django import forms

from sifa.core.access import orgs_within_reach

from . import registry


class BaselineForm(forms.Form):
    """The fields of a baseline; the rules (past period, value format, scope) live in actions.set_baseline."""

    code = forms.ChoiceField(label="指标")
    org = forms.ChoiceField(label="机构")
    period = forms.CharField(label="统计期间", max_length=40, help_text="如 2020、2020H1、2020Q3、2020-05")
    value = forms.CharField(label="数值", max_length=30, help_text="按指标单位填写，百分比填数字（如 97.5）")
    source = forms.CharField(label="数据来源", max_length=200, help_text="如“2020年工作总结”")
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(i.code, f"{i.line or '其他'} · {i.name}（{i.unit}）")
                                       for i in registry.all_indicators()]
        units = orgs_within_reach(user)
        self.fields["org"].choices = [(u.code, u.name) for u in units.only("code", "name")]
        self.fields["org"].initial = user.org.code
