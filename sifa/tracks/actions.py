"""Every change to a track record goes through one of these functions: ingestion (upload and gateway), permitted
areas, screening runs and their alerts, 核查 (confirm → the corrections line's 训诫/警告 flow; exclude with a
reason), 失联 checks, the second screen against a police list, audited reads of points and the retention purge.

Each checks role and scope (corrections officers only — `read_tracks`; a 司法所 acts on its own subjects, the
county's corrections organ on the county's), validates (ValidationError with a Chinese message that names the
row or feature, and nothing written), writes in one transaction with its audit row, and tells the 司法所.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from sifa.core import audit, inputs
from sifa.core.models import OrgUnit
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import has_capability
from sifa.corrections import access
from sifa.corrections import actions as corrections
from sifa.corrections.models import (
    OPEN_STATUSES,
    SUPERVISED_STATUSES,
    MonitorStatus,
    SanctionKind,
    Subject,
    SubjectStatus,
)

from . import areas as area_mod
from . import conf, ingest, screening
from .models import (
    Alert,
    AlertKind,
    AlertStatus,
    AreaKind,
    Crs,
    LocationPoint,
    PermittedArea,
    PoliceList,
    ScreenedSubject,
    ScreeningRun,
    SourceKind,
    TrackSource,
)

BEIJING = dt.timezone(dt.timedelta(hours=8))
EVIDENCE_POINTS = 300
SILENCE_LOOKBACK_DAYS = 30
BATCH = 5000


# --- who may ---------------------------------------------------------------------------------------------------


def ensure_track_officer(actor, org: OrgUnit | None = None) -> None:
    """Corrections officers (the only holders of `read_tracks`) of the unit or above it."""
    if not has_capability(actor, "read_tracks") or not access.can_write(actor):
        raise PermissionDenied("行踪轨迹仅限负责该对象的社区矫正工作人员处理（《社区矫正法》第二十六条）。")
    if org is not None and not access.in_scope(actor, org):
        raise PermissionDenied("该记录不在您的管辖范围内。")


def _county_organ(actor) -> OrgUnit:
    root = access.scope_root(actor)
    return access.county_of(root) if root is not None else None


def _tell_office(org: OrgUnit, title: str, body: str = "", link: str = "") -> None:
    corrections.tell(corrections.office_staff(org) or corrections.county_staff(org), title, body, link)


# --- sources ---------------------------------------------------------------------------------------------------


@transaction.atomic
def create_source(actor, *, name: str, kind: str, crs: str = Crs.WGS84) -> TrackSource:
    ensure_track_officer(actor)
    county = _county_organ(actor)
    name = inputs.required(name, "来源名称", 100)
    kind = inputs.choice(kind, SourceKind, "定位方式")
    crs = inputs.choice(crs, Crs, "坐标系")
    if TrackSource.objects.filter(org=county, name=name).exists():
        raise ValidationError(f"轨迹来源“{name}”已存在。")
    source = TrackSource.objects.create(org=county, name=name, kind=kind, crs=crs, created_by=actor)
    audit.record(AuditEventType.CONFIG, user=actor, obj=source, verb="新建轨迹来源",
                 after={"name": name, "kind": kind, "crs": crs})
    return source


def source_for(actor, pk) -> TrackSource:
    source = TrackSource.objects.for_user(actor).filter(pk=pk, active=True).first()
    if source is None:
        raise ValidationError("轨迹来源不存在或已停用。")
    return source


# --- ingestion -------------------------------------------------------------------------------------------------


def _subjects_by_person(actor, persons: Iterable[str]) -> dict[str, Subject]:
    persons = set(persons)
    found: dict[str, Subject] = {}
    mine = Subject.objects.for_user(actor).select_related("org")
    for chunk in _chunks(sorted(persons), 2000):
        for s in mine.filter(Q(number__in=chunk) | Q(id_number__in=[p.upper() for p in chunk])):
            if s.number in persons:
                found[s.number] = s
            for key in (s.id_number, s.id_number.lower()):
                if key in persons:
                    found[key] = s
    return found


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _resolve(actor, points: list[ingest.RawPoint], source: TrackSource) -> tuple[list[LocationPoint], list[tuple]]:
    """(new LocationPoint objects, errors [(row, point_id, message)]) — duplicates of stored points are dropped."""
    subjects = _subjects_by_person(actor, (p.person for p in points))
    errors, rows = [], []
    for p in points:
        subject = subjects.get(p.person)
        if subject is None:
            errors.append((p.row, p.point_id, f"找不到档案编号或身份证号码为“{p.person}”的社区矫正对象（或不在您的管辖范围内）"))
            continue
        day = p.ts.astimezone(BEIJING).date()
        if subject.exited_on and day > subject.exited_on:
            errors.append((p.row, p.point_id, f"对象已于{subject.exited_on:%Y-%m-%d}解除（终止）矫正，不得再采集其定位"))
            continue
        rows.append((p, subject))
    if errors:
        return [], errors
    lon = np.array([p.lon for p, _ in rows])
    lat = np.array([p.lat for p, _ in rows])
    lon, lat = screening.to_wgs84(lon, lat, source.crs)
    existing = set()
    ids = [p.point_id for p, _ in rows]
    for chunk in _chunks(ids, 5000):
        existing.update(LocationPoint.objects.filter(source=source, point_id__in=chunk)
                        .values_list("point_id", flat=True))
    new = [LocationPoint(subject=s, source=source, point_id=p.point_id, ts=p.ts, lon=float(x), lat=float(y),
                         accuracy=p.accuracy)
           for (p, s), x, y in zip(rows, lon, lat, strict=True) if p.point_id not in existing]
    return new, []


def _usable(actor, source: TrackSource) -> None:
    ensure_track_officer(actor)
    if not source.active or not TrackSource.objects.for_user(actor).filter(pk=source.pk).exists():
        raise ValidationError("轨迹来源不存在或已停用。")


def _write_points(actor, source: TrackSource, new: list[LocationPoint], received: int, verb: str, name: str = ""):
    LocationPoint.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    audit.record(AuditEventType.IMPORT, user=actor, object_type="tracks.locationpoint", object_id=str(source.pk),
                 verb=verb, after={"source": source.name, "file": name[:100], "received": received,
                                   "stored": len(new), "duplicates": received - len(new),
                                   "subjects": len({p.subject_id for p in new})})


@transaction.atomic
def import_points(actor, *, source: TrackSource, data: bytes, name: str) -> dict:
    """An uploaded CSV or Parquet file, all or nothing: any bad row → ValidationError naming it, nothing written.
    Points already stored (same source and point id) are skipped, so a file can be uploaded again safely."""
    _usable(actor, source)
    points = ingest.read_track_file(data, name)
    new, errors = _resolve(actor, points, source)
    if errors:
        raise ValidationError([f"{row}：{message}" for row, _, message in errors[:20]])
    _write_points(actor, source, new, len(points), "上传定位点", name)
    return {"received": len(points), "stored": len(new), "duplicates": len(points) - len(new)}


@transaction.atomic
def ingest_batch(actor, *, source: TrackSource, items: list[dict]) -> dict:
    """A gateway batch (JSON objects with the track columns). All or nothing: any bad point → ValidationError
    whose `error_list` carries one message per bad point (`params`: index from 1, point_id). Idempotent by point id."""
    _usable(actor, source)
    limit = conf.max_batch()
    if not items:
        raise ValidationError("没有定位点。")
    if len(items) > limit:
        raise ValidationError(f"一次最多提交{limit}个定位点（本次{len(items)}个），请分批提交。")
    now = timezone.now()
    points, errors = [], []
    for i, item in enumerate(items):
        row = f"第{i + 1}个点"
        if not isinstance(item, dict):
            errors.append((row, "", "不是对象"))
            continue
        try:
            points.append(ingest.parse_point(row, item, now=now))
        except ingest.RowError as exc:
            errors.append((row, str(item.get("point_id") or ""), str(exc)))
    seen = {}
    for p in points:
        if p.point_id in seen:
            errors.append((p.row, p.point_id, f"point_id 与{seen[p.point_id]}重复"))
        seen.setdefault(p.point_id, p.row)
    if not errors:
        new, errors = _resolve(actor, points, source)
    if errors:
        raise ValidationError([ValidationError(f"{row}：{message}", params={"row": row, "point_id": pid})
                               for row, pid, message in errors])
    _write_points(actor, source, new, len(points), "接收定位点（接口）")
    return {"received": len(points), "stored": len(new), "duplicates": len(points) - len(new)}


def read_points(actor, subject: Subject, start: dt.datetime, end: dt.datetime, *, purpose: str = "查看轨迹"):
    """The subject's points in [start, end) — for the responsible officers only; every read is audited."""
    if not Subject.objects.for_user(actor).filter(pk=subject.pk).exists():
        raise PermissionDenied("该对象不在您的管辖范围内。")
    ensure_track_officer(actor, subject.org)
    if end <= start:
        raise ValidationError("结束时间须晚于起始时间。")
    if end - start > dt.timedelta(days=92):
        raise ValidationError("一次最多查看92天的轨迹。")
    points = list(LocationPoint.objects.for_user(actor).filter(subject=subject, ts__gte=start, ts__lt=end)
                  .order_by("ts").values("point_id", "ts", "lon", "lat", "accuracy", "source__kind")[:50_000])
    audit.record(AuditEventType.READ_SENSITIVE, user=actor, obj=subject, verb=purpose,
                 reason=f"行踪轨迹 {start:%Y-%m-%d %H:%M}至{end:%Y-%m-%d %H:%M}，{len(points)}个点")
    return points


