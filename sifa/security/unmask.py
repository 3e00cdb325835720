"""Break-glass unmasking (SECURITY.md B3, PIPL Art 6/51).

A sensitive field (listed in a ScopedModel subclass's `sensitive_fields`) is shown masked everywhere. A user
whose role holds the `unmask` capability may reveal one field of one record in their data scope by typing a
reason; the grant lasts three hours. The grant writes an UNMASK audit row, and every read of the clear value
writes a READ_SENSITIVE row. Audit rows name the record and the field, never the value.

A model may demand a narrower capability with `unmask_capability = "read_tracks"` (default "unmask").

Other lines' detail pages call `sensitive_value(user, obj, field)` (or the `{% sensitive obj "field" %}` tag
in `security/templatetags/masking.py`) instead of reading the attribute.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from sifa.core import audit
from sifa.core.masking import mask_value
from sifa.core.models.audit import AuditEventType
from sifa.core.models.scope import ScopedModel
from sifa.core.roles import has_capability

from .models import UnmaskGrant

MIN_REASON_CHARS = 4
MAX_REASON_CHARS = 500


class NotSensitive(LookupError):
    """The model is not a scoped record, or the field is not one of its `sensitive_fields`."""


def sensitive_model(label: str) -> type[ScopedModel]:
    """Resolve "app_label.model" to a concrete ScopedModel subclass, or raise NotSensitive."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise NotSensitive(label)
    if not issubclass(model, ScopedModel) or model._meta.abstract:
        raise NotSensitive(label)
    return model


def field_label(model, field: str) -> str:
    """The field's Chinese verbose name; raises NotSensitive unless the field is declared sensitive."""
    if field not in (getattr(model, "sensitive_fields", ()) or ()):
        raise NotSensitive(f"{model._meta.label_lower}.{field}")
    try:
        return str(model._meta.get_field(field).verbose_name)
    except Exception:
        return field


def may_unmask(user, model) -> bool:
    """Whether the user's role may ask for clear values of this model's sensitive fields."""
    return has_capability(user, getattr(model, "unmask_capability", "unmask"))


def scoped_object(user, model, pk):
    """The record if it is in the user's data scope, else None (a malformed pk counts as absent)."""
    try:
        return model.objects.for_user(user).filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        return None


def _in_scope(user, obj) -> bool:
    return type(obj).objects.for_user(user).filter(pk=obj.pk).exists()


def active_grant(user, obj, field: str) -> UnmaskGrant | None:
    if not may_unmask(user, type(obj)):
        return None
    return UnmaskGrant.objects.for_field(user, obj, field).active().order_by("-expires_at").first()


def clean_reason(reason) -> str:
    text = " ".join(str(reason or "").split())
    if len(text) < MIN_REASON_CHARS:
        raise ValidationError(
            f"请填写解除脱敏的事由（至少{MIN_REASON_CHARS}个字），例如“核对申请人身份以办理援助审批”。",
            code="reason_required")
    if len(text) > MAX_REASON_CHARS:
        raise ValidationError(f"事由不能超过{MAX_REASON_CHARS}个字。", code="reason_too_long")
    return text


@transaction.atomic
def grant_unmask(user, obj, field: str, reason) -> UnmaskGrant:
    """Open a 3-hour window on one field of one record. Raises PermissionDenied (no capability or out of
    scope), NotSensitive, or ValidationError (reason missing). Writes the UNMASK audit row (fails closed)."""
    label = field_label(type(obj), field)
    if not may_unmask(user, type(obj)):
        raise PermissionDenied("您的角色无权解除脱敏。")
    if not _in_scope(user, obj):
        raise PermissionDenied("该记录不在您的数据范围内。")
    reason = clean_reason(reason)
    grant = UnmaskGrant.objects.create(user=user, model_label=obj._meta.label_lower, object_id=str(obj.pk),
                                       field=field, reason=reason)
    audit.record(AuditEventType.UNMASK, user=user, object_type=obj._meta.label_lower, object_id=str(obj.pk),
                 verb=f"解除脱敏：{label}"[:50], reason=reason,
                 after={"field": field, "expires_at": grant.expires_at.isoformat()})
    return grant


def record_refusal(user, obj, field: str, why: str) -> None:
    """Audit an unmask request that was refused for its reason (missing, too short, too long): an attempt to see
    a clear value leaves a trace even when it fails (a missing right is a DENIED row, see denial.py)."""
    label = field_label(type(obj), field)
    audit.record(AuditEventType.UNMASK, user=user, outcome="failure", object_type=obj._meta.label_lower,
                 object_id=str(obj.pk), verb=f"解除脱敏：{label}"[:50], reason=f"未授权：{why}")


@dataclass(frozen=True)
class SensitiveDisplay:
    text: str                      # what to show: the masked value, or the clear one during a grant
    revealed: bool
    can_unmask: bool               # the user's role may ask for the clear value
    expires_at: datetime | None
    unmask_url: str
    label: str


def reveal(user, obj, field: str) -> SensitiveDisplay:
    """What `user` may see of `obj.field` now. A clear value is audited (READ_SENSITIVE) on every call."""
    model = type(obj)
    label = field_label(model, field)
    value = getattr(obj, field)
    url = reverse("security:sensitive_field", args=[obj._meta.label_lower, obj.pk, field])
    can = may_unmask(user, model)
    grant = active_grant(user, obj, field) if value not in (None, "") else None
    if grant is not None and _in_scope(user, obj):
        audit.record(AuditEventType.READ_SENSITIVE, user=user, object_type=obj._meta.label_lower,
                     object_id=str(obj.pk), verb=f"查看：{label}"[:50], reason=grant.reason)
        return SensitiveDisplay(str(value), True, can, grant.expires_at, url, label)
    return SensitiveDisplay(mask_value(model, field, value), False, can, None, url, label)


def sensitive_value(user, obj, field: str) -> str:
    """The masked value, or the clear value (audited) while the user holds an unexpired grant for it."""
    return reveal(user, obj, field).text
