"""Demo lawsuits of 砀山县, made through the actions after the reconsideration builder has listed the agencies.

2021H1 reproduces seed 000 (“截至目前行政诉讼案件共56件，共开庭审理案件42件，行政机关负责人出庭应诉案件41件。
其中，案件办结12件，驳回3件，准许原告撤回起诉6件，责令履行1件，撤销2件。”) for the half-year and up to the
report's date (2021-08-13): the 14 cases not heard by then are heard in the autumn, and the 44 open ones close
between September and December. One 撤销 judgment is appealed; the lost cases carry their 败诉整改 report.
"""

from __future__ import annotations

import datetime as dt

from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register
from sifa.reconsideration.models import Agency

from . import actions
from .models import HeadPost, Lawsuit, Outcome

D = dt.date
DEMO_SYSTEM = "演示数据"
COURT = "安徽省砀山县人民法院"
H1_CLOSED = ([Outcome.DISMISSED] * 3 + [Outcome.WITHDRAWN] * 6 + [Outcome.PERFORM] + [Outcome.REVOKED] * 2)
LATER = [Outcome.DISMISSED, Outcome.WITHDRAWN, Outcome.SUIT_REJECTED, Outcome.DISMISSED, Outcome.UNLAWFUL]
HEADS = (("刘建设", HeadPost.CHIEF), ("王立群", HeadPost.DEPUTY), ("赵明亮", HeadPost.IN_CHARGE))
CAUSES = ("不服行政处罚决定", "不服房屋征收补偿决定", "不服工伤认定", "要求履行法定职责", "政府信息公开", "不服不动产登记")


def build(ctx: DemoContext) -> None:
    if Lawsuit.objects.filter(org=ctx.bureau, source_system=DEMO_SYSTEM).exists():
        return
    actor = ctx.users["section_staff"]
    agencies = list(Agency.objects.filter(org=ctx.bureau, is_government=False).order_by("pk"))
    if not agencies:
        ctx.log("  行政应诉：尚无行政机关名录，跳过。")
        return
    people = People(ctx.rng)
    for n in range(56):
        filed = D(2021, 1, 4) + dt.timedelta(days=n * 3)
        suit = actions.register(
            actor, org=ctx.bureau, number=f"（2021）皖1321行初{n + 1}号", court=COURT, plaintiff=people.name(),
            cause=CAUSES[n % len(CAUSES)], agency=agencies[n % len(agencies)], filed_on=filed,
            notice_received_on=filed + dt.timedelta(days=2), agent="县政府法律顾问", source_system=DEMO_SYSTEM)
        actions.answer(actor, suit, answered_on=filed + dt.timedelta(days=12))
        heard_in_h1 = n < 42
        hearing_on = min(filed + dt.timedelta(days=30), D(2021, 6, 25)) if heard_in_h1 else D(2021, 9, 6) + \
            dt.timedelta(days=n - 42)
        name, post = HEADS[n % len(HEADS)]
        head = n != 41  # one case heard without the agency head in court (41/42)
        actions.record_hearing(actor, suit, held_on=hearing_on, head_present=head, head_name=name if head else "",
                               head_post=post if head else "", agents="县政府法律顾问")
        if n < len(H1_CLOSED):
            closed = min(hearing_on + dt.timedelta(days=10), D(2021, 6, 29))
            outcome = H1_CLOSED[n]
        else:
            closed = max(hearing_on, D(2021, 9, 1)) + dt.timedelta(days=14 + n)
            outcome = LATER[n % len(LATER)]
        if closed >= ctx.today:
            continue
        actions.close(actor, suit, outcome=outcome, closed_on=closed)
        actions.record_service(actor, suit, served_on=closed + dt.timedelta(days=3))
        if suit.lost:
            actions.rectify(actor, suit, reported_on=closed + dt.timedelta(days=20),
                            report="已组织执法人员学习判决，完善调查取证和告知程序，重新作出行政行为。",
                            performed_on=closed + dt.timedelta(days=15))
    first_revoked = Lawsuit.objects.filter(org=ctx.bureau, outcome=Outcome.REVOKED).order_by("pk").first()
    if first_revoked is not None:
        actions.appeal(actor, first_revoked, number="（2021）皖13行终88号", court="安徽省宿州市中级人民法院",
                       filed_on=D(2021, 9, 20), notice_received_on=D(2021, 9, 22))
    # open work for the home page: a lawsuit whose answer is due within days
    today = ctx.today
    actions.register(actor, org=ctx.bureau, number=f"（{today.year}）皖1321行初{today.strftime('%m%d')}号",
                     court=COURT, plaintiff=people.name(), cause=CAUSES[0], agency=agencies[0],
                     filed_on=today - dt.timedelta(days=12), notice_received_on=today - dt.timedelta(days=11),
                     source_system=DEMO_SYSTEM)


register("行政应诉", build, order=61)