# --- permitted areas -------------------------------------------------------------------------------------------


@transaction.atomic
def upload_county_boundary(actor, *, data: bytes, crs: str, name: str = "") -> PermittedArea:
    """A county bureau's own boundary of its 执行地 (replaces the packaged one and any earlier upload)."""
    ensure_track_officer(actor)
    if not access.is_county_level(actor):
        raise PermissionDenied("执行地边界由县级社区矫正机构设置。")
    county = _county_organ(actor)
    doc, count = area_mod.parse_upload(data, crs, "边界文件")
    PermittedArea.objects.filter(org=county, kind=AreaKind.COUNTY, active=True).update(active=False)
    area = PermittedArea.objects.create(org=county, kind=AreaKind.COUNTY, crs=crs, features=count,
                                        name=inputs.optional(name, "名称", 100) or f"{county.name}执行地边界",
                                        geojson=json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                                        created_by=actor)
    audit.record(AuditEventType.CONFIG, user=actor, obj=area, verb="上传执行地边界",
                 after={"crs": crs, "features": count})
    return area


@transaction.atomic
def add_extra_area(actor, subject: Subject, *, data: bytes, crs: str, name: str, basis: str,
                   valid_from=None, valid_to=None) -> PermittedArea:
    """An area approved for one subject beyond the county (an approved workplace across the border)."""
    ensure_track_officer(actor, subject.org)
    doc, count = area_mod.parse_upload(data, crs, "区域文件")
    valid_from = inputs.date(valid_from, "起始日") if valid_from else None
    valid_to = inputs.date(valid_to, "截止日") if valid_to else None
    if valid_from and valid_to:
        inputs.not_before(valid_to, valid_from, "截止日", "起始日")
    area = PermittedArea.objects.create(org=subject.org, subject=subject, kind=AreaKind.EXTRA, crs=crs,
                                        features=count, name=inputs.required(name, "名称", 100),
                                        basis=inputs.required(basis, "批准依据", 200), valid_from=valid_from,
                                        valid_to=valid_to,
                                        geojson=json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                                        created_by=actor)
    audit.action(actor, "设置准许活动区域", area, after={"subject": subject.pk, "crs": crs, "features": count,
                                                   "valid_from": str(valid_from), "valid_to": str(valid_to)})
    return area


