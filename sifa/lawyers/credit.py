"""智选律师's public record of a lawyer and the credit score of the published 评价办法.

The public-service record is computed from the other lines' records — legal-aid cases closed (法律援助),
值班律师 shifts at courts, procuratorates and detention centres (法律援助值班), 信访值班 turns, 法治体检
enterprises and 法律顾问 contracts — never typed in. The score follows the method version in force on the day
it is computed; every version stays published, so a score can be explained from the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from .models import PUBLIC_SANCTIONS, AssessmentResult, Lawyer


@dataclass(frozen=True)
class Method:
    version: str
    effective_from: dt.date
    title: str
    base: int
    per_service: Decimal
    service_cap: int
    per_honour: int
    honour_cap: int
    per_star: int  # points per star of the average rating above or below 3
    min_ratings: int
    sanction_penalty: int
    sanction_years: int
    unqualified_penalty: int
    rules: list[str] = field(default_factory=list)


METHODS = [
    Method("1.0", dt.date(2021, 1, 1), "律师诚信评价办法（试行）", base=80, per_service=Decimal("0.5"),
           service_cap=10, per_honour=2, honour_cap=6, per_star=4, min_ratings=3, sanction_penalty=15,
           sanction_years=3, unqualified_penalty=10,
           rules=["基础分80分。",
                  "公益服务：每办结一件法律援助案件、每参加一次法律援助值班或信访值班、每为一家企业法治体检、每担任一个"
                  "单位的法律顾问加0.5分，最多加10分。",
                  "荣誉：每项县级以上荣誉加2分，最多加6分。",
                  "群众评价：评价满3条后，平均评分每高于3星1星加4分，每低于3星1星减4分。",
                  "行政处罚：近3年内每受到一次向社会公示的行政处罚（警告、罚款、停止执业、吊销执业证书）减15分。",
                  "年度考核：最近一次年度考核不称职的减10分。",
                  "总分在0至100分之间。"]),
]


def method_on(day: dt.date) -> Method:
    current = [m for m in METHODS if m.effective_from <= day]
    return current[-1] if current else METHODS[0]


@dataclass
class PublicRecord:
    legal_aid_cases: int
    aid_duty_shifts: int
    petition_duty: int
    checkups: int
    counsel: int

    @property
    def total(self) -> int:
        return self.legal_aid_cases + self.aid_duty_shifts + self.petition_duty + self.checkups + self.counsel

    def rows(self) -> list[tuple[str, int, str]]:
        return [("法律援助案件（办结）", self.legal_aid_cases, "件"), ("法律援助值班", self.aid_duty_shifts, "次"),
                ("信访值班", self.petition_duty, "次"), ("企业法治体检", self.checkups, "家"),
                ("担任法律顾问", self.counsel, "个单位")]


def public_record(lawyer: Lawyer) -> PublicRecord:
    from sifa.legalaid.models import Assignment, DutyShift, Status

    provider = lawyer.provider
    return PublicRecord(
        legal_aid_cases=Assignment.objects.filter(provider=provider, active=True,
                                                  application__status=Status.CLOSED).count(),
        aid_duty_shifts=DutyShift.objects.filter(provider=provider).count(),
        petition_duty=lawyer.duty_turns.count(),
        checkups=lawyer.checkup_teams.aggregate(n=Count("visits"))["n"] or 0,
        counsel=lawyer.contracts.count(),
    )


@dataclass
class Score:
    value: Decimal
    method: Method
    parts: list[tuple[str, Decimal]]
    ratings: int
    average: Decimal | None


def score(lawyer: Lawyer, on: dt.date) -> Score:
    m = method_on(on)
    record = public_record(lawyer)
    parts = [("基础分", Decimal(m.base))]
    parts.append(("公益服务", min(Decimal(m.service_cap), m.per_service * record.total)))
    honours = lawyer.honours.filter(awarded_on__lte=on).count()
    parts.append(("荣誉", Decimal(min(m.honour_cap, m.per_honour * honours))))
    agg = lawyer.ratings.aggregate(n=Count("id"), avg=Avg("score"))
    average = Decimal(str(agg["avg"])).quantize(Decimal("0.1"), ROUND_HALF_UP) if agg["avg"] is not None else None
    if agg["n"] >= m.min_ratings and average is not None:
        parts.append(("群众评价", (average - 3) * m.per_star))
    since = on.replace(year=on.year - m.sanction_years)
    sanctions = lawyer.complaints.filter(outcome__in=[str(o) for o in PUBLIC_SANCTIONS], closed_on__gt=since,
                                         closed_on__lte=on).count()
    if sanctions:
        parts.append(("行政处罚", Decimal(-m.sanction_penalty * sanctions)))
    latest = lawyer.assessments.order_by("-year").first()
    if latest is not None and latest.result == AssessmentResult.UNQUALIFIED:
        parts.append(("年度考核不称职", Decimal(-m.unqualified_penalty)))
    value = max(Decimal(0), min(Decimal(100), sum((p for _, p in parts), Decimal(0))))
    return Score(value=value.quantize(Decimal("0.1")), method=m, parts=parts, ratings=agg["n"], average=average)


def years_in_practice(lawyer: Lawyer, on: dt.date) -> int:
    years = on.year - lawyer.licensed_on.year - ((on.month, on.day) < (lawyer.licensed_on.month,
                                                                          lawyer.licensed_on.day))
    return max(0, years)
