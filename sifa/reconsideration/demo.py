"""Demo records of the 行政复议 line for 砀山县 (its agencies, 复议委员会 and cases), made through the actions.

The first half of 2021 reproduces seed 000 (“截至目前2021年度共收到行政复议申请23件，其中不予受理2件，受理21件。
已办结16件，其中维持7件，终止4件，驳回1件，确认违法2件，撤销2件。”) both
for 2021H1 and up to the report's date (2021-08-13): the cases still open on 30 June are decided, heard or
closed only after that date. A few cases received in the last weeks give the home page near-due and overdue work.
"""

from __future__ import annotations

import datetime as dt

from sifa.demo.people import People, credit_code
from sifa.demo.registry import DemoContext, register

from . import actions
from .models import (
    ActType,
    Agency,
    Case,
    Channel,
    CommitteeMember,
    Outcome,
    Procedure,
    SuspensionGround,
    TerminationGround,
)

D = dt.date
DEMO_SYSTEM = "演示数据"
AGENCIES = (  # name, 17-character body of a fictitious credit code, is the county government
    ("砀山县人民政府", "11341321MB0000001", True),
    ("砀山县市场监督管理局", "11341321MB0000002", False),
    ("砀山县自然资源和规划局", "11341321MB0000003", False),
    ("砀山县人力资源和社会保障局", "11341321MB0000004", False),
    ("砀山县公安局", "11341321MB0000005", False),
    ("砀山县城市管理局", "11341321MB0000006", False),
    ("砀山县住房和城乡建设局", "11341321MB0000007", False),
)
MEMBERS = (("刘正平", "安徽大学法学院教授", "行政法"), ("孙立群", "执业律师", "土地征收"),
           ("何晓梅", "县人民法院退休法官", "行政诉讼"), ("钱志远", "县政府法律顾问", "行政许可"),
           ("邓海波", "县人社局副局长", "劳动保障"))
ACTS = {ActType.PENALTY: ("罚款二万元的行政处罚决定", "撤销该行政处罚决定"),
        ActType.EXPROPRIATION: ("房屋征收补偿决定", "撤销征收补偿决定，重新作出"),
        ActType.WORK_INJURY: ("不予认定工伤决定", "撤销不予认定工伤决定"),
        ActType.DISCLOSURE: ("政府信息公开申请答复", "责令依法公开所申请的信息"),
        ActType.NONFEASANCE: ("对举报事项未予查处", "责令被申请人履行查处职责"),
        ActType.LICENSING: ("不予许可决定", "撤销不予许可决定")}
# 2021H1 outcomes of the 16 closed cases (seed 000), then the five closed after the report date.
H1_OUTCOMES = ([Outcome.UPHELD] * 7 + [Outcome.WITHDRAWN] * 2 + [Outcome.SETTLED] + [Outcome.TERMINATED]
               + [Outcome.APPLICATION_REJECTED] + [Outcome.UNLAWFUL] * 2 + [Outcome.REVOKED] * 2)
