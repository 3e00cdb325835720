"""Forms of the notary pages (parsing only; the rules live in actions.py)."""

from __future__ import annotations

from django import forms

from sifa.core.access import orgs_within_reach
from sifa.core.models import OrgKind, OrgUnit
from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field, text_area, with_blank

from . import actions
from .models import Category, Channel, NotaryItem, PauseReason, RefusalReason


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def offices_for(user):
    return orgs_within_reach(user).filter(kind=OrgKind.NOTARY_OFFICE, active=True)


def parse_tiers(text: str) -> list[tuple[str | None, str]]:
    """“500000:3, 5000000:2, :1” → [("500000", "3"), ("5000000", "2"), (None, "1")]."""
    tiers = []
    for part in (text or "").replace("，", ",").replace("：", ":").split(","):
        part = part.strip()
        if not part:
            continue
        if ":" not in part:
            raise forms.ValidationError(f"收费档次“{part}”格式应为“标的额上限:费率‰”，最后一档上限留空。")
        upper, rate = (x.strip() for x in part.split(":", 1))
        tiers.append((upper or None, rate))
    return tiers


class ItemForm(forms.Form):
    org = NamedChoice(label="公证处", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="公证事项", max_length=100)
    category = forms.ChoiceField(label="事项类别（公证法第十一条）", choices=with_blank(Category.choices))
    one_visit = forms.BooleanField(label="列入“最多跑一次”清单", required=False)
    online = forms.BooleanField(label="可网上申请", required=False)
    base_fee = forms.DecimalField(label="基本收费（元/件）", min_value=0, max_digits=10, decimal_places=2, initial=0)
    copy_fee = forms.DecimalField(label="每增加一份副本（元）", min_value=0, max_digits=10, decimal_places=2, initial=0)
    value_based = forms.BooleanField(label="按标的额累进收费", required=False)
    min_fee = forms.DecimalField(label="最低收费（元）", min_value=0, max_digits=10, decimal_places=2, initial=0)
    tiers = forms.CharField(label="收费档次", required=False, max_length=500,
                            help_text="按标的额收费时填写，如“500000:3, 5000000:2, :1”（上限:费率‰，最后一档上限留空）")
    materials = forms.CharField(label="所需材料", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    effective_from = date_field("列入事项清单日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = offices_for(user)

    def clean_tiers(self):
        return parse_tiers(self.cleaned_data["tiers"])


class ItemEditForm(StepForm):
    one_visit = forms.BooleanField(label="列入“最多跑一次”清单", required=False)
    online = forms.BooleanField(label="可网上申请", required=False)
    base_fee = forms.DecimalField(label="基本收费（元/件）", min_value=0, max_digits=10, decimal_places=2)
    copy_fee = forms.DecimalField(label="每增加一份副本（元）", min_value=0, max_digits=10, decimal_places=2)
    min_fee = forms.DecimalField(label="最低收费（元）", min_value=0, max_digits=10, decimal_places=2)
    tiers = forms.CharField(label="收费档次", required=False, max_length=500,
                            help_text="如“500000:3, 5000000:2, :1”；不按标的额收费的留空")
    withdrawn_on = date_field("停办日期", required=False, today=False)

    def setup(self):
        if self.obj is not None and not self.is_bound:
            for name in ("one_visit", "online", "base_fee", "copy_fee", "min_fee", "withdrawn_on"):
                self.initial[name] = getattr(self.obj, name)
            self.initial["tiers"] = ", ".join(f"{t.upper_bound or ''}:{t.rate_permille}" for t in self.obj.tiers.all())

    def clean_tiers(self):
        return parse_tiers(self.cleaned_data["tiers"])

    def call(self, data):
        data = dict(data)
        tiers = data.pop("tiers")
        return actions.update_item(self.user, self.obj, tiers=tiers if self.obj.value_based else None, **data)


class MatterForm(SensitiveForm):
    org = NamedChoice(label="公证处", queryset=OrgUnit.objects.none())
    item = forms.ModelChoiceField(label="公证事项", queryset=NotaryItem.objects.none())
    channel = forms.ChoiceField(label="受理渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    accepted_on = date_field("受理日期")
    notary = forms.CharField(label="承办公证员", max_length=50)
    applicant_name = forms.CharField(label="申请人", max_length=100)
    applicant_id = forms.CharField(label="申请人证件号码", max_length=20)
    applicant_mobile = forms.CharField(label="联系电话", max_length=20, required=False)
    copies = forms.IntegerField(label="公证书份数", min_value=1, max_value=50, initial=1)
    subject_value = forms.DecimalField(label="标的额（元，按标的额收费的事项填写）", min_value=0, max_digits=16,
                                       decimal_places=2, required=False)
    foreign = forms.BooleanField(label="涉外（涉港澳台）", required=False)
    use_place = forms.CharField(label="使用地", max_length=100, required=False)
    purpose = forms.CharField(label="用途", max_length=200, required=False)
    green_channel = forms.BooleanField(label="绿色通道", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = offices_for(user)
        self.fields["item"].queryset = NotaryItem.objects.for_user(user).filter(withdrawn_on__isnull=True)


class AcceptForm(StepForm):
    accepted_on = date_field("受理日期")
    notary = forms.CharField(label="承办公证员", max_length=50)

    def call(self, data):
        return actions.accept_pre_application(self.user, self.obj, **data)


class PauseForm(StepForm):
    reason = forms.ChoiceField(label="中止原因（公证法第三十条）", choices=PauseReason.choices)
    started_on = date_field("开始日期")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def call(self, data):
        return actions.pause(self.user, self.obj, **data)


class ResumeForm(StepForm):
    ended_on = date_field("中止结束日期")

    def call(self, data):
        return actions.resume(self.user, self.obj, **data)


class IssueForm(StepForm):
    issued_on = date_field("出证日期")
    late_reason = text_area("逾期原因（超过15个工作日的须填写）", required=False)

    def call(self, data):
        return actions.issue(self.user, self.obj, **data)


class RefuseForm(StepForm):
    reason = forms.ChoiceField(label="不予办理理由（公证法第三十一条）", choices=RefusalReason.choices)
    refused_on = date_field("日期")
    note = text_area("告知申请人的说明")

    def call(self, data):
        return actions.refuse(self.user, self.obj, **data)


class WithdrawForm(StepForm):
    withdrawn_on = date_field("撤回日期")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def call(self, data):
        return actions.withdraw(self.user, self.obj, **data)


class PreApplicationForm(SensitiveForm):
    item = forms.ModelChoiceField(label="公证事项", queryset=NotaryItem.objects.none(), empty_label="请选择")
    applicant_name = forms.CharField(label="申请人姓名", max_length=100)
    applicant_id = forms.CharField(label="身份证号码", max_length=20)
    copies = forms.IntegerField(label="公证书份数", min_value=1, max_value=20, initial=1)
    foreign = forms.BooleanField(label="在境外（含港澳台）使用", required=False)
    use_place = forms.CharField(label="使用地", max_length=100, required=False)
    purpose = forms.CharField(label="用途", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = NotaryItem.objects.filter(online=True, withdrawn_on__isnull=True,
                                                                 org__active=True).select_related("org")
        self.fields["item"].label_from_instance = lambda i: f"{i.name}（{i.org.name}）{'·最多跑一次' if i.one_visit else ''}"
