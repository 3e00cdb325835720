"""Every change to the platform's own records (org units, population, accounts) goes through these functions:
they validate, write the audit entry in the same transaction, and answer bad input with a Chinese message."""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import audit
from .access import reaches
from .models import Division, OrgUnit, Population, Role, User
from .models.audit import AuditEventType


def _snapshot(obj, fields) -> dict:
    return audit.snapshot(obj, fields)


ORG_FIELDS = ("code", "name", "kind", "division_id", "parent_id", "credit_code", "address", "phone", "active")
ORG_EDITABLE = {"name", "kind", "parent", "credit_code", "address", "phone", "active"}


@transaction.atomic
def create_org_unit(actor, *, code: str, name: str, kind: str, division: Division, parent: OrgUnit | None = None,
                    credit_code: str = "", address: str = "", phone: str = "") -> OrgUnit:
    if OrgUnit.objects.filter(code=code).exists():
        raise ValidationError(f"机构代码“{code}”已存在。")
    if parent is not None and not division.code.startswith(parent.division_id):
        raise ValidationError(f"机构所在区划“{division}”不在上级机构“{parent}”的区划范围内。")
    if credit_code:
        from .identifiers import validate_credit_code

        validate_credit_code(credit_code)
    org = OrgUnit(code=code, name=name, kind=kind, division=division, parent=parent, credit_code=credit_code,
                  address=address, phone=phone)
    org.full_clean(exclude=["path"])
    org.save()
    audit.action(actor, "新建机构", org, after=_snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def update_org_unit(actor, org: OrgUnit, **changes) -> OrgUnit:
    with audit.edited(actor, org, "修改机构", ORG_FIELDS) as edit:
        edit.apply(changes, ORG_EDITABLE)
        if org.parent_id and org.parent.is_within(org):
            raise ValidationError("上级机构不能是本机构或其下级机构。")
        if org.credit_code:
            from .identifiers import validate_credit_code

            validate_credit_code(org.credit_code)
        org.full_clean(exclude=["path"])
        org.save()
    return org


@transaction.atomic
def set_population(actor, *, division: Division, year: int, residents: int, source: str) -> Population:
    if residents <= 0:
        raise ValidationError("常住人口必须大于0。")
    if not source.strip():
        raise ValidationError("请填写常住人口的数据来源。")
    obj, created = Population.objects.update_or_create(
        division=division, year=year, defaults={"residents": residents, "source": source.strip()})
    audit.record(AuditEventType.CONFIG, user=actor, obj=obj, verb="设置常住人口",
                 after={"division": division.code, "year": year, "residents": residents, "source": source})
    return obj


USER_FIELDS = ("username", "full_name", "role", "org_id", "is_active")


@transaction.atomic
def create_user(actor, *, username: str, full_name: str, role: str, org: OrgUnit, initial_password: str,
                mobile: str = "") -> User:
    from django.contrib.auth.password_validation import validate_password

    if User.objects.filter(username=username).exists():
        raise ValidationError(f"账号“{username}”已存在。")
    if role not in Role.values:
        raise ValidationError(f"角色“{role}”不存在。")
    if mobile:
        from .identifiers import validate_mobile

        validate_mobile(mobile)
    user = User(username=username, full_name=full_name, role=role, org=org, mobile=mobile,
                must_change_password=True)
    validate_password(initial_password, user)
    user.set_password(initial_password)
    user.save()
    audit.action(actor, "新建账号", user, after=_snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def change_role(actor, user: User, role: str) -> User:
    """One role per user, so no one holds two of the 三员 roles at once (SECURITY.md B2)."""
    if role not in Role.values:
        raise ValidationError(f"角色“{role}”不存在。")
    before = user.role
    user.role = role
    user.save(update_fields=["role"])
    audit.record(AuditEventType.ROLE_CHANGE, user=actor, obj=user, verb="变更角色",
                 before={"role": before}, after={"role": role})
    return user


# --- Administration console: the 三员 rules for accounts and org units (SECURITY.md A2, B2) ---
#
# The system administrator (manage_users) creates and maintains staff accounts, but grants no role beyond the
# business role an account is created with; every later role change, and every 三员 role, is assigned by the
# security administrator (manage_roles). No one changes their own role, and accounts holding a 三员 role are
# out of the system administrator's reach until the security administrator has given them a business role.

BUSINESS_ROLES = tuple(r for r in Role.values if r not in {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


def in_admin_scope(actor, org: OrgUnit | None) -> bool:
    """Whether `org` lies in the subtree of the actor's own org unit."""
    return reaches(actor, org)


def _require_capability(actor, capability: str, message: str) -> None:
    from django.core.exceptions import PermissionDenied

    from .roles import has_capability

    if not has_capability(actor, capability):
        raise PermissionDenied(message)


def _require_scope(actor, org: OrgUnit | None, what: str) -> None:
    from django.core.exceptions import PermissionDenied

    if not in_admin_scope(actor, org):
        raise PermissionDenied(f"{what}不在您所在机构的管理范围内。")


def account_management_refusal(actor, user: User) -> str | None:
    """Why the system administrator may not maintain this account, or None when they may."""
    from .roles import ADMIN_ROLES, has_capability

    if not has_capability(actor, "manage_users"):
        return "您没有管理用户账号的权限。"
    if user.pk == actor.pk:
        return "不能在用户管理中修改本人账号；修改密码请使用“修改密码”。"
    if user.is_superuser or user.role in ADMIN_ROLES:
        return "三员账号（系统、安全、审计管理员）不能由系统管理员维护；须先由安全管理员将其改为业务角色。"
    if not in_admin_scope(actor, user.org):
        return "该账号不在您所在机构的管理范围内。"
    return None


def _require_account_manageable(actor, user: User) -> None:
    from django.core.exceptions import PermissionDenied

    refusal = account_management_refusal(actor, user)
    if refusal:
        raise PermissionDenied(refusal)


def _require_active_org_in_scope(actor, org: OrgUnit) -> None:
    _require_scope(actor, org, "所选机构")
    if not org.active:
        raise ValidationError(f"机构“{org}”已停用，不能在其下设置账号。")


@transaction.atomic
def create_staff_user(actor, *, username: str, full_name: str, role: str, org: OrgUnit, initial_password: str,
                      mobile: str = "") -> User:
    """A system administrator's new account: a business role only, in the actor's subtree, initial password."""
    _require_capability(actor, "manage_users", "您没有新建用户账号的权限。")
    if role not in BUSINESS_ROLES:
        raise ValidationError("系统管理员只能为新账号选择业务角色；三员角色须由安全管理员分配。")
    _require_active_org_in_scope(actor, org)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"账号“{username}”已存在。")
    return create_user(actor, username=username, full_name=full_name, role=role, org=org,
                       initial_password=initial_password, mobile=mobile)


@transaction.atomic
def update_staff_user(actor, user: User, *, full_name: str, mobile: str, org: OrgUnit) -> User:
    """Name, mobile and org of an account; the role, status and password have their own actions."""
    _require_account_manageable(actor, user)
    if org.pk != user.org_id:
        _require_active_org_in_scope(actor, org)
    if mobile:
        from .identifiers import validate_mobile

        mobile = validate_mobile(mobile)
    before = _snapshot(user, USER_FIELDS)
    mobile_changed = mobile != user.mobile
    user.full_name, user.mobile, user.org = full_name.strip(), mobile, org
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "mobile", "org"])
    # The mobile number is personal information: the log says that it changed, never what it is.
    audit.action(actor, "修改账号", user, before=before,
                 after={**_snapshot(user, USER_FIELDS), "mobile_changed": mobile_changed})
    return user


@transaction.atomic
def set_user_active(actor, user: User, active: bool) -> User:
    _require_account_manageable(actor, user)
    if user.is_active == active:
        raise ValidationError("该账号已是" + ("在用" if active else "停用") + "状态。")
    if active:
        _require_active_org_in_scope(actor, user.org)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.action(actor, "启用账号" if active else "停用账号", user,
                 before={"is_active": not active}, after={"is_active": active})
    return user


@transaction.atomic
def reset_user_password(actor, user: User, new_password: str) -> User:
    """A new initial password: it obeys the password rules and must be changed at the next login."""
    from django.contrib.auth.password_validation import validate_password

    _require_account_manageable(actor, user)
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = True
    user.save()
    audit.action(actor, "重置密码", user, after={"must_change_password": True})
    return user


@transaction.atomic
def change_own_password(user: User, old_password: str, new_password: str) -> User:
    """A user's own new password: the current one must be given and the new one obey the password rules; the
    obligation to change it at the next login is then lifted. Audited as 修改密码 (the hashes never are)."""
    from django.contrib.auth.password_validation import validate_password

    if not user.check_password(old_password):
        raise ValidationError("原密码不正确。")
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save()
    audit.record(AuditEventType.PASSWORD_CHANGE, user=user, obj=user)
    return user


@transaction.atomic
def assign_role(actor, user: User, role: str) -> User:
    """The security administrator's role change, the only way a role changes after an account is created."""
    from django.core.exceptions import PermissionDenied

    _require_capability(actor, "manage_roles", "只有安全管理员可以分配角色。")
    if user.pk == actor.pk:
        raise PermissionDenied("不能变更本人的角色。")
    if user.is_superuser:
        raise PermissionDenied("超级用户的角色不能在此变更。")
    _require_scope(actor, user.org, "该账号")
    if role not in Role.values:
        raise ValidationError(f"角色“{role}”不存在。")
    if user.role == role:
        raise ValidationError(f"该账号已是“{Role(role).label}”角色。")
    return change_role(actor, user, role)


@transaction.atomic
def unlock_account(actor, user: User) -> int:
    """Clears django-axes' failed-attempt rows of the account (every IP address), before the cool-off ends."""
    from axes.models import AccessAttempt
    from axes.utils import reset

    _require_capability(actor, "unlock_accounts", "只有安全管理员可以解除账号锁定。")
    _require_scope(actor, user.org, "该账号")
    usernames = set(AccessAttempt.objects.filter(username__iexact=user.username)
                    .values_list("username", flat=True))
    cleared = sum(reset(username=name) for name in usernames)
    if not cleared:
        raise ValidationError("该账号当前没有登录失败记录，无需解锁。")
    audit.action(actor, "解除登录锁定", user, after={"cleared_attempts": cleared})
    return cleared


@transaction.atomic
def set_org_unit_active(actor, org: OrgUnit, active: bool) -> OrgUnit:
    """Deactivating keeps the unit and its records; it is refused while anything under it is still in use."""
    _require_capability(actor, "manage_orgs", "您没有管理机构的权限。")
    _require_scope(actor, org, "该机构")
    if org.active == active:
        raise ValidationError("该机构已是" + ("在用" if active else "停用") + "状态。")
    if active:
        if org.parent_id and not org.parent.active:
            raise ValidationError(f"上级机构“{org.parent}”已停用，请先启用上级机构。")
    else:
        if org.pk == actor.org_id:
            raise ValidationError("不能停用本人所在的机构。")
        if org.children.filter(active=True).exists():
            raise ValidationError("该机构还有在用的下级机构，请先停用下级机构。")
        users = org.users.filter(is_active=True).count()
        if users:
            raise ValidationError(f"该机构还有{users}个在用账号，请先停用或调整这些账号。")
    return update_org_unit(actor, org, active=active)


@transaction.atomic
def publish_holiday_schedule(actor, *, year: int, holidays_text: str, makeup_text: str, source: str):
    """Enter (or correct) a year's 放假/调休 days from the State Council's notice. Years bundled with the system
    cannot be overwritten; every problem of the lists is reported at once and nothing is saved on refusal."""
    from . import holidays as holiday_lists
    from . import workdays
    from .models import HolidaySchedule

    _require_capability(actor, "manage_config", "只有系统管理员可以录入节假日安排。")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError("年度应在2000年至2100年之间。")
    if workdays.is_bundled(year):
        raise ValidationError(f"{year}年的节假日安排已随系统发布，无需录入。")
    source = (source or "").strip()
    if not source:
        raise ValidationError("请填写依据，如国务院办公厅通知的文号。")
    days, makeup = holiday_lists.read_schedule(year, holidays_text, makeup_text)
    existing = HolidaySchedule.objects.select_for_update().filter(year=year).first()
    before = ({"holidays": existing.holidays, "makeup_workdays": existing.makeup_workdays, "source": existing.source}
              if existing else None)
    schedule, _ = HolidaySchedule.objects.update_or_create(
        year=year, defaults={"holidays": [d.isoformat() for d in days],
                             "makeup_workdays": [d.isoformat() for d in makeup],
                             "source": source[:200], "published_by": actor})
    audit.record(AuditEventType.CONFIG, user=actor, obj=schedule, verb="录入节假日安排", before=before,
                 after={"year": year, "holidays": schedule.holidays, "makeup_workdays": schedule.makeup_workdays,
                        "source": schedule.source})
    transaction.on_commit(workdays.forget_stored_years)
    workdays.schedule_published.send(sender=HolidaySchedule, year=year, actor=actor)
    return schedule