@transaction.atomic
def end_extra_area(actor, area: PermittedArea, *, reason: str) -> PermittedArea:
    area = PermittedArea.objects.select_for_update().get(pk=area.pk)
    ensure_track_officer(actor, area.org)
    if area.kind != AreaKind.EXTRA or not area.active:
        raise ValidationError("该区域不是有效的对象准许活动区域。")
    area.active = False
    area.save(update_fields=["active", "updated_at"])
    audit.action(actor, "停用准许活动区域", area, reason=inputs.required(reason, "停用理由", 200))
    return area


# --- screening -------------------------------------------------------------------------------------------------


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, BEIJING)


def _load(subject_ids: list[int], start: dt.date, end: dt.date) -> screening.Tracks:
    """Stored points of the subjects in [start, end] as screening.Tracks (sorted by subject, time; WGS84)."""
    person, ts, lon, lat, acc = [], [], [], [], []
    qs = (LocationPoint.objects.filter(subject_id__in=subject_ids, ts__gte=_day_start(start),
                                       ts__lt=_day_start(end + dt.timedelta(days=1)))
          .order_by("subject_id", "ts").values_list("subject_id", "ts", "lon", "lat", "accuracy"))
    for sid, moment, x, y, a in qs.iterator(chunk_size=20_000):
        person.append(sid)
        ts.append(moment.timestamp())
        lon.append(x)
        lat.append(y)
        acc.append(a or 0.0)
    pid = np.array(person, dtype=np.int64)
    people_ids, codes = np.unique(pid, return_inverse=True) if pid.size else (np.zeros(0, np.int64), pid)
    return screening.Tracks(people=[str(int(p)) for p in people_ids], person=codes.astype(np.int32),
                            ts=np.array(ts, dtype=np.float64), lon=np.array(lon, dtype=np.float64),
                            lat=np.array(lat, dtype=np.float64), accuracy=np.array(acc, dtype=np.float64))


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(float(epoch), BEIJING).isoformat(timespec="seconds")


