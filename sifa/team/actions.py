"""Every change of the 队伍建设 line goes through one of these functions: scope (the actor writes for an org in
his subtree), validation with a Chinese ValidationError naming the field and no partial write, one audit row in
the same transaction. Pages, the ledger and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.models import OrgUnit
from sifa.core.record_writer import RecordWriter

from .models import (
    ActivityKind,
    Clue,
    ClueStatus,
    Problem,
    ProblemCategory,
    ProblemStatus,
    Rule,
    RuleKind,
    SelfReport,
    TeamActivity,
)

LINE_NAME = "队伍建设"
not_future, not_before, choice, required = checks.not_future, checks.not_before, checks.choice, checks.required
ACTIVITY_FIELDS = ("kind", "held_on", "title", "organizer", "participants")
PROBLEM_FIELDS = ("category", "status", "found_on", "due_on", "rectified_on")
SELF_REPORT_FIELDS = ("reported_on", "officer", "is_regular", "matter")
CLUE_FIELDS = ("received_on", "source", "status", "closed_on", "summary", "result")
RULE_FIELDS = ("title", "kind", "adopted_on", "doc_number")
PROBLEMS = RecordWriter(Problem, fields=PROBLEM_FIELDS, line=LINE_NAME)
CLUES = RecordWriter(Clue, fields=CLUE_FIELDS, line=LINE_NAME)
RECTIFY_DAYS = 30


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def _date(day, label: str) -> dt.date:
    if day is None:
        raise ValidationError(f"请填写{label}。")
    not_future(day, label)
    return day


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


# -------------------------------------------------------------------------------------------------- 教育活动

@transaction.atomic
def record_activity(actor, *, org: OrgUnit, kind: str, held_on: dt.date, title: str, participants: int | None = 0,
                    organizer: str = "", note: str = "") -> TeamActivity:
    """登记一次教育活动（政治轮训每期一条、集中学习、研讨交流、集体活动、警示教育）。"""
    ensure_can_write(actor, org)
    kind = choice(kind, ActivityKind, "活动类别")
    _date(held_on, "活动日期")
    participants = participants or 0
    if participants < 0 or participants > 10000:
        raise ValidationError("参加人数应在0至10000之间。")
    activity = TeamActivity.objects.create(
        org=org, kind=kind, held_on=held_on, title=required(title, "名称（主题）", 200),
        organizer=_text(organizer, 100), participants=participants, note=_text(note, 4000), created_by=actor)
    audit.action(actor, "登记队伍教育活动", activity, after=audit.snapshot(activity, ACTIVITY_FIELDS, readable=True))
    return activity


# -------------------------------------------------------------------------------------------------- 查摆问题

@transaction.atomic
def find_problem(actor, *, org: OrgUnit, description: str, found_on: dt.date, due_on: dt.date | None = None,
                 category: str = ProblemCategory.CHRONIC) -> Problem:
    """登记查摆问题: its 整改期限 is the date set, or 30 days from the day it was found."""
    ensure_can_write(actor, org)
    _date(found_on, "查摆日期")
    due_on = due_on or found_on + dt.timedelta(days=RECTIFY_DAYS)
    if due_on <= found_on:
        raise ValidationError("整改期限应晚于查摆日期。")
    problem = Problem.objects.create(
        org=org, description=required(description, "问题描述", 2000), category=choice(category, ProblemCategory,
                                                                                     "问题类别"),
        found_on=found_on, due_on=due_on, created_by=actor)
    audit.action(actor, "登记查摆问题", problem, after=PROBLEMS.snapshot(problem))
    return problem


@transaction.atomic
def rectify_problem(actor, problem: Problem, *, rectified_on: dt.date, measures: str) -> Problem:
    """整改完毕: 待整改 → 已整改."""
    problem, before = PROBLEMS.lock_for_change(problem, actor)
    if problem.status == ProblemStatus.RECTIFIED:
        raise ValidationError("该问题已整改完毕，不能重复登记。")
    _date(rectified_on, "整改完成日期")
    not_before(rectified_on, problem.found_on, "整改完成日期", "查摆日期")
    problem.measures = required(measures, "整改措施及结果", 2000)
    problem.rectified_on, problem.status = rectified_on, ProblemStatus.RECTIFIED
    return PROBLEMS.save(actor, problem, "查摆问题整改完毕", before)


# -------------------------------------------------------------------------------------------------- 主动说明问题

@transaction.atomic
def record_self_report(actor, *, org: OrgUnit, reported_on: dt.date, officer: str, is_regular: bool = True,
                       matter: str = "") -> SelfReport:
    """登记干警主动向组织说明自身存在问题（只记姓名，不记身份证号）。"""
    ensure_can_write(actor, org)
    _date(reported_on, "说明日期")
    officer = required(officer, "干警姓名", 50)
    if SelfReport.objects.filter(org=org, officer=officer, reported_on=reported_on).exists():
        raise ValidationError(f"{officer}在{reported_on:%Y-%m-%d}的主动说明已登记，不能重复登记。")
    report = SelfReport.objects.create(org=org, reported_on=reported_on, officer=officer, is_regular=bool(is_regular),
                                       matter=_text(matter, 4000), created_by=actor)
    audit.action(actor, "登记主动说明问题", report, after=audit.snapshot(report, SELF_REPORT_FIELDS, readable=True))
    return report


# -------------------------------------------------------------------------------------------------- 问题线索

@transaction.atomic
def receive_clue(actor, *, org: OrgUnit, received_on: dt.date, source: str, summary: str) -> Clue:
    """登记涉及本局的问题线索（办理中）。"""
    ensure_can_write(actor, org)
    _date(received_on, "收到日期")
    clue = Clue.objects.create(org=org, received_on=received_on, source=required(source, "线索来源", 100),
                               summary=required(summary, "线索摘要", 2000), created_by=actor)
    audit.action(actor, "登记问题线索", clue, after=CLUES.snapshot(clue))
    return clue


@transaction.atomic
def close_clue(actor, clue: Clue, *, closed_on: dt.date, result: str) -> Clue:
    """线索办结: 办理中 → 已办结."""
    clue, before = CLUES.lock_for_change(clue, actor)
    if clue.status == ClueStatus.CLOSED:
        raise ValidationError("该线索已办结，不能重复办结。")
    _date(closed_on, "办结日期")
    not_before(closed_on, clue.received_on, "办结日期", "收到日期")
    clue.result = required(result, "办理结果", 2000)
    clue.closed_on, clue.status = closed_on, ClueStatus.CLOSED
    return CLUES.save(actor, clue, "问题线索办结", before)


# -------------------------------------------------------------------------------------------------- 规章制度

@transaction.atomic
def adopt_rule(actor, *, org: OrgUnit, title: str, adopted_on: dt.date, kind: str = RuleKind.NEW,
               doc_number: str = "") -> Rule:
    """登记制定或修订的内部规章制度。"""
    ensure_can_write(actor, org)
    _date(adopted_on, "印发日期")
    title = required(title, "制度名称", 200)
    kind = choice(kind, RuleKind, "制定或修订")
    if Rule.objects.filter(org=org, title=title, adopted_on=adopted_on).exists():
        raise ValidationError(f"“{title}”（{adopted_on:%Y-%m-%d}印发）已登记，不能重复登记。")
    rule = Rule.objects.create(org=org, title=title, kind=kind, adopted_on=adopted_on,
                               doc_number=_text(doc_number, 60), created_by=actor)
    audit.action(actor, "登记规章制度", rule, after=audit.snapshot(rule, RULE_FIELDS, readable=True))
    return rule
