from django import forms
from django.core.validators import RegexValidator

from sifa.core.identifiers import validate_mobile

from .tracking import CODE_LENGTH


class MobileForm(forms.Form):
    mobile = forms.CharField(label="手机号码", max_length=20, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "tel", "placeholder": "请输入11位手机号码"}),
        error_messages={"required": "请输入手机号码。"})
    consent = forms.BooleanField(label="我已阅读并同意《个人信息保护告知》", required=True,
                                 error_messages={"required": "请先阅读并同意《个人信息保护告知》。"})

    def clean_mobile(self):
        return validate_mobile(self.cleaned_data["mobile"])


class CodeForm(forms.Form):
    mobile = forms.CharField(widget=forms.HiddenInput, max_length=20)
    code = forms.CharField(label="短信验证码", max_length=6, min_length=6, widget=forms.TextInput(attrs={
        "inputmode": "numeric", "autocomplete": "one-time-code", "placeholder": "6位数字"}),
        error_messages={"required": "请输入短信验证码。", "min_length": "验证码为6位数字。",
                        "max_length": "验证码为6位数字。"})


class LookupForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=CODE_LENGTH + 6, widget=forms.TextInput(attrs={
        "autocapitalize": "characters", "autocomplete": "off", "placeholder": f"{CODE_LENGTH}位查询码"}),
        error_messages={"required": "请输入查询码。"})
    last4 = forms.CharField(label="手机号码后4位", max_length=4, min_length=4,
                            validators=[RegexValidator(r"^\d{4}$", "请输入申请时所留手机号码的后4位数字。")],
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                            error_messages={"required": "请输入手机号码后4位。",
                                            "min_length": "请输入手机号码的后4位数字。"})