def _evidence(tracks: screening.Tracks, code: int, t0: float, t1: float, area_names: list[str]) -> dict:
    lo, hi = np.searchsorted(tracks.person, [code, code + 1])
    ts = tracks.ts[lo:hi]
    a, b = np.searchsorted(ts, t0, side="left") + lo, np.searchsorted(ts, t1, side="right") + lo
    rows = np.arange(a, b)
    if rows.size > EVIDENCE_POINTS:
        rows = rows[np.linspace(0, rows.size - 1, EVIDENCE_POINTS).round().astype(int)]

    def point(i):
        return [_iso(tracks.ts[i]), round(float(tracks.lon[i]), 6), round(float(tracks.lat[i]), 6),
                round(float(tracks.accuracy[i]), 1)]

    return {"first": point(a), "last": point(b - 1), "points": [point(i) for i in rows],
            "areas": area_names, "crs": "wgs84"}


def screening_subjects(org: OrgUnit, start: dt.date, end: dt.date):
    """Subjects of the org's subtree under correction at some time in [start, end]."""
    return list(Subject.objects.filter(org_path__startswith=org.path, reported_on__isnull=False,
                                       reported_on__lte=end)
                .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=start)).select_related("org"))


@transaction.atomic
def run_screening(actor, *, org: OrgUnit, start, end, rule: screening.EpisodeRule | None = None,
                  now: dt.datetime | None = None) -> ScreeningRun:
    """Screen the stored points of the org's subjects over [start, end] against their permitted areas and
    approved leaves (the episode rule of screening.py); write the run, its screened subjects and its alerts in one
    transaction — a run never half-applies. Episodes already alerted by an earlier run are not alerted twice."""
    ensure_track_officer(actor, org)
    start, end = inputs.date(start, "排查起始日"), inputs.date(end, "排查截止日")
    inputs.not_before(end, start, "排查截止日", "排查起始日")
    if (end - start).days > 366:
        raise ValidationError("一次排查的期间不能超过一年。")
    rule = rule or screening.EpisodeRule()
    now = now or timezone.now()
    subjects = {s.pk: s for s in screening_subjects(org, start, end)}
    tracks = _load(list(subjects), start, end)
    screened = [subjects[int(p)] for p in tracks.people]
    try:
        area_geoms, assignments, names = area_mod.permitted(screened, start, end)
        leaves = area_mod.leaves(subjects, start, end)
        result = screening.screen(tracks, area_geoms, assignments=assignments, leaves=leaves, rule=rule) \
            if len(tracks) else None
    except screening.ScreeningError as exc:
        raise ValidationError(str(exc)) from None
    run = ScreeningRun.objects.create(
        org=org, period_start=start, period_end=end, run_at=now, run_by=actor, buffer_m=rule.buffer_m,
        min_minutes=rule.min_minutes, min_points=rule.min_points, gap_hours=rule.gap_hours,
        subjects=len(screened), points=len(tracks), created_by=actor)
    episodes = result.episodes if result is not None else {"person": np.zeros(0, np.int32)}
    per_subject: dict[int, int] = {}
    for code in episodes["person"]:
        per_subject[int(code)] = per_subject.get(int(code), 0) + 1
    counts = np.bincount(tracks.person, minlength=len(tracks.people)) if len(tracks) else []
    ScreenedSubject.objects.bulk_create([
        ScreenedSubject(run=run, subject=s, org=s.org, org_path=s.org.path, region_code=s.org.division_id,
                        period_end=end, points=int(counts[i]), episodes=per_subject.get(i, 0),
                        found=i in per_subject, created_by=actor)
        for i, s in enumerate(screened)], batch_size=BATCH)
    alerts = []
    for k in range(len(episodes["person"])):
        code = int(episodes["person"][k])
        subject = screened[code]
        t0, t1 = float(episodes["start"][k]), float(episodes["end"][k])
        minutes = (t1 - t0) / 60
        far = int(round(float(episodes["max_distance"][k])))
        start_at = dt.datetime.fromtimestamp(t0, BEIJING)
        evidence = _evidence(tracks, code, t0, t1, [names[a] for a in sorted(assignments[str(subject.pk)])])
        alerts.append(Alert(
            org=subject.org, org_path=subject.org.path, region_code=subject.org.division_id, kind=AlertKind.DEPARTURE,
            subject=subject, run=run, occurred_on=start_at.date(), start_at=start_at,
            end_at=dt.datetime.fromtimestamp(t1, BEIJING), minutes=round(minutes, 1),
            points=int(episodes["points"][k]), max_distance_m=far, evidence=evidence, created_by=actor,
            summary=f"{start_at:%Y-%m-%d %H:%M}起离开准许区域约{minutes:.0f}分钟，区域外{int(episodes['points'][k])}个点，"
                    f"最远{far / 1000:.1f}公里，无批准外出",
            dedupe_key=f"departure:{int(t0)}"))
    keys = {(a.subject_id, a.dedupe_key) for a in Alert.objects.filter(
        kind=AlertKind.DEPARTURE, subject_id__in=[a.subject_id for a in alerts],
        dedupe_key__in=[a.dedupe_key for a in alerts]).only("subject_id", "dedupe_key")}
    fresh = [a for a in alerts if (a.subject_id, a.dedupe_key) not in keys]
    Alert.objects.bulk_create(fresh, batch_size=1000)
    run.episodes, run.found, run.new_alerts = len(alerts), len(per_subject), len(fresh)
    run.save(update_fields=["episodes", "found", "new_alerts", "updated_at"])
    audit.action(actor, "轨迹排查", run, after={"period": f"{start}..{end}", "subjects": run.subjects,
                                             "points": run.points, "episodes": run.episodes, "found": run.found,
                                             "new_alerts": run.new_alerts})
    by_office: dict[int, list[Alert]] = {}
    for a in fresh:
        by_office.setdefault(a.org_id, []).append(a)
    for alerts_of_office in by_office.values():
        office = alerts_of_office[0].org
        _tell_office(office, f"轨迹排查发现{len(alerts_of_office)}条疑似私自外出，请核查",
                     f"排查期间{start:%Y-%m-%d}至{end:%Y-%m-%d}。", _alerts_link())
    return run


