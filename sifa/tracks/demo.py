"""Demo tracks for 砀山县, after the corrections line's subjects exist: a sparse sample of phone-location points
(a few days per subject, a few points a day — enough to screen, small enough to build in seconds), approved leaves
with trips inside them, single-point GPS spikes, and the first-half 2021 screening that gives seed 000's figures —
对在矫404名社区矫正对象进行智能化数据排查，发现50人私自外出 — with its 50 alerts checked and confirmed. Today's
register gets a few recent points: one open departure alert, one 失联 and one second-screen hit to work on.

The points are synthetic (no real person's track): homes drawn inside the packaged county boundary, trips to the
neighbouring cities' centres (徐州、商丘、萧县、单县), whose coordinates are public. See PROVENANCE.md.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db.models import Q

from sifa.corrections import actions as cor_actions
from sifa.corrections.models import LeaveRequest, LeaveStatus, Subject, SubjectStatus
from sifa.demo.people import resident_id
from sifa.demo.registry import DemoContext, register

from . import actions
from .models import Alert, AlertStatus, LocationPoint, ScreeningRun

D = dt.date
BEIJING = dt.timezone(dt.timedelta(hours=8))
H1_START, H1_END = D(2021, 1, 1), D(2021, 6, 30)
SCREENED, FOUND = 404, 50
TRIPS = {"徐州市": (117.184, 34.262), "商丘市": (115.656, 34.415), "萧县": (116.947, 34.188), "单县": (116.087, 34.79)}
HOURS = (8, 12, 16, 20)
SAMPLE_DAYS = 6


def _at(day: D, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), BEIJING)


class Builder:
    def __init__(self, ctx: DemoContext):
        import shapely

        from sifa.core import divisions

        self.ctx, self.rng = ctx, ctx.rng
        self.officer = ctx.users["corrections_officer"]
        doc = divisions.boundary(ctx.county.code, "cgcs2000")
        county = shapely.union_all([shapely.from_geojson(json.dumps(f["geometry"])) for f in doc["features"]])
        self.core = county.buffer(-0.02)  # homes at least ~2 km inside the border
        self.bounds = self.core.bounds
        self.source = actions.create_source(self.officer, name="运营商手机定位（演示）", kind="phone", crs="wgs84")
        self.points: list[LocationPoint] = []

    def home(self) -> tuple[float, float]:
        import shapely

        x0, y0, x1, y1 = self.bounds
        while True:
            x, y = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
            if self.core.contains(shapely.Point(x, y)):
                return x, y

    def add(self, subject: Subject, moment: dt.datetime, lon: float, lat: float, accuracy: float = 30.0) -> None:
        self.points.append(LocationPoint(subject=subject, source=self.source, ts=moment, accuracy=accuracy,
                                         point_id=f"demo-{subject.pk}-{int(moment.timestamp())}-{len(self.points)}",
                                         lon=round(lon, 6), lat=round(lat, 6)))

    def near(self, place: tuple[float, float], spread: float = 0.004) -> tuple[float, float]:
        return place[0] + self.rng.uniform(-spread, spread), place[1] + self.rng.uniform(-spread, spread)

    def ordinary_days(self, subject: Subject, first: D, last: D, home) -> list[D]:
        span = (last - first).days
        days = sorted({first + dt.timedelta(days=self.rng.randint(0, span)) for _ in range(SAMPLE_DAYS)})
        for day in days:
            for hour in HOURS:
                self.add(subject, _at(day, hour, self.rng.randrange(60)), *self.near(home))
        return days

    def trip(self, subject: Subject, day: D, home, place: str, *, start_hour: int = 10, quarters: int = 9) -> None:
        """Inside at 08:00, at `place` every 15 minutes from start_hour, home again two hours after."""
        self.add(subject, _at(day, 8), *self.near(home))
        for q in range(quarters):
            self.add(subject, _at(day, start_hour) + dt.timedelta(minutes=15 * q), *self.near(TRIPS[place], 0.01))
        self.add(subject, _at(day, start_hour) + dt.timedelta(minutes=15 * quarters + 120), *self.near(home))

    def spike(self, subject: Subject, day: D, home) -> None:
        """A single GPS jump 30 km away between two good fixes: the rule ignores it."""
        for q in range(5):
            if q == 2:
                self.add(subject, _at(day, 9) + dt.timedelta(minutes=20 * q), home[0] + 0.35, home[1] + 0.05, 800)
            else:
                self.add(subject, _at(day, 9) + dt.timedelta(minutes=20 * q), *self.near(home))

    def approved_leave(self, subject: Subject, first: D, last: D) -> D | None:
        """A ≤7-day trip approved by the county's corrections organ, for a subject still under correction."""
        if subject.status != SubjectStatus.ACTIVE or (last - first).days < 20:
            return None
        start = first + dt.timedelta(days=self.rng.randint(10, (last - first).days - 5))
        try:
            leave = cor_actions.request_leave(self.officer, subject, destination="江苏省徐州市", reason="探望住院亲属",
                                              start_on=start, end_on=start + dt.timedelta(days=2),
                                              requested_on=start - dt.timedelta(days=4))
            cor_actions.decide_leave(self.officer, leave, approve=True, opinion="同意",
                                     decided_on=start - dt.timedelta(days=3))
            cor_actions.record_return(self.officer, leave, returned_on=start + dt.timedelta(days=2))
        except Exception:  # noqa: BLE001 - a clash with the subject's own history: no trip for this one
            return None
        return start + dt.timedelta(days=1)

    def flush(self) -> None:
        LocationPoint.objects.bulk_create(self.points, batch_size=5000)
        self.points = []


