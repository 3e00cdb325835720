"""Console forms. Every field is listed explicitly (no ModelForm): the org, owner and status of what is written
are decided by the server, so extra POST fields simply have nowhere to go (SECURITY.md B4). Each form's
`submit()` calls one action and turns the action's refusal into an error shown next to the form."""

import datetime

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q

from sifa.core import actions as core_actions
from sifa.core.access import orgs_within_reach
from sifa.core.identifiers import validate_credit_code, validate_mobile
from sifa.core.models import OrgKind, Role, User
from sifa.core.models.orgs import DivisionLevel
from sifa.core.sensitive_forms import MaskedInitialMixin

from . import access
from . import actions as console_actions
from .credentials import generate_password

ORG_CODE_RE = r"^[0-9A-Za-z][0-9A-Za-z-]{1,39}$"
USERNAME_RE = r"^[A-Za-z][A-Za-z0-9_.-]{2,29}$"
PHONE_RE = r"^[0-9][0-9 -]{3,28}[0-9]$"


class ActionForm(MaskedInitialMixin, forms.Form):
    """A form whose submit() runs an action. Returns the action's result, or None with the reason on the form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def perform(self, actor):
        raise NotImplementedError

    def submit(self, actor):
        try:
            return self.perform(actor)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, exc)
        except PermissionDenied as exc:
            self.add_error(None, str(exc) or "没有权限执行此操作。")
        return None


class DivisionChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "请选择")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        indent = "　" * max(0, len(obj.code) // 3 - 2)
        return f"{indent}{obj.name}（{obj.code}）"


class OrgChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "请选择")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.name + ("（已停用）" if not obj.active else "")


# --- 机构 ---

class OrgUnitForm(ActionForm):
    code = forms.CharField(label="机构代码", max_length=40,
                           validators=[RegexValidator(ORG_CODE_RE, "机构代码只能包含字母、数字和短横线，2至40位。")],
                           help_text="建议用“区划代码-简称”，如 341321100-SFS；保存后不能修改。")
    name = forms.CharField(label="机构名称", max_length=100)
    kind = forms.ChoiceField(label="机构类型", choices=[("", "请选择"), *OrgKind.choices])
    division = DivisionChoiceField(label="所在区划", queryset=None, help_text="保存后不能修改。")
    parent = OrgChoiceField(label="上级机构", queryset=None)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False,
                            validators=[RegexValidator(PHONE_RE, "联系电话只能包含数字、空格和短横线，如 0557-8012345。")])

    def __init__(self, *args, actor, instance=None, **kwargs):
        self.actor, self.instance = actor, instance
        if instance is not None:
            kwargs.setdefault("initial", {
                "name": instance.name, "kind": instance.kind, "parent": instance.parent_id,
                "credit_code": instance.credit_code, "address": instance.address, "phone": instance.phone})
        super().__init__(*args, **kwargs)
        # Active units, plus the current parent so an edit need not move the unit.
        parents = orgs_within_reach(actor).filter(Q(active=True) | Q(pk=getattr(instance, "parent_id", None)))
        self.fields["division"].queryset = access.divisions_in_scope(actor)
        if instance is not None:
            del self.fields["code"], self.fields["division"]
            if instance.pk == actor.org_id:
                del self.fields["parent"]  # the admin's own unit hangs above their reach
            else:
                parents = parents.exclude(path__startswith=instance.path)
        if "parent" in self.fields:
            self.fields["parent"].queryset = parents

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_credit_code(self):
        value = self.cleaned_data["credit_code"].strip().upper()
        return validate_credit_code(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        division = cleaned.get("division") or (self.instance.division if self.instance else None)
        if parent is not None and division is not None and not division.code.startswith(parent.division_id):
            self.add_error("parent", f"所在区划“{division}”不在上级机构“{parent}”的区划范围内。")
        return cleaned

    def perform(self, actor):
        if self.instance is None:
            return core_actions.create_org_unit(actor, **self.cleaned_data)
        return core_actions.update_org_unit(actor, self.instance, **self.cleaned_data)


# --- 常住人口 ---

def _not_future_year(value):
    if value > datetime.date.today().year:
        raise ValidationError("年度不能晚于今年。")


class PopulationForm(ActionForm):
    division = DivisionChoiceField(label="区划", queryset=None)
    year = forms.IntegerField(label="年度", min_value=2000, validators=[_not_future_year],
                              error_messages={"min_value": "年度不能早于2000年。"})
    residents = forms.IntegerField(label="常住人口（人）", min_value=1, max_value=50_000_000,
                                   error_messages={"min_value": "常住人口必须大于0。",
                                                   "max_value": "常住人口不能超过5000万，请核对。"})
    source = forms.CharField(label="数据来源", max_length=200,
                             help_text="如：砀山县2024年国民经济和社会发展统计公报")

    LEVELS = (DivisionLevel.PROVINCE, DivisionLevel.CITY, DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = access.divisions_in_scope(actor, levels=self.LEVELS)

    def clean_source(self):
        return self.cleaned_data["source"].strip()

    def perform(self, actor):
        return core_actions.set_population(actor, **self.cleaned_data)


# --- 节假日安排 ---

class HolidayScheduleForm(ActionForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"min_value": "年度不能早于2000年。", "max_value": "年度不能晚于2100年。",
                                              "required": "请填写年度。", "invalid": "年度应为四位数字，如2027。"})
    source = forms.CharField(label="依据", max_length=200, error_messages={"required": "请填写依据。"},
                             help_text="国务院办公厅关于该年部分节假日安排的通知的文号或标题")
    holidays_text = forms.CharField(label="放假日期", widget=forms.Textarea(attrs={"rows": 6}),
                                    error_messages={"required": "请填写放假日期。"},
                                    help_text="每行一段，如“1月1日”“2月5日至2月11日”或“2027-10-01至2027-10-07”，"
                                              "含放假期间的周末")
    makeup_text = forms.CharField(label="调休上班日期", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="通知中要求上班的周六、周日，如“2月20日”；没有可不填")

    def perform(self, actor):
        data = self.cleaned_data
        return core_actions.publish_holiday_schedule(actor, year=data["year"], holidays_text=data["holidays_text"],
                                                     makeup_text=data["makeup_text"], source=data["source"])


# --- 账号 ---

class PasswordChoiceForm(ActionForm):
    """Either a strong password the system generates (shown once) or one typed twice."""

    GENERATE, TYPED = "generate", "typed"
    password_mode = forms.ChoiceField(label="初始密码", widget=forms.RadioSelect, initial=GENERATE,
                                      choices=[(GENERATE, "由系统生成强密码（仅显示一次）"), (TYPED, "手工设置")])
    password1 = forms.CharField(label="密码", required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label="确认密码", required=False, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def password_user(self) -> User:
        """The account the password is checked against (similarity to the name, reuse of old passwords)."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password_mode") == self.TYPED:
            first, second = cleaned.get("password1"), cleaned.get("password2")
            if not first:
                self.add_error("password1", "请输入密码。")
            elif first != second:
                self.add_error("password2", "两次输入的密码不一致。")
            else:
                try:
                    validate_password(first, self.password_user())
                except ValidationError as exc:
                    self.add_error("password1", exc)
        return cleaned

    def chosen_password(self) -> tuple[str, bool]:
        """(password, generated?)"""
        if self.cleaned_data["password_mode"] == self.GENERATE:
            return generate_password(), True
        return self.cleaned_data["password1"], False