def _alerts_link() -> str:
    from django.urls import reverse

    return reverse("tracks:alert_list")


# --- 核查 --------------------------------------------------------------------------------------------------------

HANDOVER_KINDS = {"admonition": SanctionKind.ADMONITION, "warning": SanctionKind.WARNING}


def _open_alert(actor, alert: Alert) -> Alert:
    alert = Alert.objects.select_for_update().select_related("subject", "org").get(pk=alert.pk)
    ensure_track_officer(actor, alert.org)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(f"该预警当前状态为“{alert.get_status_display()}”，不能再核查。")
    return alert


@transaction.atomic
def confirm_alert(actor, alert: Alert, *, finding: str, handover: str = "admonition", ground: str = "minor_breach",
                  handled_on=None) -> Alert:
    """核查属实. With `handover` 训诫 (admonition) or 警告 (warning) the finding goes to the corrections line's
    考核奖惩 flow (the 司法所 proposes, the county decides) and is recorded as 信息化核查; `handover=""` records
    the finding only (and is the only choice once the subject is no longer under correction)."""
    alert = _open_alert(actor, alert)
    finding = inputs.required(finding, "核查情况", 2000)
    handled_on = inputs.date(handled_on or inputs.today(), "核查日期")
    inputs.not_future(handled_on, "核查日期")
    inputs.not_before(handled_on, alert.occurred_on, "核查日期", "发生日期")
    subject = alert.subject
    if handover:
        if handover not in HANDOVER_KINDS:
            raise ValidationError("移送处理只能选择训诫或警告，或不移送。")
        if subject.status not in SUPERVISED_STATUSES:
            raise ValidationError(f"{subject.name}当前状态为“{subject.get_status_display()}”，不能再提出训诫或警告；"
                                  "请选择“不移送”，只登记核查结果。")
        method = "track" if alert.kind == AlertKind.DEPARTURE else "phone_location"
        code = "departure" if alert.kind == AlertKind.DEPARTURE else "abnormal"
        if alert.kind == AlertKind.SILENCE:
            code = "unreachable"
        corrections.record_info_check(actor, subject, checked_on=handled_on, method=method, finding=code,
                                      note=f"{alert.summary}。{finding}"[:2000], handled=f"移送{SanctionKind(HANDOVER_KINDS[handover]).label}")
        alert.sanction = corrections.propose_sanction(
            actor, subject, kind=HANDOVER_KINDS[handover], ground=ground,
            facts=f"{alert.get_kind_display()}：{alert.summary}。核查情况：{finding}"[:2000], proposed_on=handled_on)
    alert.status, alert.handled_on, alert.handled_by, alert.finding = AlertStatus.CONFIRMED, handled_on, actor, finding
    alert.save(update_fields=["status", "handled_on", "handled_by", "finding", "sanction", "updated_at"])
    audit.action(actor, "核查预警属实", alert, after={"kind": alert.kind, "handover": handover or "无",
                                                "sanction": alert.sanction_id})
    return alert


