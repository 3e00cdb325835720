"""Forms of the track pages: plain input holders; every check that matters is in actions.py."""

from django import forms

from sifa.corrections.rules import SANCTION_GROUNDS

from .models import Crs, SourceKind

GROUNDS = [("minor_breach", "违反外出等规定，情节轻微（训诫）"), ("serious_breach", "违反外出等规定，情节较重（警告）"),
           ("other_minor", "其他违反监督管理规定，情节轻微（训诫）"), ("other_serious", "其他违反监督管理规定，情节较重（警告）")]
assert all(code in dict(SANCTION_GROUNDS["admonition"]) | dict(SANCTION_GROUNDS["warning"]) for code, _ in GROUNDS)


class SourceForm(forms.Form):
    name = forms.CharField(label="来源名称", max_length=100)
    kind = forms.ChoiceField(label="定位方式", choices=SourceKind.choices)
    crs = forms.ChoiceField(label="坐标系", choices=Crs.choices)


class UploadForm(forms.Form):
    source = forms.TypedChoiceField(label="轨迹来源", coerce=int, choices=())
    file = forms.FileField(label="轨迹文件（CSV 或 Parquet）",
                           help_text="列：person_id（档案编号或身份证号码）, ts, lon, lat，可选 accuracy_m、point_id。"
                                     "任一行有误则整份文件不导入。")

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s.pk, str(s)) for s in sources]


class BoundaryForm(forms.Form):
    file = forms.FileField(label="边界文件（GeoJSON）")
    crs = forms.ChoiceField(label="坐标系", choices=Crs.choices)
    name = forms.CharField(label="名称", max_length=100, required=False)


class ExtraAreaForm(forms.Form):
    subject = forms.CharField(label="对象档案编号或身份证号码", max_length=60)
    name = forms.CharField(label="区域名称", max_length=100, help_text="如：经批准的萧县某厂工作地点")
    basis = forms.CharField(label="批准依据", max_length=200)
    file = forms.FileField(label="区域文件（GeoJSON）")
    crs = forms.ChoiceField(label="坐标系", choices=Crs.choices)
    valid_from = forms.DateField(label="起始日", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label="截止日", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RunForm(forms.Form):
    start = forms.DateField(label="排查起始日", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="排查截止日", widget=forms.DateInput(attrs={"type": "date"}))
    buffer_m = forms.FloatField(label="边界缓冲（米）", initial=200, min_value=0, max_value=5000)
    min_minutes = forms.FloatField(label="最短持续（分钟）", initial=30, min_value=0, max_value=1440)


class ConfirmForm(forms.Form):
    finding = forms.CharField(label="核查情况", widget=forms.Textarea(attrs={"rows": 3}))
    handover = forms.ChoiceField(label="移送处理", choices=[("admonition", "提出训诫"), ("warning", "提出警告"),
                                                        ("", "不移送，仅登记核查结果")], required=False)
    ground = forms.ChoiceField(label="依据情形", choices=GROUNDS)


class ExcludeForm(forms.Form):
    reason = forms.CharField(label="排除理由", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="如：定位漂移、经批准的行程、设备故障等")


class PoliceListForm(forms.Form):
    provider = forms.CharField(label="提供单位", max_length=100, initial="县公安局")
    received_on = forms.DateField(label="收到日期", widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label="名单文件（CSV 或 xlsx）", help_text="须有“身份证号码”列；可有姓名、涉嫌案由、案发日期、办案单位。")
