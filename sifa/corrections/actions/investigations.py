"""调查评估 (第十八条): commissioned by the deciding organ before a sentence of community correction, answered
within ten working days (five when urgent)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sifa.core import audit
from sifa.core.identifiers import parse_resident_id
from sifa.core.inputs import choice, optional, required
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgUnit
from sifa.core.numbering import next_case_number

from .. import access, rules
from ..access import ensure_can_write
from ..models import Category, Commissioner, Investigation, InvestigationStatus, Opinion
from ..workflow import INVESTIGATION
from .base import link_to, number_prefix, office_staff, past_date, tell, writable

INVESTIGATION_FIELDS = ("number", "commissioner", "received_on", "urgent", "person_name", "id_number",
                        "proposed_category", "due_on", "status", "opinion", "completed_on")


@transaction.atomic
def commission_investigation(actor, *, org: OrgUnit, commissioner_kind: str, commissioner: str,
                             received_on: dt.date, person_name: str, id_number: str, proposed_category: str,
                             urgent: bool = False, crime: str = "", commission_no: str = "") -> Investigation:
    """Register a 调查评估 commissioned by the deciding organ (第十八条); the opinion is due in ten working days,
    five when urgent (速裁)."""
    ensure_can_write(actor, org)
    received_on = past_date(received_on, "收到委托日期")
    inv = Investigation(
        org=org, commissioner_kind=choice(commissioner_kind, Commissioner, "委托机关类别"),
        commissioner=required(commissioner, "委托机关", 100), commission_no=optional(commission_no, "委托函文号", 100),
        received_on=received_on, urgent=bool(urgent), person_name=required(person_name, "被调查人姓名", 50),
        id_number=parse_resident_id(id_number).number, crime=optional(crime, "罪名", 200),
        proposed_category=choice(proposed_category, Category, "拟适用类别"),
        due_on=rules.investigation_due(received_on, bool(urgent)), created_by=actor)
    inv.number = next_case_number("corrections_inv", access.county_of(org), received_on.year, number_prefix(org) + "矫评")
    inv.save()
    audit.action(actor, "登记调查评估委托", inv, after=masked_snapshot(inv, INVESTIGATION_FIELDS))
    tell(office_staff(org), f"调查评估：{inv.person_name}", f"请于{inv.due_on:%Y-%m-%d}前出具评估意见。", link_to(inv))
    return inv


@transaction.atomic
def complete_investigation(actor, investigation: Investigation, *, opinion: str, completed_on: dt.date,
                           findings: str, investigators: str) -> Investigation:
    """出具评估意见. A late opinion is still recorded (and shows as 逾期) — the deciding organ needs it."""
    inv = writable(Investigation.objects.select_for_update().get(pk=investigation.pk), actor, INVESTIGATION, "complete")
    completed_on = past_date(completed_on, "出具意见日期", inv.received_on, "收到委托日期")
    before = masked_snapshot(inv, INVESTIGATION_FIELDS)
    inv.opinion = choice(opinion, Opinion, "评估意见")
    inv.completed_on = completed_on
    inv.findings = required(findings, "调查情况", 5000)
    inv.investigators = required(investigators, "调查人员", 100)
    inv.status = InvestigationStatus.DONE
    inv.save()
    audit.action(actor, "出具调查评估意见", inv, before=before, after=masked_snapshot(inv, INVESTIGATION_FIELDS),
                 reason=f"逾期{(completed_on - inv.due_on).days}日" if inv.late else "")
    return inv