@transaction.atomic
def exclude_alert(actor, alert: Alert, *, reason: str, handled_on=None) -> Alert:
    """核查排除 (定位漂移, 经批准的行程, 设备故障…): the reason is required."""
    alert = _open_alert(actor, alert)
    reason = inputs.required(reason, "排除理由", 2000)
    handled_on = inputs.date(handled_on or inputs.today(), "核查日期")
    inputs.not_future(handled_on, "核查日期")
    inputs.not_before(handled_on, alert.occurred_on, "核查日期", "发生日期")
    alert.status, alert.handled_on, alert.handled_by, alert.finding = AlertStatus.EXCLUDED, handled_on, actor, reason
    alert.save(update_fields=["status", "handled_on", "handled_by", "finding", "updated_at"])
    audit.action(actor, "排除预警", alert, reason=reason[:500], after={"kind": alert.kind})
    return alert


# --- 失联 ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def check_silence(actor, *, org: OrgUnit, now: dt.datetime | None = None, hours: int | None = None) -> list[Alert]:
    """失联: a subject under 信息化核查 (points in the last SILENCE_LOOKBACK_DAYS days, or an electronic tag in
    use) and under supervision whose latest point is more than `hours` old → one alert per silence (a later point
    ends it). A subject whose points stopped long ago is no longer under 信息化核查 and is not alerted."""
    ensure_track_officer(actor, org)
    now = now or timezone.now()
    hours = hours or conf.silence_hours()
    cutoff = now - dt.timedelta(hours=hours)
    subjects = Subject.objects.filter(org_path__startswith=org.path, status__in=SUPERVISED_STATUSES)
    latest = dict(LocationPoint.objects.filter(subject__in=subjects, ts__lte=now,
                                               ts__gte=now - dt.timedelta(days=SILENCE_LOOKBACK_DAYS))
                  .values("subject_id")
                  .annotate(last=Max("ts")).values_list("subject_id", "last"))
    tagged = set(subjects.filter(monitors__status=MonitorStatus.ACTIVE).values_list("pk", flat=True))
    made = []
    for subject in subjects.filter(pk__in=set(latest) | tagged).select_related("org").order_by("pk"):
        last = latest.get(subject.pk)
        if last is not None and last >= cutoff:
            continue
        since = last or _day_start(subject.reported_on or now.date())
        if since >= cutoff:
            continue
        key = f"silence:{int(since.timestamp())}"
        if Alert.objects.filter(subject=subject, kind=AlertKind.SILENCE, dedupe_key=key).exists():
            continue
        gap = (now - since).total_seconds() / 3600
        alert = Alert.objects.create(
            org=subject.org, subject=subject, kind=AlertKind.SILENCE, occurred_on=now.astimezone(BEIJING).date(),
            start_at=since, end_at=now, minutes=round(gap * 60, 1), created_by=actor, dedupe_key=key,
            summary=(f"自{since.astimezone(BEIJING):%Y-%m-%d %H:%M}起{gap:.0f}小时无定位数据" if last else
                     f"使用电子定位装置但无任何定位数据（超过{hours}小时）"),
            evidence={"last_point": last.astimezone(BEIJING).isoformat(timespec="seconds") if last else None,
                      "hours": hours})
        made.append(alert)
        _tell_office(subject.org, f"失联预警：{subject.name}", alert.summary, alert.get_absolute_url())
    audit.action(actor, "失联检查", org, after={"hours": hours, "alerts": len(made)})
    return made


