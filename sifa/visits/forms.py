"""Forms of the remote-visit pages (staff and public). They parse input; the rules live in actions.py."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

from sifa.core.access import orgs_within_reach
from sifa.core.models import OrgUnit
from sifa.core.sensitive_forms import SensitiveForm
from sifa.core.steps import StepForm, date_field, text_area, with_blank

from . import access, actions
from .models import MAX_VISITORS, Channel, Relation, Room, Slot

WEEKDAYS = [("0", "周一"), ("1", "周二"), ("2", "周三"), ("3", "周四"), ("4", "周五"), ("5", "周六"), ("6", "周日")]
TIME_RANGE = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*[-－~至]\s*(\d{1,2})[:：](\d{2})\s*$")


def slot_label(slot: Slot, with_place: bool = True) -> str:
    left = slot.capacity - getattr(slot, "taken", 0)
    place = f" {slot.room.org.name}{slot.room.name}" if with_place else ""
    return f"{slot.date:%m月%d日}（{WEEKDAYS[slot.date.weekday()][1]}）{slot.start_time:%H:%M}-{slot.end_time:%H:%M}{place}（余{left}）"


class SlotChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class FamilyFields(SensitiveForm):
    """What a family tells us: who they are, whom they visit, how many come, and why they need priority."""

    applicant_name = forms.CharField(label="申请人姓名", max_length=50)
    applicant_id_number = forms.CharField(label="申请人身份证号码", max_length=30,
                                          widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}))
    relation = forms.ChoiceField(label="与服刑人员关系", choices=with_blank(Relation.choices))
    prisoner_name = forms.CharField(label="服刑人员姓名", max_length=50)
    prison = forms.CharField(label="服刑监狱", max_length=100)
    visitors = forms.IntegerField(label="会见人数", min_value=1, max_value=MAX_VISITORS, initial=1,
                                  help_text=f"含申请人，最多{MAX_VISITORS}人")
    elderly = forms.BooleanField(label="高龄（70周岁以上）", required=False)
    ill = forms.BooleanField(label="身患疾病", required=False)
    far = forms.BooleanField(label="路途遥远", required=False)


class PhoneBookingForm(StepForm, FamilyFields):
    slot = SlotChoice(label="会见时段", queryset=Slot.objects.none())
    channel = forms.ChoiceField(label="预约渠道", choices=[(Channel.PHONE, Channel.PHONE.label),
                                                       (Channel.COUNTER, Channel.COUNTER.label)])
    applicant_mobile = forms.CharField(label="联系电话", max_length=20)
    note = forms.CharField(label="备注", max_length=200, required=False)

    field_order = ["slot", "channel", "applicant_name", "applicant_mobile", "applicant_id_number", "relation",
                   "prisoner_name", "prison", "visitors", "elderly", "ill", "far", "note"]

    def setup(self):
        org = self.user.org if self.user is not None and self.user.org_id else None
        self.fields["slot"].queryset = actions.bookable_slots(org, days=60) if org else Slot.objects.none()

    def call(self, data):
        data = dict(data)
        return actions.book_by_staff(self.user, data.pop("slot"), **data)


class RoomForm(StepForm):
    org = forms.ModelChoiceField(label="所在单位", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="会见室名称", max_length=100, initial="远程视频会见室")
    location = forms.CharField(label="地点", max_length=200)
    capacity = forms.IntegerField(label="每时段可约户数", min_value=1, max_value=20, initial=1)
    phone = forms.CharField(label="预约电话", max_length=30, required=False)

    def setup(self):
        self.fields["org"].queryset = orgs_within_reach(self.user).filter(kind__in=access.HOST_KINDS, active=True)

    def call(self, data):
        return actions.create_room(self.user, **data)


def parse_times(text: str) -> list[tuple[dt.time, dt.time]]:
    """“09:00-09:30, 14:30-15:00” → [(09:00, 09:30), (14:30, 15:00)]."""
    times = []
    for part in re.split(r"[,，;；\s]+(?=\d)", (text or "").strip()):
        if not part.strip():
            continue
        match = TIME_RANGE.match(part)
        if not match:
            raise ValidationError(f"时段“{part}”格式不正确，应为“09:00-09:30”。")
        h1, m1, h2, m2 = (int(x) for x in match.groups())
        try:
            times.append((dt.time(h1, m1), dt.time(h2, m2)))
        except ValueError:
            raise ValidationError(f"时段“{part}”不是有效的时间。")
    return times


class OpenSlotsForm(StepForm):
    first_day = date_field("起始日期")
    last_day = date_field("截止日期")
    weekdays = forms.MultipleChoiceField(label="开放日", choices=WEEKDAYS, initial=["0", "1", "2", "3", "4"],
                                         widget=forms.CheckboxSelectMultiple)
    times = forms.CharField(label="时段", max_length=500, initial="09:00-09:30, 10:00-10:30, 14:30-15:00",
                            help_text="多个时段用逗号分隔")
    capacity = forms.IntegerField(label="每时段可约户数", min_value=1, max_value=20, required=False,
                                  help_text="不填按会见室设置")
    prison = forms.CharField(label="对接监狱", max_length=100, required=False, help_text="只对接某一监狱时填写")

    def clean_times(self):
        return parse_times(self.cleaned_data["times"])

    def call(self, data):
        return actions.open_slots(self.user, self.obj, first_day=data["first_day"], last_day=data["last_day"],
                                  times=data["times"], weekdays=[int(d) for d in data["weekdays"]],
                                  capacity=data["capacity"], prison=data["prison"])


class RoomSettingsForm(StepForm):
    capacity = forms.IntegerField(label="每时段可约户数", min_value=1, max_value=20)
    phone = forms.CharField(label="预约电话", max_length=30, required=False)
    active = forms.BooleanField(label="在用", required=False)

    def setup(self):
        for name in self.fields:
            self.fields[name].initial = getattr(self.obj, name)

    def call(self, data):
        return actions.update_room(self.user, self.obj, **data)


class CancelSlotForm(StepForm):
    reason = text_area("取消原因", max_length=200)

    def call(self, data):
        return actions.cancel_slot(self.user, self.obj, **data)


class ConfirmForm(StepForm):
    confirmed_on = date_field("确认日期")
    note = forms.CharField(label="备注", max_length=200, required=False, help_text="已核实亲属关系并与监狱确认排期")

    def call(self, data):
        return actions.confirm(self.user, self.obj, **data)


class AttendForm(StepForm):
    attended = forms.IntegerField(label="实际会见人数", min_value=1, max_value=MAX_VISITORS)
    held_on = date_field("会见日期")

    def call(self, data):
        return actions.record_attendance(self.user, self.obj, **data)


class NoShowForm(StepForm):
    def call(self, data):
        return actions.mark_no_show(self.user, self.obj)


class CancelForm(StepForm):
    reason = forms.CharField(label="取消原因", max_length=200)

    def call(self, data):
        return actions.cancel(self.user, self.obj, **data)


# --- public ---


class HostChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def hosts():
    """Units with an active remote-visit room (for the public page)."""
    return OrgUnit.objects.filter(pk__in=Room.objects.filter(active=True).values("org"), active=True).order_by("path")


class PortalBookingForm(FamilyFields):
    slot = forms.ModelChoiceField(label="会见时段", queryset=Slot.objects.none(), widget=forms.RadioSelect,
                                  error_messages={"invalid_choice": "所选时段已不可预约，请重新选择。"})
    consent = forms.BooleanField(label="我已阅读《个人信息保护告知》，同意司法所为办理本次会见处理上述信息")

    field_order = ["slot", "applicant_name", "applicant_id_number", "relation", "prisoner_name", "prison",
                   "visitors", "elderly", "ill", "far", "consent"]

    def __init__(self, *args, host: OrgUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # any open slot may be posted (the list shown is the chosen place's); a full one is refused by the action
        self.fields["slot"].queryset = Slot.objects.filter(cancelled=False, room__active=True)
        self.host = host

    def action_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("consent", None)
        return data
