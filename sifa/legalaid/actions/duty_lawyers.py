"""值班律师: workstations at courts, procuratorates and detention centres, the duty rota, and the 法律帮助 given
on duty (认罪认罚具结在场 counted once per case)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.action_checks import choice, not_future, positive_int, required
from sifa.core.models import OrgUnit

from .. import rules
from ..models import (
    LAWYER_KINDS,
    DutyShift,
    DutyStation,
    HelpKind,
    LegalHelp,
    LicenceStatus,
    Provider,
    StationKind,
)
from .base import can_write


@transaction.atomic
def create_station(actor, *, org: OrgUnit, name: str, kind: str, address: str = "") -> DutyStation:
    can_write(actor, org)
    station = DutyStation.objects.create(org=org, name=required(name, "工作站名称", 100),
                                         kind=choice(kind, StationKind, "派驻机关"),
                                         address=(address or "").strip()[:200], created_by=actor)
    audit.action(actor, "设立值班律师工作站", station, after={"name": station.name, "kind": station.kind})
    return station


@transaction.atomic
def schedule_shift(actor, *, station: DutyStation, provider: Provider, on_date: dt.date) -> DutyShift:
    """排班: a lawyer on duty at a station on a day. Only practising lawyers sit as 值班律师."""
    can_write(actor, station.org)
    if not station.active:
        raise ValidationError(f"“{station}”已撤销。")
    if provider.kind not in LAWYER_KINDS:
        raise ValidationError("值班律师须由律师担任。")
    if provider.licence_status != LicenceStatus.ACTIVE:
        raise ValidationError(f"“{provider.name}”的执业状态为“{provider.get_licence_status_display()}”，不能值班。")
    if not provider.org_path.startswith(rules.county_root(station.org).path):
        raise ValidationError(f"“{provider.name}”不在本县（区）法律援助人员名册中。")
    if DutyShift.objects.filter(station=station, provider=provider, on_date=on_date).exists():
        raise ValidationError(f"{on_date:%Y-%m-%d}“{provider.name}”已排在“{station}”值班。")
    shift = DutyShift.objects.create(org=station.org, station=station, provider=provider, on_date=on_date,
                                     created_by=actor)
    audit.action(actor, "值班排班", shift, after={"station": station.name, "provider": provider.name,
                                                "on_date": str(on_date)})
    return shift


@transaction.atomic
def record_help(actor, *, station: DutyStation, provider: Provider, helped_on: dt.date, kind: str,
                persons: int = 1, case_reference: str = "", note: str = "") -> LegalHelp:
    """法律帮助 by the 值班律师 on duty; 认罪认罚具结在场 needs the procuratorate's case number (one record per
    case, counted as 认罪认罚案件)."""
    can_write(actor, station.org)
    not_future(helped_on, "日期")
    if not DutyShift.objects.filter(station=station, provider=provider, on_date=helped_on).exists():
        raise ValidationError(f"{helped_on:%Y-%m-%d}“{provider.name}”未排在“{station}”值班，请先排班。")
    kind = choice(kind, HelpKind, "帮助类型")
    reference = (case_reference or "").strip()[:100]
    if kind == HelpKind.PLEA:
        if station.kind not in (StationKind.PROCURATORATE, StationKind.DETENTION, StationKind.COURT):
            raise ValidationError("认罪认罚具结在场应在检察院、看守所或法院工作站。")
        if not reference:
            raise ValidationError("认罪认罚具结在场须填写检察院案号。")
        if LegalHelp.objects.filter(kind=HelpKind.PLEA, case_reference=reference,
                                    org_path__startswith=rules.county_root(station.org).path).exists():
            raise ValidationError(f"案号“{reference}”的认罪认罚具结在场已经登记。", code="duplicate")
    help_record = LegalHelp.objects.create(
        org=station.org, station=station, station_kind=station.kind, provider=provider, helped_on=helped_on,
        kind=kind, is_plea=kind == HelpKind.PLEA, persons=positive_int(persons, "帮助人次", 1000),
        case_reference=reference, note=(note or "").strip()[:2000], created_by=actor)
    audit.action(actor, "登记值班律师法律帮助", help_record,
                 after={"kind": kind, "persons": help_record.persons, "on": str(helped_on)})
    return help_record
