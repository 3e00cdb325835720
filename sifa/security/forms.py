from django import forms
from django.apps import apps

from sifa.core.models.accounts import Role
from sifa.core.models.audit import AuditEventType

from .unmask import MAX_REASON_CHARS, clean_reason

OUTCOME_CHOICES = [("success", "成功"), ("failure", "失败"), ("denied", "拒绝")]
ANY = [("", "全部")]


def object_type_choices():
    models = sorted(apps.get_models(), key=lambda m: (m._meta.app_label, str(m._meta.verbose_name)))
    return ANY + [(m._meta.label_lower, f"{m._meta.verbose_name}（{m._meta.label_lower}）") for m in models]


class AuditSearchForm(forms.Form):
    start = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    username = forms.CharField(label="账号", required=False, max_length=150)
    role = forms.ChoiceField(label="角色", required=False, choices=ANY + list(Role.choices))
    event = forms.ChoiceField(label="事件类型", required=False, choices=ANY + list(AuditEventType.choices))
    object_type = forms.ChoiceField(label="对象类型", required=False, choices=object_type_choices)
    object_id = forms.CharField(label="对象编号", required=False, max_length=64)
    ip = forms.GenericIPAddressField(label="IP地址", required=False, unpack_ipv4=True,
                                     error_messages={"invalid": "请输入有效的IPv4或IPv6地址。"})
    outcome = forms.ChoiceField(label="结果", required=False, choices=ANY + OUTCOME_CHOICES)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data

    def active_filters(self) -> dict:
        """The non-empty filters as text, for the export's audit row and the page's query string."""
        return {k: str(v) for k, v in self.cleaned_data.items() if v not in (None, "")}


class UnmaskReasonForm(forms.Form):
    reason = forms.CharField(label="解除脱敏事由", max_length=MAX_REASON_CHARS, required=False,
                             widget=forms.Textarea(attrs={"rows": 3, "placeholder": "例如：核对申请人身份以办理援助审批"}))

    def clean_reason(self):
        return clean_reason(self.cleaned_data.get("reason"))
