"""Demo records of the notary line for 安徽省砀山县公证处, all made through the actions.

The office's list of matters (with the 最多跑一次 list, what may be applied for online, and the fee schedule) and
its matters: from 1 January to seed 000's date (13 August 2021) exactly 1657 certificates are issued (seed
000: 至今共办理公证1657件,
notary.issued), nearly all within fifteen working days of 受理 net of pauses for supplementary materials; a few
are refused or withdrawn, a few run past that date. The last quarter of 2020, the rest of 2021 and the weeks
before today have matters of their own, including online pre-applications waiting to be accepted. The fee
amounts are demo parameters, not the province's official schedule.
"""

from __future__ import annotations

import datetime as dt

from sifa.core import workdays
from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register

from . import actions, rules
from .models import NotaryItem, NotaryMatter

D = dt.date
H1_START, H1_END = D(2021, 1, 1), D(2021, 6, 30)
REPORT_DATE = D(2021, 8, 13)  # seed 000's date: its “至今” figure counts from 1 January to it
H1_ISSUED = 1657
NOTARIES = ("李文静", "陈国栋", "孙丽萍", "刘建军")
# name, category, one visit, online, base fee, copy fee, weight, value tiers (upper, ‰) or ()
ITEMS = (
    ("出生公证", "personal", True, True, "80", "20", 10, ()),
    ("亲属关系公证", "kinship", True, True, "80", "20", 14, ()),
    ("婚姻状况公证", "kinship", True, True, "80", "20", 8, ()),
    ("无犯罪记录公证", "personal", True, True, "80", "20", 6, ()),
    ("学历学位公证", "personal", True, True, "80", "20", 7, ()),
    ("驾驶证公证", "personal", True, True, "80", "20", 5, ()),
    ("委托书公证", "entrustment", True, False, "200", "20", 16, ()),
    ("声明书公证", "entrustment", True, False, "200", "20", 8, ()),
    ("遗嘱公证", "entrustment", False, False, "300", "20", 2, ()),
    ("继承权公证", "succession", False, False, "300", "20", 7, ()),
    ("赠与合同公证", "entrustment", False, False, "0", "20", 2, (("500000", "3"), (None, "2"))),
    ("房屋买卖合同公证", "contract", False, False, "0", "20", 3, (("500000", "3"), ("5000000", "2"), (None, "1"))),
    ("借款合同公证", "contract", True, False, "0", "20", 4, (("500000", "3"), ("5000000", "2"), (None, "1"))),
    ("保全证据公证", "evidence", False, False, "500", "50", 2, ()),
    ("公司章程公证", "articles", False, False, "200", "20", 1, ()),
    ("复印件与原件相符公证", "document", True, True, "50", "10", 5, ()),
)
PLACES = ("加拿大", "美国", "澳大利亚", "日本", "德国", "英国", "新加坡")


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.actor = ctx, ctx.rng, ctx.users["section_staff"]
        self.office = ctx.units["notary_office"]
        self.people = People(ctx.rng)

    def items(self) -> list[tuple[NotaryItem, int]]:
        out = []
        for name, category, one_visit, online, fee, copy_fee, weight, tiers in ITEMS:
            item = NotaryItem.objects.filter(org=self.office, name=name).first() or actions.create_item(
                self.actor, org=self.office, name=name, category=category, one_visit=one_visit, online=online,
                base_fee=fee, copy_fee=copy_fee, value_based=bool(tiers), min_fee="200" if tiers else "0",
                tiers=tiers, effective_from=D(2018, 1, 1), materials="申请人身份证件；与申请事项有关的证明材料")
            out.append((item, weight))
        return out

    def pick(self, items):
        return self.rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]

    def fields(self, item: NotaryItem) -> dict:
        foreign = item.category in ("personal", "kinship") and self.rng.random() < 0.55
        return {"applicant_name": self.people.name(), "applicant_id": self.people.resident_id(), "foreign": foreign,
                "use_place": self.rng.choice(PLACES) if foreign else "", "copies": self.rng.choice((1, 1, 2, 3)),
                "subject_value": str(self.rng.randrange(5, 150) * 10000) if item.value_based else None,
                "purpose": "办理签证、留学、继承等" if foreign else ""}

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        return [d for d in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
                if workdays.is_workday(d)]

    def handle(self, item: NotaryItem, accepted: dt.date, issued: dt.date | None, pause_days: int = 0,
               outcome: str = "issued") -> NotaryMatter:
        channel = "doorstep" if self.rng.random() < 0.02 else "window"
        matter = actions.register_matter(self.actor, org=self.office, item=item, accepted_on=accepted, channel=channel,
                                         notary=self.rng.choice(NOTARIES), green_channel=self.rng.random() < 0.05,
                                         **self.fields(item))
        if pause_days:
            start = workdays.add_working_days(accepted, 1)
            actions.pause(self.actor, matter, reason="supplement", started_on=start, note="补充亲属关系证明")
            actions.resume(self.actor, matter, ended_on=start + dt.timedelta(days=pause_days))
        if outcome == "refused":
            actions.refuse(self.actor, matter, reason="insufficient", refused_on=accepted + dt.timedelta(days=3),
                           note="申请人未能补充必要的证明材料，已告知")
        elif outcome == "withdrawn":
            actions.withdraw(self.actor, matter, withdrawn_on=accepted + dt.timedelta(days=2), note="申请人撤回")
        elif issued is not None and issued <= self.ctx.today:
            matter.refresh_from_db()
            due = rules.issue_due(matter.accepted_on, matter.pause_ranges())
            actions.issue(self.actor, matter, issued_on=issued,
                          late_reason="" if issued <= due else "需向外地有关单位核实，回函迟延")
        return matter

    def period(self, start: dt.date, end: dt.date, issued_in_period: int, items, spill: int = 0) -> None:
        """`issued_in_period` certificates issued between start and end (accepted up to three weeks before),
        `spill` more accepted near the end and issued after it, and a few refusals and withdrawals."""
        days = self.working_days(start, end)
        early = self.working_days(start - dt.timedelta(days=21), start - dt.timedelta(days=1))
        for n in range(issued_in_period):
            issued = days[min(len(days) - 1, n * len(days) // issued_in_period)]
            pause_days = self.rng.choice((0,) * 12 + (3, 5, 8))
            late = self.rng.random() < 0.015
            lag = self.rng.randrange(16, 20) if late else self.rng.choice((0, 1, 2, 3, 3, 5, 7, 10, 12, 14))
            candidates = [d for d in (early + days) if d <= issued]
            accepted = candidates[max(0, len(candidates) - 1 - lag - (pause_days if pause_days else 0))]
            if pause_days and workdays.add_working_days(accepted, 1) + dt.timedelta(days=pause_days) > issued:
                pause_days = 0
            self.handle(self.pick(items), accepted, issued, pause_days)
        for n in range(spill):
            accepted = days[-1 - (n % 5)]
            self.handle(self.pick(items), accepted, workdays.add_working_days(end, 1 + n % 6))
        for n in range(max(2, issued_in_period // 200)):
            self.handle(self.pick(items), days[n * 7 % len(days)], None,
                        outcome="refused" if n % 2 else "withdrawn")

    def pre_applications(self, items, count: int) -> None:
        online = [(i, w) for i, w in items if i.online]
        for _n in range(count):
            item = self.pick(online)
            mobile = f"139{self.rng.randrange(10 ** 8):08d}"
            fields = self.fields(item)
            fields.pop("subject_value")
            actions.submit_pre_application(org=self.office, item=item, mobile=mobile, **fields)


def build(ctx: DemoContext) -> None:
    b = Builder(ctx)
    items = b.items()
    if NotaryMatter.objects.filter(org=b.office, issued_on__range=(H1_START, H1_END)).exists():
        ctx.log("公证：演示数据已存在，跳过。")
        return
    b.period(D(2020, 10, 1), D(2020, 12, 31), 120, items)
    # seed 000 writes “至今共办理公证1657件”, as of its date: issued from 1 January to 13 August
    b.period(H1_START, REPORT_DATE, H1_ISSUED, items, spill=12)
    b.period(D(2021, 8, 30), D(2021, 12, 31), 220, items)
    recent = ctx.today - dt.timedelta(days=28)
    b.period(recent, ctx.today - dt.timedelta(days=1), 30, items, spill=8)
    b.pre_applications(items, 5)
    ctx.log(f"公证：{len(items)}项公证事项，{NotaryMatter.objects.filter(org=b.office).count()}件公证。")


register("公证", build, order=45)