def _clean_mobile(value: str) -> str:
    value = (value or "").strip()
    return validate_mobile(value) if value else ""


class UserCreateForm(PasswordChoiceForm):
    username = forms.CharField(label="账号", max_length=30,
                               validators=[RegexValidator(USERNAME_RE, "账号须以字母开头，由字母、数字、下划线、点或短横线组成，3至30位。")])
    full_name = forms.CharField(label="姓名", max_length=50)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    org = OrgChoiceField(label="所属机构", queryset=None)
    role = forms.ChoiceField(label="业务角色",
                             choices=[("", "请选择"), *((r, Role(r).label) for r in core_actions.BUSINESS_ROLES)],
                             help_text="系统管理员只能选择业务角色；三员角色由安全管理员分配。")

    field_order = ["username", "full_name", "mobile", "org", "role", "password_mode", "password1", "password2"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_within_reach(actor).filter(active=True)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(f"账号“{username}”已存在。")
        return username

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_mobile(self):
        return _clean_mobile(self.cleaned_data["mobile"])

    def password_user(self):
        return User(username=self.cleaned_data.get("username", ""), full_name=self.cleaned_data.get("full_name", ""))

    def perform(self, actor):
        password, generated = self.chosen_password()
        data = self.cleaned_data
        user = core_actions.create_staff_user(
            actor, username=data["username"], full_name=data["full_name"], role=data["role"], org=data["org"],
            initial_password=password, mobile=data["mobile"])
        return user, (password if generated else None)


class UserEditForm(ActionForm):
    full_name = forms.CharField(label="姓名", max_length=50)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    org = OrgChoiceField(label="所属机构", queryset=None)

    def __init__(self, *args, actor, instance, **kwargs):
        self.instance = instance
        kwargs.setdefault("initial", {"full_name": instance.full_name, "mobile": instance.mobile,
                                      "org": instance.org_id})
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_within_reach(actor).filter(Q(active=True) | Q(pk=instance.org_id))

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_mobile(self):
        return _clean_mobile(self.cleaned_data["mobile"])

    def perform(self, actor):
        return core_actions.update_staff_user(actor, self.instance, **self.cleaned_data)


class PasswordResetForm(PasswordChoiceForm):
    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["password_mode"].label = "新密码"

    def password_user(self):
        return self.instance

    def perform(self, actor):
        password, generated = self.chosen_password()
        core_actions.reset_user_password(actor, self.instance, password)
        return self.instance, (password if generated else None)


# --- 角色 ---

def _role_choices_except(current: str):
    return [("", "请选择")] + [(value, label) for value, label in Role.choices if value != current]


class RoleChangeForm(ActionForm):
    """The security administrator changes a role directly; the system administrator only proposes one."""

    role = forms.ChoiceField(label="新角色", choices=Role.choices)
    reason = forms.CharField(label="事由", max_length=200,
                             help_text="如：岗位调整、任命为审计管理员（请注明文件或批准人）。")

    def __init__(self, *args, instance, propose: bool, **kwargs):
        self.instance, self.propose = instance, propose
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices_except(instance.role)
        self.fields["role"].error_messages["invalid_choice"] = "请选择一个与当前不同的有效角色。"

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()

    def perform(self, actor):
        role, reason = self.cleaned_data["role"], self.cleaned_data["reason"]
        if self.propose:
            return console_actions.propose_role(actor, self.instance, role, reason)
        return console_actions.change_role_with_reason(actor, self.instance, role, reason)


class RoleDecisionForm(ActionForm):
    decision = forms.ChoiceField(label="审核结果", choices=[("approve", "批准"), ("reject", "驳回")])
    note = forms.CharField(label="审核意见", max_length=200, required=False)

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def perform(self, actor):
        return console_actions.decide_role_request(actor, self.instance,
                                                   approve=self.cleaned_data["decision"] == "approve",
                                                   note=self.cleaned_data["note"])


class UserFilterForm(forms.Form):
    """The GET filter of the account lists; invalid values are ignored rather than failing the page."""

    ACTIVE, INACTIVE = "active", "inactive"
    q = forms.CharField(label="搜索", required=False, max_length=50,
                        widget=forms.TextInput(attrs={"placeholder": "账号或姓名"}))
    org = OrgChoiceField(label="机构", queryset=None, required=False, empty_label="全部机构")
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部角色"), *Role.choices])
    status = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部状态"), (ACTIVE, "在用"), (INACTIVE, "停用")])

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs_within_reach(actor)

    def filter(self, users):
        if not self.is_valid():
            return users
        data = self.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
        if data["org"]:
            users = users.filter(org__path__startswith=data["org"].path)
        if data["role"]:
            users = users.filter(role=data["role"])
        if data["status"]:
            users = users.filter(is_active=data["status"] == self.ACTIVE)
        return users

