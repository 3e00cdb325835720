"""Demo records of the mediation line for 砀山县: committees in every village and township, their mediators,
sweeps and cases, all made through the actions.

2021 up to seed 000's date (13 August; its sentence is written “截至目前”) is built so that seed 000's figures
follow when the indicators are evaluated on the records (排查528次, 发现205件, 预防264件, 调处640件, 调解成功627件, 成功率98%), spread over the townships,
committees, dispute types, sources and months as a county's real ledger would be. The last quarter of 2020, the
rest of 2021 and the weeks before today get cases of their own, so 同比/环比 and the workers' lists
have something to show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sifa.core.models import Division, Notification, OrgUnit, User
from sifa.core.notify import mark_read
from sifa.demo.county import committee_name
from sifa.demo.people import People, credit_code
from sifa.demo.registry import DemoContext, register

from . import actions
from .models import (
    CommitteeType,
    Dispute,
    DisputeType,
    Level,
    MediationCommittee,
    Mediator,
    PetitionRoute,
    Screening,
    Source,
)

D = dt.date
DEMO_SYSTEM = "演示数据"
DEMO_COMPANY = credit_code("91341321MA2NK6QX4")  # a fictitious company

# Seed 000 (砀山县 2021上半年, written 2021-08-13): the figures 1 January to 13 August 2021 must reproduce — its
# sentence is written “截至目前”, so it counts to the report's date (sifa.reports.document.as_of_date).
REPORT_DATE = D(2021, 8, 13)
H1_SWEEPS, H1_FOUND, H1_PREVENTED = 528, 205, 264
H1_ACCEPTED, H1_SUCCEEDED = 640, 627
# The 13 cases of 2021H1 that are not successes by 30 June: (status by 30 June, final result, closed in July?)
H1_OTHERS = ([("failed", False)] * 4 + [("terminated", False)] * 2 + [("withdrawn", False)] * 2
             + [("succeeded", True)] * 3 + [("failed", True)] + [("withdrawn", True)])


TYPE_WEIGHTS = {
    DisputeType.NEIGHBOUR: 25, DisputeType.MARRIAGE_FAMILY: 18, DisputeType.HOUSING: 12, DisputeType.DAMAGES: 10,
    DisputeType.CONTRACT: 8, DisputeType.LAND: 7, DisputeType.TRAFFIC: 6, DisputeType.LABOUR: 5,
    DisputeType.OTHER: 4, DisputeType.REQUISITION: 3, DisputeType.MEDICAL: 2,
}
SOURCE_WEIGHTS = {
    Source.APPLICATION: 52, Source.SCREENING: 17, Source.PROACTIVE: 10, Source.COURT: 8, Source.POLICE: 7,
    Source.PETITION: 3, Source.HOTLINE: 3,
}
REFERRERS = {Source.COURT: "砀山县人民法院", Source.POLICE: "砀山县公安局", Source.PETITION: "砀山县信访局",
             Source.HOTLINE: "12348安徽法网", Source.OTHER_REFERRAL: "砀山县人力资源和社会保障局"}
# Disputes the county-level sector committees take.
SECTOR_TYPES = {DisputeType.MEDICAL: "医疗", DisputeType.TRAFFIC: "交通", DisputeType.LABOUR: "劳动争议"}
SUMMARIES = {
    DisputeType.NEIGHBOUR: ["两户因院墙排水沟堵塞发生争执", "邻居在公共通道堆放柴草引发纠纷", "因宅前树木遮挡采光产生矛盾",
                            "相邻两户因养殖异味多次争吵"],
    DisputeType.MARRIAGE_FAMILY: ["夫妻因家庭琐事分居，就子女抚养发生争议", "兄弟三人因赡养老人费用分担产生矛盾",
                                  "婆媳矛盾激化，要求分家另过", "离婚后子女探望时间约定不明引发纠纷"],
    DisputeType.HOUSING: ["两户宅基地界址不清发生争执", "翻建房屋时占用邻户宅基地", "房屋买卖后过户迟延引发纠纷"],
    DisputeType.DAMAGES: ["家犬咬伤邻居，就医疗费赔偿发生争议", "施工时砸坏邻户房顶瓦片", "电动车相撞致一人受伤"],
    DisputeType.CONTRACT: ["果品收购款拖欠未付", "农机作业费结算发生争议", "民间借贷到期未还"],
    DisputeType.LAND: ["土地承包经营权流转费用争议", "相邻承包地地界争议", "梨园灌溉用水分配纠纷"],
    DisputeType.REQUISITION: ["道路拓宽征地补偿款分配争议", "拆迁安置面积认定发生争议"],
    DisputeType.LABOUR: ["建筑工地农民工工资拖欠", "务工受伤后工伤待遇争议", "果品加工厂辞退员工经济补偿争议"],
    DisputeType.MEDICAL: ["患者术后感染，就赔偿与医院发生争议", "医疗费用结算争议"],
    DisputeType.TRAFFIC: ["道路交通事故损害赔偿争议", "三轮车与轿车相撞，就车辆维修费发生争议"],
    DisputeType.OTHER: ["红白事宴请费用分担争议", "合伙经营果园散伙分账争议"],
}
# What a settlement of each kind of dispute says (an agreement must match its dispute: no 界址 in a wage claim).
# "{amount}" is the sum paid: the dispute's 涉及金额 when it has one.
AGREEMENT_TERMS = {
    DisputeType.NEIGHBOUR: ["双方共同疏通排水沟，今后各自保持通畅，互不妨碍。", "堆放物于三日内清走，公共通道保持畅通。",
                            "修剪遮挡采光的树木枝杈，双方和好，今后互谅互让。", "养殖户改建粪污处理设施，减少异味影响。"],
    DisputeType.MARRIAGE_FAMILY: ["子女随母亲生活，父亲每月支付抚养费{amount}元。", "兄弟三人按月平均分担老人赡养费用，轮流照料。",
                                  "双方和好，分灶不分家，互相尊重。", "每月第一、三周周末由父亲探望子女，对方予以配合。"],
    DisputeType.HOUSING: ["双方按原界址重新确权，互不干涉。", "翻建部分退回原宅基地界线，被申请人赔偿损失{amount}元。",
                          "卖方于三十日内协助办理过户手续。"],
    DisputeType.DAMAGES: ["被申请人一次性赔偿申请人医疗费等各项损失人民币{amount}元。", "被申请人修复损坏的房顶并赔偿{amount}元。",
                          "双方按责任比例分担损失，被申请人支付{amount}元。"],
    DisputeType.CONTRACT: ["被申请人于十日内付清欠款人民币{amount}元。", "双方按实际作业面积结算，被申请人支付作业费{amount}元。",
                           "借款人分两期归还借款{amount}元。"],
    DisputeType.LAND: ["流转费按合同约定标准支付，承包方补交{amount}元。", "双方按原承包合同确定地界，埋设界桩。",
                       "按种植面积轮流灌溉，用水时间张榜公布。"],
    DisputeType.REQUISITION: ["补偿款按户籍人口分配，申请人分得{amount}元。", "按测绘结果重新认定安置面积，补足差额。"],
    DisputeType.LABOUR: ["用工方于十日内支付拖欠工资人民币{amount}元。", "用工方一次性支付工伤待遇{amount}元，双方劳动关系终止。",
                         "用工单位支付经济补偿金{amount}元。"],
    DisputeType.MEDICAL: ["医院一次性补偿患者医疗费等损失人民币{amount}元，患者不再追究。", "医疗费用按医保规定重新结算，医院退还{amount}元。"],
    DisputeType.TRAFFIC: ["肇事方一次性赔偿对方医疗费、误工费等人民币{amount}元。", "双方各自承担车辆维修费用，肇事方另补偿{amount}元。"],
    DisputeType.OTHER: ["宴请费用按约定比例分担，申请人补交{amount}元。", "合伙财产按出资比例分割，一方补偿对方{amount}元。"],
}


def agreement_terms(dispute_type: str, variant: int, amount) -> str:
    """The settlement of a dispute of `dispute_type` (its `variant`-th wording), paying `amount` where it pays."""
    terms = AGREEMENT_TERMS[dispute_type]
    return "双方自愿达成协议：" + terms[variant % len(terms)].format(amount=amount)


SWEEP_TOPICS = {1: "元旦春节前矛盾纠纷大排查", 2: "春节期间矛盾纠纷排查", 3: "全国“两会”期间矛盾纠纷排查化解",
                4: "土地承包纠纷专项排查", 5: "婚姻家庭纠纷专项排查", 6: "建党100周年矛盾纠纷排查化解专项行动"}
MONTH_WEIGHTS = {1: 17, 2: 11, 3: 18, 4: 18, 5: 18, 6: 18}
TO_DATE_WEIGHTS = {**MONTH_WEIGHTS, 7: 18, 8: 7}  # to 13 August


class Builder:
    """One demo run: keeps the context, the committees and a counter for generated identities."""

    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.actor = ctx, ctx.rng, ctx.users["section_staff"]
        self.people = People(ctx.rng)
        self.village_committees: list[MediationCommittee] = []
        self.township_committees: dict[int, MediationCommittee] = {}  # office pk → committee
        self.sector_committees: dict[str, MediationCommittee] = {}
        self.court_committee: MediationCommittee | None = None
        self.linked: Counter = Counter()  # sweep pk → cases registered from it (at most its found count)

    # --- identities ---
    def parties(self, respondent_company: bool = False) -> list[dict]:
        applicant = {"side": "applicant", "name": self.people.name(), "id_number": self.people.resident_id(),
                     "mobile": self.people.mobile(), "address": "砀山县"}
        if respondent_company:
            respondent = {"side": "respondent", "kind": "legal_person", "name": "砀山县某果业有限公司",
                          "credit_code": DEMO_COMPANY}
        else:
            respondent = {"side": "respondent", "name": self.people.name(), "id_number": self.people.resident_id()}
        return [applicant, respondent]

    # --- organisation ---
    def committee(self, *, unit_code: str, parent: OrgUnit, name: str, committee_type: str, members: int,
                  division: Division | None = None, sector: str = "", level: str = "") -> MediationCommittee:
        found = MediationCommittee.objects.filter(org__code=unit_code).first()
        if found is not None:
            return found
        unit = OrgUnit.objects.filter(code=unit_code).first()
        return actions.create_committee(
            self.actor, parent=parent, unit=unit, code=unit_code, name=name, committee_type=committee_type,
            member_count=members, division=division, sector=sector, level=level,
            director=self.people.name(), established_on=D(2010 + self.rng.randrange(8), self.rng.randrange(1, 13), 1))

    def staff(self, committee: MediationCommittee, count: int) -> None:
        if committee.mediators.exists():
            return
        for i in range(count):
            female = i == 0 or self.rng.random() < 0.35  # 第八条: every committee has a woman member
            actions.create_mediator(
                self.actor, committee=committee, name=self.people.name(), id_number=self.people.resident_id(female=female),
                mobile=self.people.mobile(), position=("director" if i == 0 else "deputy" if i == 1 else "member"),
                employment="full_time" if committee.level != Level.VILLAGE and i < 2 else "part_time",
                specialities=self.rng.choice(("婚姻家庭、邻里纠纷", "土地、宅基地纠纷", "合同、损害赔偿纠纷", "劳动争议")),
                is_expert=self.rng.random() < 0.03, joined_on=committee.established_on)

    def organisation(self) -> None:
        ctx = self.ctx
        for office in ctx.offices:
            township = office.division
            self.township_committees[office.pk] = c = self.committee(
                unit_code=f"{township.code}-TWH", parent=office, name=township.name + "人民调解委员会",
                committee_type=CommitteeType.TOWNSHIP, members=7)
            self.staff(c, 6)
            for village in Division.objects.filter(parent=township).order_by("code"):
                c = self.committee(unit_code=f"{village.code}-TWH", parent=office, name=committee_name(village),
                                   committee_type=CommitteeType.VILLAGE, members=self.rng.choice((3, 5, 5, 7)),
                                   division=village)
                self.staff(c, 3)
                self.village_committees.append(c)
        for sector, name in (("医疗", "砀山县医疗纠纷人民调解委员会"), ("交通", "砀山县道路交通事故纠纷人民调解委员会"),
                             ("劳动争议", "砀山县劳动人事争议人民调解委员会")):
            code = {"医疗": "YL", "交通": "JT", "劳动争议": "LD"}[sector]
            self.sector_committees[sector] = c = self.committee(
                unit_code=f"341321-TWH-{code}", parent=ctx.bureau, name=name, committee_type=CommitteeType.SECTOR,
                members=5, sector=sector)
            self.staff(c, 5)
        self.court_committee = c = self.committee(
            unit_code="341321-TWH-FY", parent=ctx.bureau, name="砀山县人民法院诉前人民调解委员会",
            committee_type=CommitteeType.STATIONED, members=7)
        self.staff(c, 5)
        for committee in self.rng.sample(self.village_committees, min(8, len(self.village_committees))):
            lead = committee.mediators.first()
            actions.create_brand_room(self.actor, committee=committee, name=f"“老{lead.name[0]}”调解室", mediator=lead,
                                      established_on=D(2020, 6, 1))
            actions.add_honour(self.actor, mediator=lead, title="优秀人民调解员", level="county", year=2020,
                               conferred_by="砀山县司法局")

    # --- sweeps ---
    def sweeps(self, start: D, end: D, count: int, found: int, prevented: int) -> list[Screening]:
        """`count` sweeps between two dates whose found/prevented counts add up exactly to the totals given."""
        days = (end - start).days + 1
        found_split, prevented_split = self._spread(found, count), self._spread(prevented, count)
        made = []
        for i in range(count):
            day = start + dt.timedelta(days=self.rng.randrange(days))
            unit = (self.rng.choice(self.village_committees).org if self.rng.random() < 0.8
                    else self.rng.choice(list(self.township_committees.values())).org)
            topic = SWEEP_TOPICS.get(day.month, "") if day.year == 2021 and self.rng.random() < 0.5 else ""
            made.append(actions.record_screening(
                self.actor, org=unit, held_on=day, scope=self.rng.choice(("全村各村民组", "辖区重点户", "集贸市场及周边",
                                                                         "在建工地", "重点信访户")),
                topic=topic, found_count=found_split[i], prevented_count=prevented_split[i],
                participants=self.rng.randrange(3, 12)))
        return made

    def _spread(self, total: int, slots: int) -> list[int]:
        counts = [0] * slots
        for _ in range(total):
            counts[self.rng.randrange(slots)] += 1
        return counts

    # --- cases ---
    def _day_in(self, year: int, months: dict[int, int]) -> D:
        month = self.rng.choices(list(months), weights=list(months.values()))[0]
        last = (D(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return D(year, month, self.rng.randrange(1, last + 1))

    def _committee_for(self, dispute_type: str, source: str) -> MediationCommittee:
        if source == Source.COURT:
            return self.court_committee
        if dispute_type in SECTOR_TYPES and self.rng.random() < 0.6:
            return self.sector_committees[SECTOR_TYPES[dispute_type]]
        if self.rng.random() < 0.22:
            return self.rng.choice(list(self.township_committees.values()))
        return self.rng.choice(self.village_committees)

    def case(self, accepted_on: D, *, outcome: str = "succeeded", closed_on: D | None = None,
             sweeps: list[Screening] | None = None, number: int = 0) -> Dispute:
        rng = self.rng
        dispute_type = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        source = rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]
        screening = None
        if source == Source.SCREENING:
            open_sweeps = [s for s in sweeps or [] if s.held_on <= accepted_on and s.found_count > self.linked[s.pk]]
            if open_sweeps:
                screening = rng.choice(open_sweeps[-40:])
                self.linked[screening.pk] += 1
            else:
                source = Source.APPLICATION
        committee = self._committee_for(dispute_type, source)
        mediators = list(committee.mediators.all()[:3])
        lead = rng.choice(mediators)
        abnormal = committee.level == Level.COUNTY and dispute_type in (DisputeType.MEDICAL, DisputeType.DAMAGES) \
            and rng.random() < 0.15
        dispute = actions.open_case(
            self.actor, org=committee.org, parties=self.parties(respondent_company=dispute_type == DisputeType.LABOUR),
            committee=committee, accepted_on=accepted_on,
            applied_on=max(accepted_on - dt.timedelta(days=rng.choice((0, 0, 1, 2))), screening.held_on if screening
                           else D(1900, 1, 1)),
            mediators=[lead], summary=rng.choice(SUMMARIES[dispute_type]), dispute_type=dispute_type,
            source=source, referred_by=REFERRERS.get(source, ""), screening=screening,
            amount=rng.choice((None, None, 500, 1200, 3000, 8000, 20000, 56000)),
            difficult=abnormal or rng.random() < 0.03, abnormal_death=abnormal,
            method="online" if rng.random() < 0.1 else "onsite", source_system=DEMO_SYSTEM,
            external_id=f"DEMO-{number:05d}")
        if outcome == "open":
            return dispute
        closed_on = closed_on or min(accepted_on + dt.timedelta(days=rng.randrange(1, 26)), self.ctx.today)
        held = [min(accepted_on + dt.timedelta(days=rng.randrange(0, max(1, (closed_on - accepted_on).days) + 1)),
                    closed_on)]
        if rng.random() < 0.3 and held[0] < closed_on:
            held.append(closed_on)
        if outcome != "withdrawn":
            for i, day in enumerate(held, 1):
                actions.record_session(self.actor, dispute, held_on=day, mediators=[lead], place="调解室",
                                       minutes=f"第{i}次调解：双方陈述事实和诉求，调解员释法说理、分析利弊。",
                                       recorder=rng.choice(mediators).name)
        if outcome == "succeeded":
            written = rng.random() < 0.8
            # the two draws of earlier versions are kept, so the demo's other records stay as they were
            variant, pay = rng.choice((0, 1, 2, 3)), rng.choice((500, 1500, 3000, 6800))
            amount = int(dispute.amount) if dispute.amount else pay
            actions.record_agreement(self.actor, dispute, form="written" if written else "oral",
                                     signed_on=closed_on, terms=agreement_terms(dispute_type, variant, amount),
                                     perform_by=closed_on + dt.timedelta(days=10) if written else None)
        note = "" if outcome == "succeeded" else "双方分歧较大，已告知当事人可依法向人民法院起诉。"
        actions.close_dispute(self.actor, dispute, result=outcome, closed_on=closed_on, note=note)
        self._afterwards(dispute, outcome, closed_on)
        return dispute

    def _afterwards(self, dispute: Dispute, outcome: str, closed_on: D) -> None:
        rng, today = self.rng, self.ctx.today
        if outcome == "succeeded" and rng.random() < 0.5:
            visit = closed_on + dt.timedelta(days=rng.randrange(7, 30))
            if visit <= today:
                actions.record_follow_up(self.actor, dispute, visited_on=visit, method=rng.choice(("phone", "visit")),
                                         content="协议已按约履行，双方无异议。", performance="performed")
        if outcome == "succeeded" and dispute.source == Source.COURT and rng.random() < 0.7:
            agreement = dispute.agreement
            if agreement.form == "written" and closed_on + dt.timedelta(days=5) <= today:
                actions.apply_confirmation(self.actor, dispute, court="砀山县人民法院",
                                           applied_on=closed_on + dt.timedelta(days=rng.randrange(1, 6)))
        if dispute.source == Source.COURT and closed_on + dt.timedelta(days=2) <= today:
            feedback = ("confirmation" if hasattr(dispute, "confirmation") else "settled") \
                if outcome == "succeeded" else "returned"
            actions.report_to_court(self.actor, dispute, reported_on=closed_on + dt.timedelta(days=2),
                                    feedback=feedback)


def build(ctx: DemoContext) -> None:
    if Dispute.objects.filter(source_system=DEMO_SYSTEM, org_path__startswith=ctx.bureau.path).exists():
        ctx.log("人民调解演示数据已存在，跳过。")
        return
    first_note = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    b = Builder(ctx)
    b.organisation()
    number = 0

    def cases(days_outcomes, sweeps=None):
        nonlocal number
        for accepted_on, outcome, closed_on in sorted(days_outcomes, key=lambda x: x[0]):
            number += 1
            b.case(accepted_on, outcome=outcome, closed_on=closed_on, sweeps=sweeps, number=number)

    # 2020 Q4 (the year before): sweeps and cases
    b.sweeps(D(2020, 10, 1), D(2020, 12, 31), 90, 41, 57)
    cases([(b._day_in(2020, {10: 1, 11: 1, 12: 1}), "succeeded", None) for _ in range(50)]
          + [(b._day_in(2020, {10: 1, 11: 1}), "failed", None) for _ in range(2)])
    # 2021 to the report's date: exactly seed 000's figures. The report was written on 13 August and its sentence
    # reads “截至目前…排查528次…调处纠纷640件，调解成功627件”, so they count from 1 January to that day.
    sweeps = b.sweeps(D(2021, 1, 1), REPORT_DATE, H1_SWEEPS, H1_FOUND, H1_PREVENTED)
    plan = []
    for _ in range(H1_SUCCEEDED):
        day = b._day_in(2021, TO_DATE_WEIGHTS)
        while day > REPORT_DATE - dt.timedelta(days=10):
            day = b._day_in(2021, TO_DATE_WEIGHTS)
        plan.append((day, "succeeded", min(day + dt.timedelta(days=b.rng.randrange(1, 10)), REPORT_DATE)))
    for status, late in H1_OTHERS:
        if late:  # accepted in the last week before the report, closed after it: counted as 调处 but not (yet) 成功
            day = D(2021, 8, b.rng.randrange(6, 14))
            plan.append((day, status, D(2021, 8, b.rng.randrange(16, 31))))
        else:
            day = b._day_in(2021, {1: 1, 2: 1, 3: 1, 4: 1, 5: 1})
            plan.append((day, status, day + dt.timedelta(days=b.rng.randrange(3, 20))))
    cases(plan, sweeps)
    # the rest of 2021, after the report's date
    b.sweeps(REPORT_DATE + dt.timedelta(days=1), D(2021, 12, 31), 130, 60, 75)
    cases([(b._day_in(2021, {9: 1, 10: 1, 11: 1, 12: 1}), "succeeded", None) for _ in range(60)]
          + [(b._day_in(2021, {9: 1, 10: 1}), "terminated", None) for _ in range(2)])
    # The historical cases above told people things long settled; their inbox keeps only what is current.
    for note in Notification.objects.filter(id__gt=first_note, category="人民调解").select_related("user"):
        mark_read(note.user, note)
    # The weeks before today: open work with deadlines, applications waiting, a mediator with an account.
    current(b, number)
    summary = Counter(Dispute.objects.filter(source_system=DEMO_SYSTEM).values_list("status", flat=True))
    ctx.log(f"人民调解：调委会{MediationCommittee.objects.count()}个，调解员{Mediator.objects.count()}人，"
            f"纠纷{sum(summary.values())}件。")


def current(b: Builder, number: int) -> None:
    ctx, rng, today = b.ctx, b.rng, b.ctx.today
    mediator_user: User | None = ctx.users.get("mediator")
    home_committee = None
    if mediator_user is not None:
        home_committee = MediationCommittee.objects.filter(org=mediator_user.org).first()
        if home_committee is not None and not Mediator.objects.filter(user=mediator_user).exists():
            actions.create_mediator(b.actor, committee=home_committee, name=mediator_user.full_name,
                                    id_number=b.people.resident_id(female=True), mobile=b.people.mobile(), position="director",
                                    specialities="婚姻家庭、邻里纠纷", is_expert=True, joined_on=D(2016, 3, 1),
                                    user=mediator_user)
    b.sweeps(today - dt.timedelta(days=60), today, 40, 15, 20)
    for _ in range(20):
        number += 1
        accepted = today - dt.timedelta(days=rng.randrange(20, 60))
        b.case(accepted, outcome="succeeded", closed_on=min(accepted + dt.timedelta(days=rng.randrange(2, 15)), today),
               number=number)
    for days_ago in (3, 8, 15, 24, 29, 33):  # open cases: some near their one-month limit, one past it
        number += 1
        b.case(today - dt.timedelta(days=days_ago), outcome="open", number=number)
    if home_committee is not None:
        own = home_committee.mediators.get(user=mediator_user)
        for days_ago in (5, 27):
            number += 1
            actions.open_case(b.actor, org=home_committee.org, parties=b.parties(), committee=home_committee,
                              accepted_on=today - dt.timedelta(days=days_ago), mediators=[own],
                              summary=rng.choice(SUMMARIES[DisputeType.NEIGHBOUR]),
                              dispute_type=DisputeType.NEIGHBOUR, source=Source.APPLICATION,
                              source_system=DEMO_SYSTEM, external_id=f"DEMO-{number:05d}")
    for _ in range(3):  # applications waiting for 受理 at the first 司法所
        number += 1
        actions.register_dispute(b.actor, org=ctx.offices[0], parties=b.parties(), summary=rng.choice(
            SUMMARIES[DisputeType.MARRIAGE_FAMILY]), dispute_type=DisputeType.MARRIAGE_FAMILY,
            source=Source.APPLICATION, applied_on=today - dt.timedelta(days=rng.randrange(0, 3)),
            source_system=DEMO_SYSTEM, external_id=f"DEMO-{number:05d}")
    routes = [PetitionRoute.PSYCH, PetitionRoute.LAWYER, PetitionRoute.LEGAL_AID, PetitionRoute.LEGAL_AID]
    for i, route in enumerate(routes):
        received = today - dt.timedelta(days=10 + i)
        transfer = actions.receive_transfer(b.actor, org=ctx.offices[0], received_on=received,
                                            person_name=b.people.name(), id_number=b.people.resident_id(), mobile=b.people.mobile(),
                                            matter="反映征地补偿款分配问题，情绪激动")
        actions.route_transfer(b.actor, transfer, route=route, routed_on=received + dt.timedelta(days=1),
                               handler=f"{b.people.name()}（{route.label}）")


register("人民调解", build, order=20)
