"""What every publicity action shares: the line's scope check and the village rules (a village is a 12-digit
division; the record is owned by the 司法所 of its township when the actor reaches it, else by the actor's unit,
and a village outside the owner's area is refused)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sifa.core import action_checks as checks
from sifa.core.access import reaches
from sifa.core.models import Division, OrgKind, OrgUnit
from sifa.core.models.orgs import DivisionLevel

LINE_NAME = "普法与依法治理"


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def village_of(value) -> Division:
    """A village division from itself or its code."""
    if isinstance(value, Division):
        village = value
    else:
        village = Division.objects.filter(code=str(value or "").strip()).first()
    if village is None or village.level != DivisionLevel.VILLAGE:
        raise ValidationError(f"村（社区）“{value}”不是有效的村级区划。")
    return village


def owner_for(actor, village: Division | None, org: OrgUnit | None = None) -> OrgUnit:
    """The unit that owns a record in `village`: the given unit, else the 司法所 of the village's township when
    the actor reaches it, else the actor's own unit. Refused when the village lies outside that unit's area."""
    if org is None:
        org = actor.org
        if village is not None:
            office = (OrgUnit.objects.filter(kind=OrgKind.JUSTICE_OFFICE, division_id=village.code[:9], active=True)
                      .order_by("path").first())
            if office is not None and reaches(actor, office):
                org = office
    ensure_can_write(actor, org)
    if village is not None and not village.code.startswith(org.division_id):
        raise ValidationError(f"村（社区）“{village.name}”不在您的管辖范围（{org.name}）内，不能登记。")
    return org


def count(value, label: str, maximum: int) -> int:
    """A whole number from 0 to `maximum` (人次, 份, 条…)."""
    if value in (None, ""):
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}应为整数。")
    if number < 0:
        raise ValidationError(f"{label}不能小于0。")
    if number > maximum:
        raise ValidationError(f"{label}（{number}）超出合理范围（不超过{maximum}），请核对。")
    return number
