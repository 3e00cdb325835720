"""Every change to the platform's own records (org units, population, accounts) goes through these functions:
they validate, write the audit entry in the same transaction, and answer bad input with a Chinese message."""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import audit
from .models import Division, OrgUnit, Population, Role, User
from .models.audit import AuditEventType


def _snapshot(obj, fields) -> dict:
    return {f: (str(getattr(obj, f)) if getattr(obj, f) is not None else None) for f in fields}


ORG_FIELDS = ("code", "name", "kind", "division_id", "parent_id", "credit_code", "address", "phone", "active")


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
    before = _snapshot(org, ORG_FIELDS)
    for field, value in changes.items():
        if field not in {"name", "kind", "parent", "credit_code", "address", "phone", "active"}:
            raise ValidationError(f"字段“{field}”不允许修改。")
        setattr(org, field, value)
    if org.parent_id and org.parent.is_within(org):
        raise ValidationError("上级机构不能是本机构或其下级机构。")
    if org.credit_code:
        from .identifiers import validate_credit_code

        validate_credit_code(org.credit_code)
    org.full_clean(exclude=["path"])
    org.save()
    audit.action(actor, "修改机构", org, before=before, after=_snapshot(org, ORG_FIELDS))
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
