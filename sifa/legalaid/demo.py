"""Demo records of the legal-aid line for 砀山县, all made through the actions.

2021 up to seed 000's date (13 August; its sentence is written “截至目前”) is built so that its figures follow when the indicators are evaluated: 法律援助受理
办理案件892件 (legalaid.accepted) and 解答法律咨询517件 (legalaid.consultations, which the report prints as
“500余件”). They are spread over the months, the 刑事/民事/行政 areas, the channels (来访、电话、网上、办案机关通知)
and the intake points (the centre and the 司法所 that forward to it), decided and assigned within the legal
limits (a few late ones carry a reason), most of them closed with their documents, graded and paid from the
rate table. The second half of 2021, the last quarter of 2020 and the weeks before today get records of their
own, so 同比/环比 and the workers' deadline lists have something to show. Names and numbers are fictitious.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sifa.core import workdays
from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register

from . import actions
from .models import (
    Application,
    Category,
    Circumstance,
    CivilMatter,
    Consultation,
    DutyStation,
    Exemption,
    HardshipStandard,
    LegalHelp,
    Provider,
    ServiceOrg,
    Status,
    SubsidyRate,
)

D = dt.date
H1_START, H1_END = D(2021, 1, 1), D(2021, 6, 30)
REPORT_DATE = D(2021, 8, 13)  # seed 000's date: its “截至目前” figures count from 1 January to it
H1_ACCEPTED = 892     # seed 000: 法律援助共受理办理案件892件
H1_CONSULTATIONS = 517  # seed 000: 解答法律咨询500余件 (the exact value; “余” comes from the sentence)
H2_ACCEPTED, Q4_2020_ACCEPTED, RECENT_ACCEPTED = 120, 60, 24
FIRMS = (("安徽梨都律师事务所", "law_firm"), ("砀山县黄河故道律师事务所", "law_firm"), ("安徽酥梨律师事务所", "law_firm"),
         ("砀城法律服务所", "legal_service_firm"), ("周寨法律服务所", "legal_service_firm"),
         ("砀山县法律援助中心（本机构律师）", "aid_centre"))
RATES = {Category.CRIMINAL_DEFENCE: ("2000", "300"), Category.CRIMINAL_AGENCY: ("1500", "200"),
         Category.CIVIL: ("1500", "200"), Category.ADMINISTRATIVE: ("1500", "200"),
         Category.STATE_COMPENSATION: ("1500", "200"), Category.LABOUR_ARBITRATION: ("1200", "150"),
         Category.NON_LITIGATION: ("800", "100"), Category.DOCUMENT: ("200", "0")}
CIVIL_KINDS = (
    (Category.CIVIL, CivilMatter.MAINTENANCE, "请求给付赡养费", 14),
    (Category.CIVIL, CivilMatter.MAINTENANCE, "追索子女抚养费", 12),
    (Category.LABOUR_ARBITRATION, CivilMatter.LABOUR, "建筑工地拖欠农民工工资", 22),
    (Category.CIVIL, CivilMatter.PERSONAL_INJURY, "道路交通事故人身损害赔偿", 14),
    (Category.CIVIL, CivilMatter.PERSONAL_INJURY, "务工受伤请求工伤赔偿", 8),
    (Category.CIVIL, CivilMatter.SOCIAL_INSURANCE, "请求补缴社会保险", 3),
    (Category.NON_LITIGATION, CivilMatter.LABOUR, "协商追讨劳动报酬", 4),
    (Category.DOCUMENT, CivilMatter.OTHER, "代写起诉状", 4),
    (Category.ADMINISTRATIVE, CivilMatter.OTHER, "不服征收补偿决定提起行政诉讼", 3),
    (Category.STATE_COMPENSATION, CivilMatter.STATE_COMPENSATION, "请求国家赔偿", 1),
)
CLOSE_BY_CATEGORY = {Category.CRIMINAL_DEFENCE: "judgment", Category.CRIMINAL_AGENCY: "judgment",
                     Category.CIVIL: "mediation", Category.ADMINISTRATIVE: "judgment",
                     Category.STATE_COMPENSATION: "ruling", Category.LABOUR_ARBITRATION: "arbitration",
                     Category.NON_LITIGATION: "non_litigation", Category.DOCUMENT: "document"}
CONSULT_CHANNELS = {"visit": 48, "hotline": 34, "online": 10, "duty_station": 5, "liaison": 3}
TOPICS = {"wages": 20, "marriage": 18, "labour": 10, "contract": 12, "tort": 8, "traffic": 8, "property": 9,
          "consumer": 4, "administrative": 3, "criminal": 4, "legal_aid": 4}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.actor = ctx, ctx.rng, ctx.users["section_staff"]
        self.people = People(ctx.rng)
        self.centre = ctx.units["legal_aid_center"]
        self.notice_seq = 0
        self.turn = 0
        self.providers: list[Provider] = []

    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        span = (end - start).days + 1
        return [d for d in (start + dt.timedelta(days=n) for n in range(span)) if workdays.is_workday(d)]

    # --- configuration ---
    def configuration(self) -> None:
        bureau = self.ctx.bureau
        if not HardshipStandard.objects.filter(org=bureau).exists():
            actions.set_hardship_standard(self.actor, org=bureau, monthly_income_per_capita="1100",
                                          effective_from=D(2019, 1, 1),
                                          basis="演示参数：砀山县城乡居民最低生活保障标准的2倍")
        for category, (base, extra) in RATES.items():
            if not SubsidyRate.objects.filter(org=bureau, category=category).exists():
                actions.set_subsidy_rate(self.actor, org=bureau, category=category, base_amount=base,
                                         extra_person_amount=extra, effective_from=D(2019, 1, 1),
                                         note="演示参数")

    def roster(self) -> list[Provider]:
        for name, kind in FIRMS:
            if not ServiceOrg.objects.filter(org=self.centre, name=name).exists():
                actions.create_service_org(self.actor, org=self.centre, name=name, kind=kind)
        if Provider.objects.filter(org=self.centre).exists():
            return list(Provider.objects.filter(org=self.centre))
        orgs = {s.name: s for s in ServiceOrg.objects.filter(org=self.centre)}
        lawyer_user = self.ctx.users.get("lawyer")
        n = 0
        for firm_name, kind in FIRMS:
            count = {"law_firm": 6, "legal_service_firm": 3, "aid_centre": 2}[kind]
            for _i in range(count):
                n += 1
                is_worker = kind == "legal_service_firm"
                since = D(2004 + self.rng.randrange(16), self.rng.randrange(1, 13), 1)
                actions.create_provider(
                    self.actor, service_org=orgs[firm_name],
                    name=(lawyer_user.full_name if n == 1 and lawyer_user else self.people.name()),
                    kind="legal_worker" if is_worker else ("aid_lawyer" if kind == "aid_centre" else "lawyer"),
                    licence_number=(f"3213{2000 + n:04d}{since.year}{n:04d}" if is_worker
                                    else f"13413{since.year}1{n:07d}"),
                    practice_since=since, max_open_cases=40,
                    specialities="civil" if is_worker else self.rng.choice(
                        ("criminal,civil", "criminal,civil,administrative", "civil,administrative", "criminal")),
                    mobile=self.people.mobile(), user=lawyer_user if n == 1 else None)
        return list(Provider.objects.filter(org=self.centre))

    def stations(self) -> list[DutyStation]:
        wanted = (("砀山县人民法院法律援助工作站", "court"), ("砀山县人民检察院法律援助工作站", "procuratorate"),
                  ("砀山县看守所法律援助工作站", "detention"))
        for name, kind in wanted:
            if not DutyStation.objects.filter(org=self.centre, name=name).exists():
                actions.create_station(self.actor, org=self.centre, name=name, kind=kind)
        return list(DutyStation.objects.filter(org=self.centre).order_by("pk"))

    # --- cases ---
    def intake_org(self):
        if self.rng.random() < 0.15:
            return self.rng.choice(self.ctx.offices)
        return self.centre

    def criminal(self, received: dt.date) -> Application:
        self.notice_seq += 1
        organ, notifier = self.rng.choice((("court", "砀山县人民法院"), ("court", "砀山县人民法院"),
                                           ("procuratorate", "砀山县人民检察院"), ("police", "砀山县公安局")))
        stage = {"court": "trial", "procuratorate": "prosecution", "police": "investigation"}[organ]
        circumstance = self.rng.choices(
            [Circumstance.ORDINARY_TRIAL, Circumstance.MINOR, Circumstance.MENTAL, Circumstance.SENSORY_DISABILITY,
             Circumstance.LIFE_OR_DEATH], weights=[55, 25, 6, 6, 8])[0]
        if circumstance == Circumstance.ORDINARY_TRIAL and organ != "court":
            circumstance = Circumstance.MINOR
        minor = circumstance == Circumstance.MINOR
        word = {"court": "刑初", "procuratorate": "检刑诉", "police": "公刑通"}[organ]
        discovered = received - dt.timedelta(days=self.rng.choice((0, 1, 1, 2)))
        return actions.register_notice(
            self.actor, org=self.centre, notifying_organ=organ, notifier=notifier,
            notice_number=f"（{received.year}）皖1321{word}{self.notice_seq}号", circumstance=circumstance, stage=stage,
            discovered_on=discovered, notified_on=received, received_on=received,
            summary=self.rng.choice(("涉嫌盗窃罪", "涉嫌故意伤害罪", "涉嫌诈骗罪", "涉嫌危险驾驶罪", "涉嫌寻衅滋事罪")),
            defendant={"name": self.people.name(), "id_number": self.people.resident_id(
                first=received.year - 17 if minor else 1960, last=received.year - 15 if minor else received.year - 25)})

    def civil(self, received: dt.date) -> Application:
        category, matter, summary, _ = self.rng.choices(CIVIL_KINDS, weights=[k[3] for k in CIVIL_KINDS])[0]
        migrant = matter == CivilMatter.LABOUR or "务工" in summary
        exemption = ""
        elderly = "赡养" in summary
        if migrant:
            exemption = Exemption.MIGRANT_WORKER
        elif self.rng.random() < 0.12:
            exemption = self.rng.choice((Exemption.ASSISTANCE, Exemption.SPECIFIC_GROUP, Exemption.ABUSE))
        fields = {}
        if not exemption:
            size = self.rng.randrange(1, 6)
            fields = {"household_size": size, "household_income": str(self.rng.randrange(300, 1050) * size),
                      "review_basis": self.rng.choice(("info_sharing", "pledge"))}
        return actions.register_application(
            self.actor, org=self.intake_org(), channel=self.rng.choices(["visit", "phone", "online"],
                                                                        weights=[75, 12, 13])[0],
            category=category, civil_matter=matter, summary=summary, received_on=received,
            recipients=self.rng.choice((1, 1, 1, 2, 3, 5, 8, 12)) if migrant else 1,
            is_migrant_worker=migrant, exemption=exemption,
            applicant={"name": self.people.name(), "id_number": self.people.resident_id(
                first=1940 if elderly else 1955, last=1956 if elderly else 2002),
                "mobile": self.people.mobile(), "address": "砀山县"},
            **fields)

    def next_provider(self, app: Application, on: dt.date) -> Provider:
        """The demo's own turn-taking over the roster (the same eligibility rules as the rotation of
        actions.suggest_providers, without its workload queries, which would make building thousands of cases
        slow)."""
        eligible = [p for p in self.providers if app.case_area in p.speciality_set() and not actions.can_take(p, app, on)]
        self.turn += 1
        return eligible[self.turn % len(eligible)]

    def work(self, app: Application, until: dt.date, providers: list[Provider]) -> None:
        """Carry a case as far as `until` allows: forward, decide, assign, progress, close, grade, rate."""
        rng, actor = self.rng, self.actor
        if app.status == Status.FORWARDING:
            forwarded = min(app.received_on + dt.timedelta(days=rng.choice((0, 1, 1, 2))), until)
            app = actions.forward_application(actor, app, forwarded_on=forwarded, centre=self.centre)
        if app.status == Status.RECEIVED:
            decided = app.centre_received_on + dt.timedelta(days=rng.choice((0, 1, 2, 2, 3, 4, 5, 6)))
            late = rng.random() < 0.02
            if late:
                decided = app.decision_due + dt.timedelta(days=rng.randrange(1, 4))
            if decided > until:
                return
            refuse = rng.random() < 0.03
            app = actions.decide(actor, app, decision="refuse" if refuse else "grant", decided_on=decided,
                                 reason="申请事项不属于法律援助范围，已告知可通过其他途径解决" if refuse else "",
                                 late_reason="申请人补充经济状况材料" if decided > app.decision_due else "")
            if refuse:
                return
        assigned = (app.decided_on or app.centre_received_on) + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
        assigned = min(assigned, app.assign_due) if rng.random() > 0.02 else app.assign_due + dt.timedelta(days=1)
        if assigned > until:
            return
        assignment = actions.assign(actor, app, assigned_on=assigned, provider=self.next_provider(app, assigned),
                                    late_reason="承办律师出庭，次日指派" if assigned > app.assign_due else "")
        provider = assignment.provider
        meet = assigned + dt.timedelta(days=rng.randrange(1, 8))
        if meet > until:
            return
        actions.record_progress(actor, app, happened_on=meet, kind="meeting",
                                note=f"{provider.name}会见受援人，了解案情")
        closed = meet + dt.timedelta(days=rng.randrange(20, 120))
        if closed > until:
            return
        method = CLOSE_BY_CATEGORY[app.category]
        from . import rules

        for kind in rules.required_closing_documents(method):
            actions.add_document(actor, app, kind=kind, uploaded=SimpleUploadedFile(f"{kind}.pdf", PDF))
        recovered = str(rng.randrange(5, 200) * 1000) if app.case_area == "civil" and rng.random() < 0.6 else None
        actions.close_case(actor, app, closed_on=closed, method=method, recovered_amount=recovered,
                           outcome="依法维护了受援人的合法权益")
        graded = closed + dt.timedelta(days=rng.randrange(5, 30))
        if graded <= until and rng.random() < 0.4:  # 评查 samples the files
            grade = rng.choices(["excellent", "good", "pass", "fail"], weights=[12, 50, 36, 2])[0]
            actions.grade_case(actor, app, grade=grade, graded_on=graded,
                               note="办案规范，会见、阅卷记录完整" if grade == "excellent"
                               else ("缺少会见笔录" if grade == "fail" else ""))
        rated = closed + dt.timedelta(days=rng.randrange(1, 10))
        if rated <= until and rng.random() < 0.5:
            satisfaction = rng.choices(["satisfied", "basic", "dissatisfied"], weights=[88, 10, 2])[0]
            actions.record_satisfaction(actor, app, satisfaction=satisfaction, rated_on=rated,
                                        note="希望律师多沟通" if satisfaction == "dissatisfied" else "")

    def cases(self, start: dt.date, end: dt.date, count: int, providers: list[Provider]) -> None:
        days = self.days(start, end)
        for i in range(count):
            received = days[min(len(days) - 1, i * len(days) // count)]
            app = self.criminal(received) if self.rng.random() < 0.3 else self.civil(received)
            self.work(app, self.ctx.today, providers)

    # --- consultations and duty ---
    def consultations(self, start: dt.date, end: dt.date, count: int) -> None:
        days = self.days(start, end)
        org_choices = [self.centre, self.ctx.units["pls_center"], *self.ctx.offices[:6]]
        for i in range(count):
            channel = self.weighted(CONSULT_CHANNELS)
            topic = self.weighted(TOPICS)
            migrant = topic == "wages" and self.rng.random() < 0.8
            actions.record_consultation(
                self.actor, org=self.rng.choice(org_choices), channel=channel, asked_on=days[i * len(days) // count],
                topic=topic, question={"wages": "包工头拖欠工资如何追讨", "marriage": "离婚时共同财产如何分割"}.get(
                    topic, "咨询相关法律问题"),
                answer="已依法解答，告知维权途径", persons=self.rng.choice((1, 1, 1, 1, 2, 3)) if channel == "visit" else 1,
                is_migrant_worker=migrant, asker_name=self.people.name() if channel != "hotline" else "")

    def duty(self, start: dt.date, end: dt.date, providers: list[Provider], stations: list[DutyStation]) -> None:
        lawyers = [p for p in providers if p.kind in ("lawyer", "aid_lawyer")]
        plea_no = LegalHelp.objects.count()
        for n, day in enumerate(self.days(start, end)):
            for s_index, station in enumerate(stations):
                if (n + s_index) % 2:
                    continue  # each station is staffed every other working day
                lawyer = lawyers[(n + s_index) % len(lawyers)]
                actions.schedule_shift(self.actor, station=station, provider=lawyer, on_date=day)
                for _ in range(self.rng.choice((0, 1, 1, 2))):
                    plea = station.kind == "procuratorate" and self.rng.random() < 0.7
                    plea_no += 1
                    actions.record_help(
                        self.actor, station=station, provider=lawyer, helped_on=day,
                        kind="plea" if plea else self.rng.choice(("consult", "procedure", "measures", "opinion")),
                        persons=self.rng.choice((1, 1, 1, 2)),
                        case_reference=f"砀检刑诉〔{day.year}〕{plea_no}号" if plea else "")


def build(ctx: DemoContext) -> None:
    b = Builder(ctx)
    b.configuration()
    providers = b.roster()
    b.providers = list(Provider.objects.filter(pk__in=[p.pk for p in providers]).select_related("service_org"))
    stations = b.stations()
    if Application.objects.filter(org_path__startswith=ctx.bureau.path, received_on__range=(H1_START, H1_END)).exists():
        ctx.log("法律援助：演示数据已存在，跳过。")
        return
    b.cases(D(2020, 10, 1), D(2020, 12, 31), Q4_2020_ACCEPTED, providers)
    # seed 000 writes “截至目前…892件”, as of its date: the figures count from 1 January to 13 August
    b.cases(H1_START, REPORT_DATE, H1_ACCEPTED, providers)
    b.cases(REPORT_DATE + dt.timedelta(days=1), D(2021, 12, 31), H2_ACCEPTED, providers)
    recent_start = ctx.today - dt.timedelta(days=20)
    b.cases(recent_start, ctx.today, RECENT_ACCEPTED, providers)
    b.consultations(D(2020, 10, 1), D(2020, 12, 31), 80)
    b.consultations(H1_START, REPORT_DATE, H1_CONSULTATIONS)
    b.consultations(REPORT_DATE + dt.timedelta(days=1), D(2021, 12, 31), 120)
    b.consultations(recent_start, ctx.today, 30)
    b.duty(H1_START, H1_END, providers, stations)
    b.duty(recent_start, ctx.today, providers, stations)
    ctx.log(f"法律援助：{Application.objects.count()}件案件，{Consultation.objects.count()}件咨询，"
            f"{LegalHelp.objects.count()}次值班律师法律帮助。")


register("法律援助", build, order=40)
