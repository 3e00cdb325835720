"""Small pieces every business line's ``api.py`` needs, so no line writes its own.

    user = writer(request)                               # 403 unless the role may change records
    org = org_in_scope(request, payload.org)             # an org unit by code, in the caller's subtree, or 422
    room = referenced(request, Room, payload.room, "会见室")   # a record named in a body, in scope, or 422
    masked(obj, "id_number")                             # the value as every page shows it (SECURITY.md E2)
    audited_read(request, subject, "社区矫正对象")        # a READ_SENSITIVE row naming the record, never values
    class SubjectOut(RecordOut): ...                     # an output schema whose `org` is the owner's code

Records named in the path go through `sifa.api.scope.get_scoped_or_404` (404 + "denied" audit row); records
named in a request body answer 422, since the path itself was found."""

from __future__ import annotations

from django.db.models import Model
from ninja import Field, Schema

from sifa.core import audit
from sifa.core.access import reaches
from sifa.core.masking import mask_value
from sifa.core.models import OrgUnit
from sifa.core.models.audit import AuditEventType

from .auth import acting_user
from .errors import ApiError
from .scope import require_capability, scoped


class RecordOut(Schema):
    """Base of a line's output schema for a record kept by an org unit: `org` is that unit's code (a subclass
    may declare `org` again with its own title)."""

    org: str = Field(..., title="机构代码")

    @staticmethod
    def resolve_org(obj):
        return obj.org.code


class StepOut(Schema):
    step: str = Field(..., title="办理步骤")
    title: str = Field(..., title="步骤名称")


def offered_steps(obj, context) -> list[dict]:
    """The steps the record's workflow table (core.workflow) offers the caller now, for a detail schema's
    `steps: list[StepOut]` (resolve_steps = staticmethod(offered_steps)); [] for a record without a workflow."""
    from sifa.core.workflow import Workflow

    workflow = Workflow.of(obj)
    if workflow is None:
        return []
    return workflow.describe_steps(obj, acting_user(context["request"]))


def writer(request):
    """The caller, if their role may change business records; 403 otherwise."""
    require_capability(request, "write_records")
    return acting_user(request)


def invalid(field: str, label: str, message: str) -> ApiError:
    return ApiError(422, "invalid", f"{label}：{message}", [{"field": field, "label": label, "message": message}])


def org_in_scope(request, code: str, *, field: str = "org", label: str = "机构代码") -> OrgUnit:
    """The org unit with this code if it lies in the caller's own subtree; 422 otherwise."""
    user = acting_user(request)
    unit = OrgUnit.objects.filter(code=(code or "").strip()).first()
    if not reaches(user, unit):
        raise invalid(field, label, f"机构“{code}”不存在或不在您的管辖范围内。")
    return unit


def referenced(request, model: type[Model], pk, label: str, *, field: str | None = None, queryset=None):
    """A record named in a request body (a room, a provider, a fee item) that the caller may see; 422 if not."""
    if pk is None:
        return None
    queryset = scoped(request, model) if queryset is None else queryset
    try:
        obj = queryset.filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        obj = None
    if obj is None:
        raise invalid(field or label, label, f"编号{pk}不存在或不在您的数据范围内。")
    return obj


def masked(obj, field: str) -> str:
    """The field's masked value (ID numbers, mobiles, names of prisoners, criminal-record text …)."""
    value = getattr(obj, field)
    return mask_value(type(obj), field, value) if value not in (None, "") else ""


def audited_read(request, obj, label: str) -> None:
    """Record that the caller read a record holding sensitive personal data (SECURITY.md C1, "PI view")."""
    audit.record(AuditEventType.READ_SENSITIVE, user=acting_user(request), object_type=obj._meta.label_lower,
                 object_id=str(obj.pk), verb=f"接口查看{label}"[:50], reason="开放接口读取详情（已脱敏）")