# --- second screen (二次排查) --------------------------------------------------------------------------------------


@transaction.atomic
def import_police_list(actor, *, data: bytes, name: str, provider: str, received_on) -> PoliceList:
    """Cross-check the subjects in the actor's scope against a police list of persons involved in new offences
    (by ID number, each checksum-validated; any bad row → nothing imported). Hits → alerts to the 司法所."""
    ensure_track_officer(actor)
    received_on = inputs.date(received_on, "收到日期")
    inputs.not_future(received_on, "收到日期")
    provider = inputs.required(provider, "提供单位", 100)
    rows = ingest.read_police_list(data, name)
    org = access.scope_root(actor)
    by_id: dict[str, ingest.PoliceRow] = {}
    for row in rows:
        by_id.setdefault(row.id_number, row)
    hits = list(Subject.objects.for_user(actor).filter(id_number__in=list(by_id), status__in=OPEN_STATUSES)
                .select_related("org"))
    police = PoliceList.objects.create(org=org, received_on=received_on, provider=provider,
                                       file_name=(name or "")[-200:], rows=len(rows), hits=len(hits),
                                       created_by=actor)
    for subject in hits:
        row = by_id[subject.id_number]
        day = row.occurred_on or received_on
        Alert.objects.create(
            org=subject.org, subject=subject, kind=AlertKind.OFFENCE, occurred_on=day, created_by=actor,
            dedupe_key=f"offence:{police.pk}:{row.row}",
            summary=f"{provider}名单比中：{row.offence or '涉嫌违法犯罪'}"[:300],
            evidence={"list": police.pk, "row": row.row, "offence": row.offence, "agency": row.agency,
                      "occurred_on": str(row.occurred_on or "")})
        _tell_office(subject.org, f"二次排查比中：{subject.name}", "公安机关名单显示该对象涉嫌新的违法犯罪，请核查。",
                     _alerts_link())
    audit.record(AuditEventType.IMPORT, user=actor, obj=police, verb="导入涉案人员名单（二次排查）",
                 after={"rows": len(rows), "hits": len(hits), "provider": provider})
    return police


# --- retention -----------------------------------------------------------------------------------------------


@transaction.atomic
def purge_points(*, today: dt.date | None = None, days: int | None = None, dry_run: bool = False) -> dict:
    """Delete the points (and the alerts' point evidence) of subjects discharged or terminated more than `days`
    ago (default conf.retention_days, one year). Audited as a system action."""
    today = today or timezone.localdate()
    days = days or conf.retention_days()
    cutoff = today - dt.timedelta(days=days)
    expired = Subject.objects.filter(exited_on__isnull=False, exited_on__lt=cutoff).exclude(
        status__in=(SubjectStatus.ACTIVE, SubjectStatus.PENDING))
    points = LocationPoint.objects.filter(subject__in=expired.values("pk"))
    count = points.count()
    subjects = points.values("subject_id").distinct().count()
    if not dry_run:
        points.delete()
        for alert in Alert.objects.filter(subject__in=expired.values("pk"), evidence__has_key="points"):
            alert.evidence = {k: v for k, v in alert.evidence.items() if k not in ("points", "first", "last")}
            alert.evidence["purged_on"] = str(today)
            alert.save(update_fields=["evidence", "updated_at"])
        audit.record(AuditEventType.ACTION, username="system", object_type="tracks.locationpoint",
                     verb="按保存期限删除行踪轨迹", after={"cutoff": str(cutoff), "points": count,
                                                  "subjects": subjects, "days": days})
    return {"points": count, "subjects": subjects, "cutoff": cutoff}
