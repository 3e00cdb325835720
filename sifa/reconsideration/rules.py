"""The reconsideration line's legal time limits and the rules that depend on the case's law version
(DOMAIN.md §9). “三、五、七、十日” are working days (2023 law 第88条); the decision period is calendar days.

Every due date is computed here from the dates the workflow recorded, so a page, the home list and the actions
agree; past the published holiday calendar the date is an estimate (deadlines.estimated_due).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sifa.core.deadlines import DeadlineRule, estimated_due

from .models import NOT_IN_2017, LawVersion, Outcome, Procedure

LAW_2023_IN_FORCE = dt.date(2024, 1, 1)

REVIEW = DeadlineRule("working", 5, "受理审查", basis="《行政复议法》第三十条、第八十八条")
CORRECTION_NOTICE = DeadlineRule("working", 5, "补正通知", basis="《行政复议法》第三十一条")
CORRECTION = DeadlineRule("working", 10, "补正材料", basis="《行政复议法》第三十一条")
COPY_ORDINARY = DeadlineRule("working", 7, "发送申请书副本", basis="《行政复议法》第四十八条")
REPLY_ORDINARY = DeadlineRule("working", 10, "被申请人答复", basis="《行政复议法》第四十八条")
COPY_SIMPLE = DeadlineRule("working", 3, "发送申请书副本（简易程序）", basis="《行政复议法》第五十四条")
REPLY_SIMPLE = DeadlineRule("working", 5, "被申请人答复（简易程序）", basis="《行政复议法》第五十四条")
DECISION_ORDINARY = DeadlineRule("calendar", 60, "作出复议决定", basis="《行政复议法》第六十二条")
DECISION_SIMPLE = DeadlineRule("calendar", 30, "作出复议决定（简易程序）", basis="《行政复议法》第六十二条")
OPINION_REPLY = DeadlineRule("calendar", 60, "意见书（建议书）回复", basis="《行政复议法》第七十六条")
MAX_EXTENSION_DAYS = 30


def law_version(filed_on: dt.date) -> str:
    """The law a case follows, by its filing date (DOMAIN §9: the 2023 law from 2024-01-01)."""
    return LawVersion.LAW_2023 if filed_on >= LAW_2023_IN_FORCE else LawVersion.LAW_2017


def due(rule: DeadlineRule, start: dt.date, pauses=()) -> dt.date | None:
    return estimated_due(rule, start, pauses).date


def review_due(received_on: dt.date) -> dt.date:
    return due(REVIEW, received_on)


def copy_and_reply_rules(procedure: str) -> tuple[DeadlineRule, DeadlineRule]:
    return (COPY_SIMPLE, REPLY_SIMPLE) if procedure == Procedure.SIMPLE else (COPY_ORDINARY, REPLY_ORDINARY)


def decision_due(accepted_on: dt.date, procedure: str, pauses=(), extension_days: int = 0) -> dt.date | None:
    """60 days (简易 30) from acceptance, the 中止 periods not counted, plus an approved extension. None while a
    中止 is still running (the date is not known until it resumes)."""
    rule = DECISION_SIMPLE if procedure == Procedure.SIMPLE else DECISION_ORDINARY
    if extension_days:
        rule = DeadlineRule("calendar", rule.amount + extension_days, rule.label + "（已延长）", basis=rule.basis)
    return due(rule, accepted_on, pauses)


def check_outcome(outcome: str, version: str) -> None:
    """An outcome the case's law does not know is refused, naming the law."""
    if version == LawVersion.LAW_2017 and outcome in NOT_IN_2017:
        raise ValidationError(f"结案方式“{Outcome(outcome).label}”是2023年修订《行政复议法》新设的决定类型，"
                              "本案按2017年《行政复议法》及实施条例办理，不能适用。")


def check_procedure(procedure: str, version: str) -> None:
    if version == LawVersion.LAW_2017 and procedure == Procedure.SIMPLE:
        raise ValidationError("简易程序是2023年修订《行政复议法》新设的程序，本案按2017年《行政复议法》办理，"
                              "审理程序应为普通程序。")


def short_name(county_name: str) -> str:
    """“砀山县” → “砀”, the one-character abbreviation used in document numbers (砀复〔2024〕12号)."""
    return county_name[:1]