def _leave_days(subject_ids) -> dict[int, list[tuple[D, D]]]:
    out: dict[int, list] = {}
    for leave in LeaveRequest.objects.filter(subject_id__in=subject_ids,
                                             status__in=(LeaveStatus.APPROVED, LeaveStatus.RETURNED)):
        out.setdefault(leave.subject_id, []).append((leave.start_on, leave.end_on))
    return out


def first_half(b: Builder) -> ScreeningRun:
    ctx = b.ctx
    under = list(Subject.objects.filter(org_path__startswith=ctx.bureau.path, reported_on__isnull=False,
                                        reported_on__lte=H1_END)
                 .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=H1_START)).select_related("org").order_by("pk"))
    if len(under) < SCREENED:
        raise ValueError(f"2021年上半年在矫对象只有{len(under)}人，不足{SCREENED}人，无法生成排查演示数据。")
    chosen = b.rng.sample(under, SCREENED)
    flagged = set(b.rng.sample(range(SCREENED), FOUND))
    leaves = _leave_days([s.pk for s in chosen])
    trips_with_leave = spikes = 0
    for i, subject in enumerate(chosen):
        first = max(H1_START, subject.reported_on)
        last = min(H1_END, subject.exited_on or H1_END)
        home = b.home()
        days = b.ordinary_days(subject, first, last, home)
        free = [d for d in ((first + dt.timedelta(days=k)) for k in range((last - first).days + 1))
                if d not in days and not any(s <= d <= e for s, e in leaves.get(subject.pk, ()))]
        if i in flagged:
            b.trip(subject, b.rng.choice(free), home, b.rng.choice(list(TRIPS)))
            continue
        if trips_with_leave < 8:
            day = b.approved_leave(subject, first, last)
            if day is not None and day not in days:
                b.trip(subject, day, home, "徐州市")
                trips_with_leave += 1
                continue
        if spikes < 30 and free:
            b.spike(subject, b.rng.choice(free), home)
            spikes += 1
    b.flush()
    run = actions.run_screening(b.officer, org=ctx.bureau, start=H1_START, end=H1_END,
                                now=dt.datetime(2021, 7, 5, 9, 30, tzinfo=BEIJING))
    if (run.subjects, run.found) != (SCREENED, FOUND):
        raise ValueError(f"演示排查结果为{run.subjects}人、发现{run.found}人，与种子报告（{SCREENED}人、{FOUND}人）不符。")
    for alert in Alert.objects.filter(run=run).select_related("subject").order_by("start_at"):
        handled = min(alert.occurred_on + dt.timedelta(days=b.rng.randint(5, 20)), D(2021, 8, 13))
        handled = max(handled, D(2021, 7, 5))
        actions.confirm_alert(b.officer, alert, handover="", handled_on=handled,
                              finding="经电话联系和走访核实，对象承认未经批准离开砀山县，已依规予以训诫")
    return run


def today_work(b: Builder) -> None:
    """Recent points of three subjects under correction today: a trip to 徐州 (an open alert to check), a phone
    that went silent two days ago (失联), and a hit on the police's list."""
    today = b.ctx.today
    current = list(Subject.objects.filter(org_path__startswith=b.ctx.bureau.path, status=SubjectStatus.ACTIVE,
                                          period_end__gt=today + dt.timedelta(days=30),
                                          reported_on__lte=today - dt.timedelta(days=10)).order_by("pk")[:3])
    if len(current) < 3:
        return
    traveller, silent, suspect = current
    first = today - dt.timedelta(days=3)
    for subject in (traveller, silent):
        home = b.home()
        for k in range(3):
            day = first + dt.timedelta(days=k)
            if subject is silent and k > 0:
                break
            if subject is traveller and k == 1:
                continue
            for hour in HOURS:
                b.add(subject, _at(day, hour), *b.near(home))
        if subject is traveller:
            b.trip(subject, first + dt.timedelta(days=1), home, "徐州市", start_hour=13)
    b.flush()
    actions.run_screening(b.officer, org=b.ctx.bureau, start=first, end=today - dt.timedelta(days=1))
    actions.check_silence(b.officer, org=b.ctx.bureau, hours=24)
    listed = (f"身份证号码,姓名,涉嫌案由,案发日期,办案单位\n"
              f"{suspect.id_number},{suspect.name},涉嫌盗窃,{today - dt.timedelta(days=6)},砀山县公安局砀城派出所\n"
              f"{resident_id('341321', '19880512', 417)},（非矫正对象）,涉嫌诈骗,{today - dt.timedelta(days=9)},"
              f"砀山县公安局刑警大队\n")
    actions.import_police_list(b.officer, data=listed.encode(), name="涉案人员名单（演示）.csv", provider="砀山县公安局",
                               received_on=today)


def build(ctx: DemoContext) -> None:
    if ScreeningRun.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("轨迹排查演示数据已存在，跳过。")
        return
    if not Subject.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("尚无社区矫正对象，跳过轨迹演示数据。")
        return
    b = Builder(ctx)
    run = first_half(b)
    today_work(b)
    ctx.log(f"智慧矫正：定位点{LocationPoint.objects.count()}个，2021年上半年排查{run.subjects}人、发现{run.found}人；"
            f"待核查预警{Alert.objects.filter(status=AlertStatus.OPEN).count()}条。")


register("智慧矫正", build, order=45)
