"""Forms of the report and boundary pages: field shapes only; the rules live in actions."""

from django import forms

from .models import PERCENT_DECIMALS_CHOICES, TargetComparison

TEXTAREA_HELP = "每段一行；以“(一)”开头的段落，第一句作为小标题（楷体）。"


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label="标题", max_length=100, required=False, help_text="留空则按机构和期间自动生成")
    signer = forms.CharField(label="落款单位", max_length=100, required=False, help_text="留空则为机构名称")
    signed_on = forms.DateField(label="成文日期", required=False, help_text="留空则为导出当日",
                                widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": "日期格式不正确，应为 年-月-日，如 2021-08-13。"})
    percent_decimals = forms.TypedChoiceField(label="百分比", choices=PERCENT_DECIMALS_CHOICES, coerce=int,
                                              initial=0, help_text="取整后会误显示为100%或0%时，自动保留2位小数")
    problems = forms.CharField(label="二、存在问题", required=False, help_text=TEXTAREA_HELP,
                               widget=forms.Textarea(attrs={"rows": 8}))
    plans = forms.CharField(label="三、下步打算", required=False, help_text=TEXTAREA_HELP,
                            widget=forms.Textarea(attrs={"rows": 10}))


class SentenceForm(forms.Form):
    key = forms.CharField(max_length=120, widget=forms.HiddenInput)
    text = forms.CharField(label="句子", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "句子不能为空；如要恢复系统生成的句子，请点“恢复原句”。"})


class BoundaryForm(forms.Form):
    org = forms.ChoiceField(label="机构")
    name = forms.CharField(label="名称", max_length=100, required=False, help_text="如“砀山县乡镇边界（2023）”")
    file = forms.FileField(label="GeoJSON 文件", help_text="FeatureCollection，要素为 Polygon/MultiPolygon，"
                                                           "properties 中用 code 或 adcode 填写区划代码；不超过5 MB")

    def __init__(self, org_choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = org_choices


class TargetForm(forms.Form):
    """A target's fields; the rules (indicator, value, year, dimensions, scope) live in actions.set_target."""

    org = forms.ChoiceField(label="机构")
    year = forms.CharField(label="年度", max_length=6)
    code = forms.ChoiceField(label="指标")
    comparison = forms.ChoiceField(label="比较方式", choices=TargetComparison.choices)
    value = forms.CharField(label="目标值", max_length=30, help_text="按指标单位填写，百分比填数字（如 100）")
    dims = forms.CharField(label="维度筛选", max_length=200, required=False,
                           help_text="可留空；如只对某一类设目标，写“维度=取值”，如 category=专职律师")
    note = forms.CharField(label="依据或说明", max_length=200, required=False, help_text="如“市委社建委考核指标”")

    def __init__(self, org_choices, *args, **kwargs):
        from sifa.indicators import registry

        super().__init__(*args, **kwargs)
        self.fields["org"].choices = org_choices
        self.fields["code"].choices = [(i.code, f"{i.line or '其他'} · {i.name}（{i.unit}）")
                                       for i in registry.all_indicators()]


class DefaultTargetsForm(forms.Form):
    org = forms.ChoiceField(label="机构")
    year = forms.CharField(label="年度", max_length=6)

    def __init__(self, org_choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = org_choices
