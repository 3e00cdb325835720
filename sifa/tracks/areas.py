"""Permitted areas as the screening needs them: each subject's 执行地 county boundary (the county's uploaded one, or
the one that ships with the package), the subject's approved extra areas, and approved 外出 leaves as time
windows. Reads only; a thin adapter over sifa.tracks.screening (which knows nothing of Django)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import ValidationError

from sifa.corrections import access
from sifa.corrections.models import LeaveRequest, LeaveStatus

from . import screening
from .models import AreaKind, Crs, PermittedArea

BEIJING = dt.timezone(dt.timedelta(hours=8))
MAX_BYTES = 10 * 1024 * 1024


def parse_upload(data: bytes | str, crs: str, name: str = "区域文件") -> tuple[dict, int]:
    """A validated GeoJSON FeatureCollection of (Multi)Polygons → (the collection, feature count). The message of
    a bad file names the feature (第N个要素) and what is wrong with it."""
    if crs not in Crs.values:
        raise ValidationError(f"坐标系“{crs}”不支持，可选：{'、'.join(Crs.values)}。")
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ValidationError(f"{name}超过{MAX_BYTES // 1024 // 1024}MB。")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(f"{name}不是 UTF-8 编码的 GeoJSON。") from None
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{name}不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）。") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if isinstance(doc, dict) and isinstance(doc.get("features"), list):
        for i, feature in enumerate(doc["features"]):
            if isinstance(feature, dict):
                props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
                feature["properties"] = {**props, "area_id": props.get("area_id") or f"f{i + 1}"}
    try:
        screening.areas_from_geojson(doc, crs=crs, name=name)
    except screening.ScreeningError as exc:
        raise ValidationError(str(exc)) from None
    return doc, len(doc["features"])


def _geometry(doc: dict, crs: str, area_id: str):
    collection = {"type": "FeatureCollection",
                  "features": [{**f, "properties": {"area_id": area_id}} for f in doc.get("features", [])]}
    return screening.areas_from_geojson(collection, crs=crs, name=area_id)[area_id]


def county_boundary(county) -> tuple[dict, str, str]:
    """(GeoJSON, crs, name) of a county bureau's boundary: its active uploaded one, else the packaged one."""
    uploaded = (PermittedArea.objects.filter(org=county, kind=AreaKind.COUNTY, subject__isnull=True, active=True)
                .order_by("-id").first())
    if uploaded is not None:
        return json.loads(uploaded.geojson), uploaded.crs, uploaded.name
    from sifa.core import divisions

    try:
        doc = divisions.boundary(county.division_id, "cgcs2000")
    except (LookupError, ValueError):
        raise ValidationError(f"{county.name}尚未设置执行地县（市、区）边界，请先上传边界（GeoJSON）。") from None
    return doc, Crs.WGS84, f"{county.name}行政区域（系统内置）"


def permitted(subjects, start: dt.date, end: dt.date):
    """For the screening of `subjects` over [start, end]: (areas {area_id: geometry}, assignments
    {str(subject.pk): frozenset(area_id)}, names {area_id: name})."""
    areas, names, assignments = {}, {}, {}
    counties = {}
    for subject in subjects:
        county = access.county_of(subject.org)
        key = f"county:{county.pk}"
        if key not in areas:
            doc, crs, name = county_boundary(county)
            areas[key], names[key] = _geometry(doc, crs, key), name
        counties[subject.pk] = key
    extra: dict[int, list[str]] = {}
    for area in PermittedArea.objects.filter(kind=AreaKind.EXTRA, active=True,
                                             subject_id__in=[s.pk for s in subjects]).order_by("pk"):
        if (area.valid_from and area.valid_from > end) or (area.valid_to and area.valid_to < start):
            continue
        key = f"area:{area.pk}"
        areas[key], names[key] = _geometry(json.loads(area.geojson), area.crs, key), area.name
        extra.setdefault(area.subject_id, []).append(key)
    for subject in subjects:
        assignments[str(subject.pk)] = frozenset([counties[subject.pk], *extra.get(subject.pk, [])])
    return areas, assignments, names


def _midnight(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time.min, BEIJING).timestamp()


def leaves(subject_ids, start: dt.date, end: dt.date) -> screening.Leaves:
    """Approved (and returned) 外出 leaves overlapping [start, end] as windows from the first day 00:00 to the day
    after the last 00:00, Beijing time (a returned leave ends on its 销假 day)."""
    rows = []
    for leave in LeaveRequest.objects.filter(subject_id__in=list(subject_ids), start_on__lte=end, end_on__gte=start,
                                             status__in=(LeaveStatus.APPROVED, LeaveStatus.RETURNED)):
        last = min(leave.end_on, leave.returned_on) if leave.returned_on else leave.end_on
        rows.append((str(leave.subject_id), _midnight(leave.start_on), _midnight(last + dt.timedelta(days=1))))
    return screening.Leaves.from_rows(rows)


def outline(doc: dict, crs: str) -> dict:
    """The boundary as a WGS84 FeatureCollection for the map (converted when it was uploaded in GCJ-02)."""
    import shapely

    geom = _geometry(doc, crs, "outline")
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"name": "准许区域"},
                          "geometry": json.loads(shapely.to_geojson(shapely.simplify(geom, 0.0005)))}]}
