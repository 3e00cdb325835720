"""Demo records of 社区矫正 and 安置帮教 for 砀山县, all made through the actions, as the county's corrections
officer (社区矫正中心) and, for approvals, the bureau's head.

The first half of 2021 is built so that seed 000's figures follow when the indicators are evaluated on the
records: 在册 on 2021-06-30 and again on the report's date, 2021-08-13 (seed 000 writes “目前…在册”), = 401
(缓刑384, 假释9, 管制0, 暂予监外执行8) and 调查评估 262 in 2021H1. Its smart screening of 404 subjects with 50
found 私自外出 belongs to the track screening (sifa/tracks/demo.py). Subjects whose period ended
before today are discharged on their last day; those received since make up today's register, with the reports,
visits, leave requests, electronic tags, sanctions and file reviews a worker's lists show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sifa.core.models import Notification, OrgUnit
from sifa.core.notify import mark_read
from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register

from . import actions, rules
from .actions import aftercare
from .models import (
    Category,
    FileReview,
    Investigation,
    LeaveRequest,
    ReleasedPerson,
    Subject,
    SubjectStatus,
)

D = dt.date
H1_END = D(2021, 6, 30)
REPORT_DATE = D(2021, 8, 13)          # seed 000 was signed on 13 August: “截至目前”
H1_REGISTER = {Category.PROBATION: 384, Category.PAROLE: 9, Category.CONTROL: 0, Category.OUTSIDE: 8}
H1_INVESTIGATIONS = 262
H1_DISCHARGED = 95
FILE_REVIEWS_SINCE_2018 = 2576
MONTHLY_INTAKE_AFTER = 3

CRIMES = (("危险驾驶罪", 30), ("盗窃罪", 14), ("故意伤害罪", 10), ("诈骗罪", 8), ("交通肇事罪", 8), ("开设赌场罪", 5),
          ("寻衅滋事罪", 5), ("帮助信息网络犯罪活动罪", 6), ("非法吸收公众存款罪", 3), ("掩饰、隐瞒犯罪所得罪", 4),
          ("非法占用农用地罪", 3), ("滥伐林木罪", 2), ("聚众斗殴罪", 2))
CN_NUMBERS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n]
    return ("" if n < 20 else CN_NUMBERS[n // 10]) + "十" + (CN_NUMBERS[n % 10] if n % 10 else "")


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today
        self.officer = ctx.users["corrections_officer"]
        self.head = ctx.users["leader"]
        self.offices: list[OrgUnit] = list(ctx.offices)
        self.weights = [len(self.offices) - i // 2 for i in range(len(self.offices))]
        self.people = People(ctx.rng)
        self.certificates = Counter()

    # --- people ---
    def office(self) -> OrgUnit:
        return self.rng.choices(self.offices, weights=self.weights)[0]

    def resident_id(self, female: bool = False, born: D | None = None) -> str:
        """Nine in ten subjects were registered in the county, the others in a neighbouring one."""
        region = "341321" if self.rng.random() < 0.9 else self.rng.choice(("341322", "341302", "320322"))
        return self.people.resident_id(female=female, born=born, region=region, first=1958, last=2002)

    def day_between(self, first: D, last: D) -> D:
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    # --- subjects ---
    def subject(self, category: str, reported_on: D, *, min_end: D | None = None, end_on: D | None = None,
                late: bool = False) -> Subject:
        """A subject received on `reported_on`; the term is drawn so the period ends after `min_end`, or is
        set so that it ends exactly on `end_on`."""
        rng = self.rng
        effective_on = reported_on - dt.timedelta(days=rng.randrange(12, 25) if late else rng.randrange(1, 10))
        years = months = 0
        if category == Category.PROBATION:
            years = rng.choices((1, 2, 3, 4, 5), weights=(30, 35, 25, 7, 3))[0]
            months = rng.choice((0, 0, 0, 6))
        else:
            months = rng.randrange(6, 31)
        if end_on is not None:
            years, months = rng.choice((1, 2, 3)), 0
            effective_on = rules.add_years_months(end_on + dt.timedelta(days=1), years=-years)
            reported_on = effective_on + dt.timedelta(days=rng.randrange(1, 10))
        while min_end is not None and rules.correction_period(category, effective_on, years, months)[1] <= min_end:
            years += 1
        female = rng.random() < (0.9 if category == Category.OUTSIDE and rng.random() < 0.4 else 0.13)
        crime = rng.choices([c for c, _ in CRIMES], weights=[w for _, w in CRIMES])[0]
        fields = {"category": category, "crime": crime, "authority_kind": "court", "authority": "砀山县人民法院",
                  "term_years": years, "term_months": months}
        if category == Category.PROBATION:
            base = max(years * 12 + months - rng.randrange(3, 13), 3)
            fields["sentence"] = (f"有期徒刑{_cn(base // 12)}年，缓刑{_cn(years)}年" + (f"{_cn(months)}个月" if months else "")
                                  if base >= 12 else f"拘役{_cn(min(base, 6))}个月，缓刑{_cn(years)}年"
                                  + (f"{_cn(months)}个月" if months else ""))
        elif category == Category.PAROLE:
            fields.update(sentence=f"有期徒刑{_cn(rng.randrange(3, 11))}年", authority="宿州市中级人民法院")
        else:
            fields.update(sentence=f"有期徒刑{_cn(rng.randrange(1, 6))}年", outside_reason=rng.choice(
                ("medical", "medical", "self_care", "pregnant" if female else "medical")),
                authority_kind=rng.choice(("court", "prison_admin")))
            if fields["authority_kind"] == "prison_admin":
                fields["authority"] = "安徽省监狱管理局"
        office = self.office()
        subject = actions.register_subject(
            self.officer, org=office, name=self.people.name(), id_number=self.resident_id(female=female),
            effective_on=effective_on, judgement_no=f"（{effective_on.year}）皖1321刑初{rng.randrange(1, 900)}号",
            prohibitions="禁止进入酒吧、歌舞厅等娱乐场所" if crime in ("寻衅滋事罪", "聚众斗殴罪") else "",
            mobile="1" + rng.choice("3589") + f"{rng.randrange(10 ** 9):09d}", address=f"砀山县{office.division.name}",
            level="normal" if rng.random() < 0.8 else "strict", **fields)
        return actions.record_report_in(self.officer, subject, reported_on=reported_on)

    def discharge(self, subject: Subject, day: D | None = None) -> None:
        day = day or subject.period_end
        self.certificates[day.year] += 1
        actions.discharge(self.officer, subject, kind="expired", exited_on=day,
                          certificate_no=f"（{day.year}）砀矫解字第{self.certificates[day.year]}号",
                          notified_on=min(day + dt.timedelta(days=1), self.today))

    # --- 2021 first half --------------------------------------------------------------------------------------
    def first_half(self) -> list[Subject]:
        register = []
        for category, count in H1_REGISTER.items():
            for i in range(count):
                reported = self.day_between(D(2019, 9, 1), H1_END)
                register.append(self.subject(category, reported, min_end=REPORT_DATE if i % 9 else H1_END,
                                             late=i % 97 == 5))
        for _ in range(H1_DISCHARGED):
            self.subject(Category.PROBATION, D(2020, 1, 1), end_on=self.day_between(D(2021, 1, 4), D(2021, 6, 29)))
        self.revoked_in_first_half()
        return register

    def revoked_in_first_half(self) -> None:
        s = self.subject(Category.PROBATION, D(2020, 8, 10), min_end=D(2022, 1, 1))
        for day in (D(2021, 1, 18), D(2021, 3, 8)):
            w = actions.propose_sanction(self.officer, s, kind="warning", ground="serious_breach",
                                         facts="未经批准离开砀山县前往外地务工，经教育不改", proposed_on=day)
            actions.decide_sanction(self.officer, w, approve=True, decided_on=day + dt.timedelta(days=2))
        revoke = actions.propose_sanction(self.officer, s, kind="revoke_probation", ground="two_warnings",
                                          facts="受到两次警告仍不改正", proposed_on=D(2021, 4, 12))
        actions.decide_sanction(self.officer, revoke, approve=True, decided_on=D(2021, 4, 13),
                                document_no="砀司矫建〔2021〕3号")
        actions.record_ruling(self.officer, revoke, upheld=True, ruled_on=D(2021, 5, 10),
                              ruling_no="（2021）皖1321刑更12号")

    def investigations(self, first: D, last: D, count: int) -> None:
        """Commissions received between two dates, each answered in time except one in fifty (逾期)."""
        for i in range(count):
            received = self.day_between(first, last)
            inv = actions.commission_investigation(
                self.officer, org=self.office(), commissioner_kind=self.rng.choice(("court", "court", "procuratorate")),
                commissioner="砀山县人民法院", received_on=received, person_name=self.people.name(),
                id_number=self.resident_id(female=self.rng.random() < 0.12), proposed_category="probation",
                urgent=i % 8 == 0, crime=self.rng.choice([c for c, _ in CRIMES]))
            if i % 50 == 7:
                done = inv.due_on + dt.timedelta(days=2)
            else:
                done = max(received + dt.timedelta(days=1), inv.due_on - dt.timedelta(days=self.rng.randrange(0, 4)))
            actions.complete_investigation(
                self.officer, inv, opinion="suitable" if self.rng.random() < 0.86 else "unsuitable",
                completed_on=min(done, self.today), investigators="司法所工作人员二人",
                findings="走访被告人家庭、村（居）委会和被害人，了解其一贯表现和社会关系。")

    def discharge_ended(self, until: D, keep: int = 0) -> None:
        """Discharge, on their last day, subjects whose period ended on or before `until` (keeping the `keep`
        most recent ones: 期满待解矫 on the worker's list)."""
        ended = list(Subject.objects.filter(org_path__startswith=self.ctx.bureau.path, status=SubjectStatus.ACTIVE,
                                            period_end__lte=until).order_by("-period_end", "-pk"))
        for s in ended[keep:]:
            self.discharge(s)

    def top_up(self, day: D) -> None:
        """Subjects received from 1 July, so that on the report's date (seed 000: “目前全县在册社区服刑人员401人，其中
        缓刑384人，假释9人，管制0人，暂予监外执行8人”, written 13 August) the register holds the seed's figures by
        category again after the periods that ended in July and August. The smart screening of the same report
        (对在矫404名…发现50人私自外出) is the track screening's figure (sifa/tracks/demo.py), not repeated here."""
        from django.db.models import Q

        for category, wanted in H1_REGISTER.items():
            held = Subject.objects.filter(org_path__startswith=self.ctx.bureau.path, category=category,
                                          reported_on__lte=day).filter(
                Q(exited_on__isnull=True) | Q(exited_on__gt=day)).count()
            for _ in range(max(wanted - held, 0)):
                self.subject(category, self.day_between(D(2021, 7, 1), day - dt.timedelta(days=7)),
                             min_end=D(2022, 1, 1))

    def quarter_visits(self, first: D, last: D, share: float = 0.95) -> None:
        """Visits in a quarter to every subject under supervision in it (before those whose period ended are
        discharged), the seeds' 每季度至少走访一次."""
        for s in Subject.objects.filter(org_path__startswith=self.ctx.bureau.path, reported_on__lte=last,
                                        status=SubjectStatus.ACTIVE, period_end__gte=first).order_by("pk"):
            if self.rng.random() < share:
                day = self.day_between(max(first, s.reported_on), min(last, s.period_end))
                actions.record_visit(self.officer, s, visited_on=day,
                                     visitor_kind=self.rng.choice(("staff", "staff", "grid", "contracted")),
                                     visitors="司法所工作人员", content="在家务农，情绪稳定，遵守规定。")

    def file_reviews(self, subjects: list[Subject]) -> None:
        for s in self.rng.sample(subjects, min(120, len(subjects))):
            flawed = self.rng.random() < 0.15
            review = actions.review_file(
                self.officer, s, kind=self.rng.choice(("self", "mutual")),
                reviewed_on=self.day_between(max(D(2021, 3, 1), s.reported_on), H1_END), reviewers="司法所内勤",
                items={"reports": "瑕疵"} if flawed else {}, findings="定期报告记录缺对象签名" if flawed else "")
            if flawed:
                actions.rectify_file(self.officer, review, rectified_on=min(review.rectify_by, self.today),
                                     rectification="已补签")

    def file_reviews_since_2018(self) -> None:
        """The 自查/互查 of earlier years (seed 000: 2576卷 since 2018): each half-year, files of subjects whose
        judgment had taken effect get a 自查 and/or a 互查, until the reviews from 2018 to the report's date number
        2576."""
        done = FileReview.objects.filter(org_path__startswith=self.ctx.bureau.path,
                                         reviewed_on__range=(D(2018, 1, 1), REPORT_DATE)).count()
        wanted = FILE_REVIEWS_SINCE_2018 - done
        halves = [(D(y, m, 1), min(D(y, m + 5, 30 if m + 5 == 6 else 31), REPORT_DATE))
                  for y in range(2018, 2022) for m in (1, 7)]
        halves = [(first, last) for first, last in halves if first <= REPORT_DATE]
        subjects = list(Subject.objects.filter(org_path__startswith=self.ctx.bureau.path,
                                               effective_on__lte=REPORT_DATE).order_by("effective_on", "pk"))
        for i, (first, last) in enumerate(halves):
            eligible = [(s, kind) for s in subjects if s.effective_on <= last for kind in ("self", "mutual")]
            share = -(-wanted // (len(halves) - i))  # the rest spread over the halves left
            for s, kind in self.rng.sample(eligible, min(share, len(eligible))):
                flawed = self.rng.random() < 0.08
                review = actions.review_file(
                    self.officer, s, kind=kind,
                    reviewed_on=self.day_between(max(first, s.effective_on), last), reviewers="司法所内勤",
                    items={"reports": "瑕疵"} if flawed else {}, findings="定期报告记录缺对象签名" if flawed else "")
                if flawed:
                    actions.rectify_file(self.officer, review, rectified_on=min(review.rectify_by, self.today),
                                         rectification="已补签")
                wanted -= 1

    # --- since then -------------------------------------------------------------------------------------------
    def since(self) -> None:
        month = D(2021, 9, 1)
        while month < self.today.replace(day=1):
            for _ in range(MONTHLY_INTAKE_AFTER):
                last = min(rules.add_years_months(month, months=1) - dt.timedelta(days=1), self.today)
                self.subject(self.rng.choices((Category.PROBATION, Category.PAROLE, Category.OUTSIDE),
                                              weights=(90, 5, 5))[0], self.day_between(month, last))
            month = rules.add_years_months(month, months=1)
        for _ in range(6):  # the last month, some of them still to report
            self.subject(Category.PROBATION, self.day_between(self.today - dt.timedelta(days=25), self.today))
        self.discharge_ended(self.today - dt.timedelta(days=1), keep=2)
        pending_day = self.today - dt.timedelta(days=4)
        for _ in range(3):  # notified by the court, not yet reported
            actions.register_subject(
                self.officer, org=self.office(), name=self.people.name(), id_number=self.resident_id(),
                category="probation", crime="危险驾驶罪", sentence="拘役三个月，缓刑六个月", authority_kind="court",
                authority="砀山县人民法院", effective_on=pending_day, term_months=6)

    def current_work(self) -> None:
        today, rng = self.today, self.rng
        current = list(Subject.objects.filter(org_path__startswith=self.ctx.bureau.path,
                                              status=SubjectStatus.ACTIVE).order_by("pk"))

        def within(s, day):
            return s.reported_on <= day <= min(s.period_end, today)

        for s in current:
            actions.assign_worker(self.officer, s, worker=self.officer, grid=f"{s.org.division.name}第{rng.randrange(1, 9)}网格")
            team = [{"name": self.officer.full_name or "陈国强", "sex": "男", "role": "office"},
                    {"name": self.people.name(), "sex": "女", "role": "committee"}]
            if s.minor:
                team.append({"name": self.people.name(), "sex": "男", "role": "guardian"})
            actions.set_team(self.officer, s, members=team)
            actions.set_plan(self.officer, s, plan="每月当面报告一次，参加教育学习和公益活动，由矫正小组落实帮扶。",
                             plan_on=min(s.reported_on + dt.timedelta(days=5), today, s.period_end))
            actions.announce_intake(self.officer, s, announced_on=min(s.reported_on + dt.timedelta(days=1), today))
            # most are up to date; about one in eight is a few days behind (the worker's list shows them)
            interval = rules.REPORT_INTERVAL_DAYS[s.level]
            behind = rng.random() < 0.12
            last = today - dt.timedelta(days=interval + rng.randrange(1, 4) if behind else rng.randrange(0, interval))
            if within(s, last):
                actions.record_report(self.officer, s, reported_on=last, method=rng.choice(("in_person", "phone")))
            visit_interval = rules.VISIT_INTERVAL_DAYS[s.level]
            visit_day = today - dt.timedelta(days=visit_interval + rng.randrange(1, 8) if behind
                                             else rng.randrange(0, visit_interval))
            if within(s, visit_day):
                actions.record_visit(self.officer, s, visited_on=visit_day, visitor_kind="staff",
                                     visitors="司法所工作人员", content="走访了解近况，表现良好。")
            study_day = today - dt.timedelta(days=rng.randrange(3, 20))
            if rng.random() < 0.4 and within(s, study_day):
                actions.record_education(self.officer, s, held_on=study_day,
                                         kind=rng.choice(("law", "community", "psych")), hours=2, content="集中教育学习")
        busy = [s for s in current if s.reported_on <= today - dt.timedelta(days=100)
                and s.period_end >= today + dt.timedelta(days=60)]
        if len(busy) < 6:
            return
        a, b, c, d, e, f = rng.sample(busy, 6)
        # leave: one short request for the office, one long request reviewed and waiting for the county
        actions.request_leave(self.officer, a, destination="江苏省徐州市", reason="陪同父亲就医",
                              start_on=today + dt.timedelta(days=2), end_on=today + dt.timedelta(days=5))
        long_leave = actions.request_leave(self.officer, b, destination="浙江省杭州市", reason="务工",
                                           start_on=today + dt.timedelta(days=6), end_on=today + dt.timedelta(days=25))
        actions.review_leave(self.officer, long_leave, agree=True, opinion="务工合同属实，建议批准")
        if not d.prohibitions:
            monitor_situation, facts = "left_area", "轨迹比对发现未经批准前往外地"
        else:
            monitor_situation, facts = "prohibition", "违反禁止令进入娱乐场所"
        monitor = actions.propose_monitor(self.officer, d, situation=monitor_situation, facts=facts, months=3,
                                          proposed_on=today - dt.timedelta(days=80))
        actions.approve_monitor(self.head, monitor, approve=True, approved_on=today - dt.timedelta(days=79))
        actions.propose_sanction(self.officer, c, kind="admonition", ground="minor_breach",
                                 facts="未按规定时间电话报告", proposed_on=today - dt.timedelta(days=1))
        actions.propose_sanction(self.officer, f, kind="praise", ground="good_conduct",
                                 facts="积极参加公益活动，协助村里防汛", proposed_on=today - dt.timedelta(days=2))
        case = actions.report_missing(self.officer, e, lost_on=today - dt.timedelta(days=3),
                                      circumstances="电话关机，家人称其外出未归")
        actions.request_police(self.officer, case, requested_on=today - dt.timedelta(days=2), station="砀城派出所")
        actions.commission_investigation(self.officer, org=self.office(), commissioner_kind="court",
                                         commissioner="砀山县人民法院", received_on=today - dt.timedelta(days=6),
                                         person_name=self.people.name(), id_number=self.resident_id(),
                                         proposed_category="probation", urgent=True, crime="危险驾驶罪")

    def aftercare(self) -> None:
        for i in range(40):
            release = self.day_between(D(2021, 1, 5), D(2021, 12, 20))
            key = i % 5 == 0
            person = aftercare.register_release(
                self.officer, org=self.office(), name=self.people.name(), id_number=self.resident_id(),
                crime=self.rng.choice([c for c, _ in CRIMES]), prison="安徽省宿州监狱", release_on=release,
                notice_received_on=release - dt.timedelta(days=30), key_person=key)
            if key:
                aftercare.record_pickup(self.officer, person, picked_up_on=release, escorts="司法所工作人员、村干部")
            if i == 39:  # never reported: the prison is told
                aftercare.mark_unlinked(self.officer, person, reason="户籍地查无此人，已函告原服刑监狱")
                continue
            person = aftercare.link(self.officer, person, linked_on=release + dt.timedelta(days=self.rng.randrange(0, 5)),
                                    helpers=[{"name": self.people.name(), "role": "office"}, {"name": self.people.name(), "role": "family"}])
            if self.rng.random() < 0.7:
                aftercare.record_resettlement(self.officer, person, kind=self.rng.choice(("employed", "farming",
                                                                                         "self_employed")),
                                              settled_on=person.linked_on + dt.timedelta(days=self.rng.randrange(5, 60)),
                                              detail="在本地果品企业务工")
        soon = self.today + dt.timedelta(days=20)
        aftercare.register_release(self.officer, org=self.office(), name=self.people.name(), id_number=self.resident_id(),
                                   crime="故意伤害罪", prison="安徽省宿州监狱", release_on=soon,
                                   notice_received_on=self.today - dt.timedelta(days=8), key_person=True)


def build(ctx: DemoContext) -> None:
    if Subject.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("社区矫正演示数据已存在，跳过。")
        return
    first_note = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    b = Builder(ctx)
    register = b.first_half()
    b.investigations(D(2021, 1, 4), H1_END, H1_INVESTIGATIONS)
    b.quarter_visits(D(2021, 4, 1), H1_END)
    b.discharge_ended(H1_END)
    b.file_reviews(register)
    b.file_reviews_since_2018()
    # July to 13 August: periods end, new subjects arrive; on the report's date the register is the seed's again
    b.discharge_ended(REPORT_DATE)
    b.top_up(REPORT_DATE)
    b.investigations(D(2021, 7, 1), D(2021, 12, 31), 150)
    b.since()
    b.aftercare()
    for note in Notification.objects.filter(id__gt=first_note, category="社区矫正").select_related("user"):
        mark_read(note.user, note)
    b.current_work()
    counts = Counter(Subject.objects.filter(org_path__startswith=ctx.bureau.path).values_list("status", flat=True))
    ctx.log(f"社区矫正：对象{sum(counts.values())}人（在矫{counts.get('active', 0)}人），调查评估"
            f"{Investigation.objects.count()}件，外出申请{LeaveRequest.objects.count()}件，"
            f"刑满释放人员{ReleasedPerson.objects.count()}人。")


register("社区矫正", build, order=40)
