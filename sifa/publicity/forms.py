"""Forms of the publicity pages: each parses input and calls one action (the action checks everything)."""

from __future__ import annotations

from django import forms

from sifa.core.models import Division
from sifa.core.models.orgs import DivisionLevel
from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import date_field, with_blank
from sifa.reconsideration.forms import agencies_for

from . import actions
from .models import (
    Assessment,
    Audience,
    BackboneKind,
    BackboneSource,
    DutyItem,
    Form,
    Grade,
    Level,
    Platform,
    Topic,
    VenueKind,
)

NUMBER = {"inputmode": "numeric", "pattern": "[0-9]*", "min": "0"}


def villages_for(user):
    """The villages of the user's area (a 司法所: its township; the bureau: the county)."""
    if user is None or not getattr(user, "org_id", None):
        return Division.objects.none()
    return Division.objects.filter(level=DivisionLevel.VILLAGE, code__startswith=user.org.division_id).order_by("code")


class VillageChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name if obj.parent_id else ''} {obj.name}".strip()


def village_field(required=False, label="村（社区）"):
    return VillageChoice(label=label, queryset=Division.objects.none(), required=required,
                         empty_label="（全镇或全县性活动，不选）" if not required else "请选择")


def amount(label):
    return forms.IntegerField(label=label, min_value=0, required=False, initial=0,
                              widget=forms.NumberInput(attrs=NUMBER))


class ActivityForm(forms.Form):
    held_on = date_field("活动日期")
    title = forms.CharField(label="活动名称", max_length=200)
    form = forms.ChoiceField(label="活动形式", choices=Form.choices)
    topic = forms.ChoiceField(label="普法主题", choices=with_blank(Topic.choices))
    audience = forms.ChoiceField(label="对象", choices=Audience.choices)
    village = village_field()
    place = forms.CharField(label="活动地点", max_length=200, required=False)
    organiser = forms.CharField(label="责任单位", max_length=100)
    attendance = amount("受众人次")
    materials = amount("发放资料（份）")
    giveaways = amount("发放宣传品（件）")
    banners = amount("悬挂标语（条）")
    boards = amount("展板板报（块）")
    consultations = amount("现场咨询（人次）")
    duty_item = forms.ModelChoiceField(label="落实的责任清单事项（执法部门填写）", queryset=DutyItem.objects.none(),
                                       required=False)
    note = forms.CharField(label="活动情况", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["village"].queryset = villages_for(user).select_related("parent")
        self.fields["duty_item"].queryset = DutyItem.objects.for_user(user).select_related("duty_list__agency")
        if user is not None and not self.is_bound:
            self.initial.setdefault("organiser", user.org.name if user.org_id else "")

    def call(self):
        return actions.record_activity(self.user, **self.cleaned_data)


class PostForm(forms.Form):
    published_on = date_field("发布日期")
    platform = forms.ChoiceField(label="平台", choices=Platform.choices)
    account = forms.CharField(label="账号名称", max_length=100)
    title = forms.CharField(label="标题", max_length=200)
    topic = forms.ChoiceField(label="普法主题", choices=Topic.choices)
    posts = forms.IntegerField(label="篇数", min_value=1, initial=1)
    url = forms.URLField(label="链接", required=False, assume_scheme="https")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def call(self):
        return actions.record_post(self.user, **self.cleaned_data)


class VenueForm(forms.Form):
    name = forms.CharField(label="阵地名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=VenueKind.choices)
    level = forms.ChoiceField(label="级别", choices=Level.choices)
    village = village_field()
    built_on = date_field("建成日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["village"].queryset = villages_for(user).select_related("parent")

    def call(self):
        return actions.record_venue(self.user, **self.cleaned_data)


class ModelVillageForm(forms.Form):
    village = village_field(required=True)
    level = forms.ChoiceField(label="级别", choices=Level.choices)
    year = forms.IntegerField(label="创建年度", min_value=2000, max_value=2100)
    applied_on = date_field("申报日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["village"].queryset = villages_for(user).select_related("parent")

    def call(self):
        return actions.apply_model_village(self.user, **self.cleaned_data)


class NameForm(forms.Form):
    named_on = date_field("命名日期")
    naming_body = forms.CharField(label="命名机关", max_length=100, required=False)


class RecheckForm(forms.Form):
    rechecked_on = date_field("复核日期")
    passed = forms.TypedChoiceField(label="复核结果", choices=[("1", "通过，保留称号"), ("0", "未通过，撤销称号")],
                                    coerce=lambda v: v == "1")
    note = forms.CharField(label="复核意见", max_length=200, required=False)


class BackboneForm(SensitiveForm):
    kind = forms.ChoiceField(label="类别", choices=BackboneKind.choices)
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="身份证号", max_length=18)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    village = village_field(required=True)
    source = forms.ChoiceField(label="人员来源", choices=BackboneSource.choices)
    training_hours = forms.IntegerField(label="培训学时", min_value=0, max_value=500, initial=0)
    assessment = forms.ChoiceField(label="考核", choices=Assessment.choices)
    registered_on = date_field("登记日期")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["village"].queryset = villages_for(user).select_related("parent")

    def call(self):
        return actions.register_backbone(self.user, **self.cleaned_data)


class PlanForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="计划名称", max_length=200)
    focus = forms.CharField(label="工作重点", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    adopted_on = date_field("印发日期")


class DutyItemForm(forms.Form):
    agency = forms.ModelChoiceField(label="责任单位", queryset=None)
    content = forms.CharField(label="普法内容", max_length=200)
    topic = forms.ChoiceField(label="普法主题", choices=Topic.choices)
    audience = forms.ChoiceField(label="普法对象", choices=Audience.choices)
    planned_times = forms.IntegerField(label="计划场次", min_value=1, max_value=500, initial=1)
    due_on = date_field("完成时限", today=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)


class EvaluateForm(forms.Form):
    evaluated_on = date_field("考核日期")
    grade = forms.ChoiceField(label="考核等次（不选则按完成率评定）", choices=with_blank(Grade.choices, "按完成率评定"),
                              required=False)
    comment = forms.CharField(label="考核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
