"""Every change to a lawsuit goes through one of these functions: scope, workflow (workflow.py), dates, the
audit row in the same transaction. Bad input raises a Chinese ValidationError naming the field and writes
nothing. Pages, the API, the ledger import and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit, notify
from sifa.core.models import OrgUnit
from sifa.core.notify import notify_users
from sifa.core.record_writer import RecordWriter
from sifa.reconsideration.actions import bureau_of, staff_of
from sifa.reconsideration.models import Agency
from sifa.reconsideration.models import Case as ReconsiderationCase
from sifa.reconsideration.models import Outcome as ReconsiderationOutcome

from . import rules
from .models import LOSSES, Defendant, DefendantRole, HeadPost, Hearing, Lawsuit, Level, Outcome, Status
from .workflow import WORKFLOW

LINE_NAME = "行政应诉"
FIELDS = ("number", "level", "court", "status", "agency_id", "filed_on", "notice_received_on", "answer_due",
          "answered_on", "first_hearing_on", "head_appeared", "head_name", "head_post", "closed_on", "outcome",
          "lost", "served_on", "appeal_due", "rectified_on")
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
SUITS = RecordWriter(Lawsuit, fields=FIELDS, workflow=WORKFLOW, line=LINE_NAME)


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def lawsuit_url(suit: Lawsuit) -> str:
    return notify.record_link("litigation:lawsuit_detail", suit.pk)


def _unique_number(number: str) -> str:
    number = required(number, "案号", 80)
    if Lawsuit.objects.filter(number=number).exists():
        raise ValidationError(f"案号“{number}”已登记，不能重复登记。", code="duplicate")
    return number


def _agency_of_county(agency: Agency, bureau: OrgUnit, label: str) -> Agency:
    if agency is None or not agency.org_path.startswith(bureau.path):
        raise ValidationError(f"{label}应为本县（区）登记的行政机关。")
    return agency


def _co_defendants(reconsideration: ReconsiderationCase | None, co_defendants: Sequence[Agency],
                   bureau: OrgUnit) -> list[Agency]:
    """复议维持 → the 复议机关 (the county government) is a 共同被告 (《行政诉讼法》第26条第2款)."""
    agencies = [_agency_of_county(a, bureau, "共同被告") for a in co_defendants]
    if reconsideration is None:
        return agencies
    if not reconsideration.org_path.startswith(bureau.path):
        raise ValidationError("关联的复议案件不在本县（区）范围内。")
    if reconsideration.outcome == ReconsiderationOutcome.UPHELD:
        government = Agency.objects.filter(org_path__startswith=bureau.path, is_government=True).first()
        if government is None:
            raise ValidationError("复议维持的案件应以县（区）人民政府为共同被告，请先在行政机关名录中登记县（区）人民政府。")
        if government not in agencies:
            agencies.append(government)
    return agencies


@transaction.atomic
def register(actor, *, org: OrgUnit, number: str, court: str, plaintiff: str, cause: str, agency: Agency,
             filed_on: dt.date, notice_received_on: dt.date, level: str = Level.FIRST,
             co_defendants: Sequence[Agency] = (), reconsideration: ReconsiderationCase | None = None,
             agent: str = "", previous: Lawsuit | None = None, source_system: str = "") -> Lawsuit:
    """登记 a lawsuit on receipt of the 应诉通知: the 15-day answer period starts."""
    bureau = bureau_of(org)
    ensure_can_write(actor, org)
    level = choice(level, Level, "审级")
    not_future(notice_received_on, "收到应诉通知日期")
    not_before(notice_received_on, filed_on, "收到应诉通知日期", "立案日期")
    agency = _agency_of_county(agency, bureau, "被告")
    co = [a for a in _co_defendants(reconsideration, co_defendants, bureau) if a.pk != agency.pk]
    suit = Lawsuit.objects.create(
        org=org, number=_unique_number(number), level=level, court=required(court, "受理法院", 100),
        plaintiff=required(plaintiff, "原告", 200), cause=required(cause, "案由", 200), agency=agency,
        filed_on=filed_on, notice_received_on=notice_received_on, answer_due=rules.answer_due(notice_received_on),
        agent=(agent or "").strip()[:100], reconsideration=reconsideration, previous=previous,
        source_system=source_system, created_by=actor)
    Defendant.objects.create(lawsuit=suit, org=org, agency=agency, created_by=actor)
    for other in co:
        Defendant.objects.create(lawsuit=suit, org=org, agency=other, role=DefendantRole.CO_DEFENDANT,
                                 created_by=actor)
    audit.action(actor, "登记行政诉讼案件", suit, after=SUITS.snapshot(suit) | {"co_defendants": len(co)})
    notify_users(staff_of(org), f"行政应诉：{suit.number}，请于{suit.answer_due:%Y-%m-%d}前提交答辩状",
                 link=lawsuit_url(suit), category=LINE_NAME)
    return suit


@transaction.atomic
def answer(actor, suit: Lawsuit, *, answered_on: dt.date) -> Lawsuit:
    suit, before = SUITS.lock_for_change(suit, actor, "answer")
    not_future(answered_on, "提交答辩状日期")
    not_before(answered_on, suit.notice_received_on, "提交答辩状日期", "收到应诉通知日期")
    suit.answered_on = answered_on
    suit.status = Status.PENDING
    return SUITS.save(actor, suit, "提交答辩状", before)


@transaction.atomic
def record_hearing(actor, suit: Lawsuit, *, held_on: dt.date, head_present: bool = False, head_name: str = "",
                   head_post: str = "", agents: str = "") -> Hearing:
    """开庭; the agency head's appearance counts once per case and level (法释〔2020〕3号第7条)."""
    suit, before = SUITS.lock_for_change(suit, actor, "hearing")
    not_future(held_on, "开庭日期")
    not_before(held_on, suit.filed_on, "开庭日期", "立案日期")
    if head_present:
        head_name = required(head_name, "出庭负责人姓名", 50)
        head_post = choice(head_post, HeadPost, "出庭负责人职务")
    else:
        head_name, head_post = "", ""
    hearing = Hearing.objects.create(lawsuit=suit, org=suit.org, held_on=held_on, head_present=bool(head_present),
                                     head_name=head_name, head_post=head_post, agents=(agents or "").strip()[:100],
                                     created_by=actor)
    if suit.first_hearing_on is None or held_on < suit.first_hearing_on:
        suit.first_hearing_on = held_on
    if head_present and not suit.head_appeared:
        suit.head_appeared, suit.head_name, suit.head_post = True, head_name, head_post
    suit.status = Status.PENDING
    SUITS.save(actor, suit, "登记开庭", before)
    return hearing


