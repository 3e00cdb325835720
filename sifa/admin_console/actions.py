"""The role-change workflow. The system administrator proposes, the security administrator decides; the role
itself only ever changes through sifa.core.actions.assign_role, which holds the 三员 rules."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import actions as core_actions
from sifa.core import audit
from sifa.core.models import Role, User
from sifa.core.roles import has_capability

from .models import RoleRequest, RoleRequestStatus


def _clean_reason(reason: str, what: str = "事由") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"请填写{what}。")
    return reason


@transaction.atomic
def propose_role(actor, user: User, role: str, reason: str) -> RoleRequest:
    """A system administrator's proposal; it changes nothing until the security administrator approves it."""
    if not has_capability(actor, "manage_users"):
        raise PermissionDenied("只有系统管理员可以提交角色变更申请。")
    if user.pk == actor.pk:
        raise PermissionDenied("不能为本人申请变更角色。")
    if not core_actions.in_admin_scope(actor, user.org):
        raise PermissionDenied("该账号不在您所在机构的管理范围内。")
    if role not in Role.values:
        raise ValidationError(f"角色“{role}”不存在。")
    if role == user.role:
        raise ValidationError(f"该账号已是“{Role(role).label}”角色。")
    if RoleRequest.objects.select_for_update().filter(user=user, status=RoleRequestStatus.PENDING).exists():
        raise ValidationError("该账号已有待审核的角色变更申请，请等待安全管理员审核。")
    request = RoleRequest.objects.create(user=user, from_role=user.role, to_role=role,
                                         reason=_clean_reason(reason), requested_by=actor)
    audit.action(actor, "申请变更角色", request, after={"user": user.username, "from": user.role, "to": role})
    return request


@transaction.atomic
def decide_role_request(actor, request: RoleRequest, *, approve: bool, note: str = "") -> RoleRequest:
    request = RoleRequest.objects.select_for_update().get(pk=request.pk)
    if not has_capability(actor, "manage_roles"):
        raise PermissionDenied("只有安全管理员可以审核角色变更申请。")
    if request.status != RoleRequestStatus.PENDING:
        raise ValidationError("该申请已审核，不能重复处理。")
    if approve:
        user = User.objects.select_for_update().get(pk=request.user_id)
        if user.role != request.from_role:
            raise ValidationError("申请提交后该账号的角色已发生变化，请驳回此申请。")
        core_actions.assign_role(actor, user, request.to_role)
    elif not (note or "").strip():
        raise ValidationError("驳回申请时请填写审核意见。")
    request.status = RoleRequestStatus.APPROVED if approve else RoleRequestStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), (note or "").strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.action(actor, "批准角色变更" if approve else "驳回角色变更", request,
                 after={"status": request.status}, reason=request.decision_note)
    return request


@transaction.atomic
def change_role_with_reason(actor, user: User, role: str, reason: str) -> RoleRequest:
    """The security administrator's direct change, kept as an approved request so its reason is on record."""
    reason = _clean_reason(reason, "变更事由")
    from_role = user.role
    core_actions.assign_role(actor, user, role)
    now = timezone.now()
    return RoleRequest.objects.create(user=user, from_role=from_role, to_role=role, reason=reason,
                                      status=RoleRequestStatus.APPROVED, requested_by=actor, decided_by=actor,
                                      decided_at=now)