LATER_OUTCOMES = [Outcome.UPHELD, Outcome.UPHELD, Outcome.REVOKED, Outcome.MEDIATED, Outcome.UPHELD]


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.bureau, self.actor = ctx, ctx.bureau, ctx.users["section_staff"]
        self.people = People(ctx.rng)

    def agencies(self) -> list[Agency]:
        out = []
        for name, body, government in AGENCIES:
            agency = Agency.objects.filter(org=self.bureau, name=name).first() or actions.add_agency(
                self.actor, org=self.bureau, name=name, credit_code=credit_code(body), is_government=government)
            out.append(agency)
        return out

    def members(self) -> None:
        if CommitteeMember.objects.filter(org=self.bureau).exists():
            return
        for name, profession, expertise in MEMBERS:
            actions.appoint_member(self.actor, org=self.bureau, name=name, profession=profession,
                                   expertise=expertise, appointed_on=D(2020, 12, 1))

    def application(self, respondent: Agency, received_on: D, n: int) -> Case:
        act_type = list(ACTS)[n % len(ACTS)]
        act, request = ACTS[act_type]
        channel = [Channel.IN_PERSON, Channel.MAIL, Channel.ONLINE, Channel.ORAL][n % 4]
        return actions.receive(
            self.actor, org=self.bureau, respondent=respondent, applicant_name=self.people.name(),
            applicant_id_number=self.people.resident_id(), applicant_mobile=self.people.mobile(),
            act_type=act_type, act_description=act, request=request, filed_on=received_on - dt.timedelta(days=2),
            received_on=received_on, channel=channel, source_system=DEMO_SYSTEM,
            oral_record="申请人当面口头提出复议申请，工作人员当场记录并经申请人确认。" if channel == Channel.ORAL else "")

    def close(self, case: Case, outcome: str, closed_on: D) -> None:
        if outcome in (Outcome.WITHDRAWN, Outcome.SETTLED, Outcome.TERMINATED):
            ground = TerminationGround.NO_SUCCESSOR if outcome == Outcome.TERMINATED else TerminationGround.WITHDRAWAL
            actions.terminate(self.actor, case, ground=ground, closed_on=closed_on,
                              settled=outcome == Outcome.SETTLED, respondent_corrected=outcome == Outcome.SETTLED)
        else:
            actions.decide(self.actor, case, outcome=outcome, closed_on=closed_on,
                           respondent_corrected=outcome == Outcome.MEDIATED,
                           summary=f"经审理，决定{Outcome(outcome).label}。")
        if closed_on + dt.timedelta(days=5) < self.ctx.today:
            actions.serve(self.actor, case, served_on=closed_on + dt.timedelta(days=3))

    def reconsideration_2021(self, agencies: list[Agency]) -> None:
        departments = agencies[1:]
        # 23 received from 6 January to 10 June; two declined, 21 accepted on receipt.
        for n in range(23):
            received = D(2021, 1, 6) + dt.timedelta(days=n * 7)
            case = self.application(departments[n % len(departments)], received, n)
            if n in (4, 15):
                actions.decline(self.actor, case, declined_on=received + dt.timedelta(days=2),
                                reason="申请人与被申请复议的行政行为没有利害关系，不符合受理条件。")
                continue
            procedure = Procedure.ORDINARY
            actions.accept(self.actor, case, accepted_on=received, procedure=procedure)
            actions.send_copy(self.actor, case, sent_on=received + dt.timedelta(days=1))
            actions.record_reply(self.actor, case, replied_on=received + dt.timedelta(days=10))
            closed_index = sum(1 for m in range(n) if m not in (4, 15))
            if closed_index < len(H1_OUTCOMES):
                closed_on = min(received + dt.timedelta(days=40), D(2021, 6, 28))
                self.close(case, H1_OUTCOMES[closed_index], closed_on)
            else:  # paused for talks between the parties, resumed and decided after the report date (2021-08-13)
                i = closed_index - len(H1_OUTCOMES)
                actions.suspend(self.actor, case, started_on=received + dt.timedelta(days=20),
                                ground=SuspensionGround.CONSULTATION, note="双方同意协商和解")
                actions.resume(self.actor, case, resumed_on=D(2021, 8, 2))
                self.close(case, LATER_OUTCOMES[i], D(2021, 8, 16) + dt.timedelta(days=i))

    def current(self, agencies: list[Agency]) -> None:
        """Open work for the home pages: an application awaiting review, one case near its decision date."""
        today = self.ctx.today
        fresh = self.application(agencies[2], today - dt.timedelta(days=2), 1)
        hearing = self.application(agencies[3], today - dt.timedelta(days=55), 2)
        actions.accept(self.actor, hearing, accepted_on=hearing.received_on)
        actions.send_copy(self.actor, hearing, sent_on=hearing.received_on + dt.timedelta(days=1))
        del fresh


def build(ctx: DemoContext) -> None:
    b = Builder(ctx)
    agencies = b.agencies()
    b.members()
    if Case.objects.filter(org=ctx.bureau, source_system=DEMO_SYSTEM).exists():
        return
    b.reconsideration_2021(agencies)
    b.current(agencies)


register("行政复议", build, order=60)