@transaction.atomic
def close(actor, suit: Lawsuit, *, outcome: str, closed_on: dt.date) -> Lawsuit:
    """裁判 (judgment, ruling or mediation); 败诉 is derived from the outcome."""
    suit, before = SUITS.lock_for_change(suit, actor, "close")
    outcome = choice(outcome, Outcome, "裁判结果")
    not_future(closed_on, "审结日期")
    not_before(closed_on, suit.filed_on, "审结日期", "立案日期")
    if suit.first_hearing_on:
        not_before(closed_on, suit.first_hearing_on, "审结日期", "开庭日期")
    suit.outcome, suit.closed_on, suit.lost = outcome, closed_on, outcome in LOSSES
    suit.status = Status.CLOSED
    return SUITS.save(actor, suit, "登记裁判结果", before)


@transaction.atomic
def record_service(actor, suit: Lawsuit, *, served_on: dt.date) -> Lawsuit:
    suit, before = SUITS.lock_for_change(suit, actor, "served")
    not_future(served_on, "送达日期")
    not_before(served_on, suit.closed_on, "送达日期", "审结日期")
    suit.served_on = served_on
    suit.appeal_due = rules.appeal_due(served_on) if suit.level == Level.FIRST else None
    return SUITS.save(actor, suit, "登记裁判文书送达", before)


@transaction.atomic
def appeal(actor, suit: Lawsuit, *, number: str, court: str, filed_on: dt.date,
           notice_received_on: dt.date) -> Lawsuit:
    """上诉: the second instance is a lawsuit of its own, linked to the first."""
    suit, before = SUITS.lock_for_change(suit, actor, "appeal")
    if suit.level != Level.FIRST:
        raise ValidationError("只有一审案件可以登记上诉。")
    if suit.served_on is None:
        raise ValidationError("请先登记一审裁判文书送达日期。")
    not_before(filed_on, suit.served_on, "二审立案日期", "一审送达日期")
    audit.action(actor, "登记上诉", suit, before=before, after={"appeal_number": number})
    co = [d.agency for d in suit.defendants.filter(role=DefendantRole.CO_DEFENDANT)]
    return register(actor, org=suit.org, number=number, court=court, plaintiff=suit.plaintiff, cause=suit.cause,
                    agency=suit.agency, filed_on=filed_on, notice_received_on=notice_received_on,
                    level=Level.SECOND, co_defendants=co, reconsideration=suit.reconsideration, previous=suit)


@transaction.atomic
def rectify(actor, suit: Lawsuit, *, reported_on: dt.date, report: str, performed_on: dt.date | None = None) -> Lawsuit:
    """败诉整改: what the agency changed after losing, and when it carried out the judgment."""
    suit, before = SUITS.lock_for_change(suit, actor, "rectify")
    if not suit.lost:
        raise ValidationError("该案件未败诉，无需登记败诉整改。")
    not_future(reported_on, "整改报告日期")
    not_before(reported_on, suit.closed_on, "整改报告日期", "审结日期")
    if performed_on is not None:
        not_future(performed_on, "履行完毕日期")
        not_before(performed_on, suit.closed_on, "履行完毕日期", "审结日期")
    suit.rectified_on, suit.rectification, suit.performed_on = reported_on, required(report, "整改情况"), performed_on
    return SUITS.save(actor, suit, "登记败诉整改", before)
