"""Builders for the track line's tests: a source, points in and out of 砀山县, a subject under correction today."""

import datetime as dt
import itertools

from sifa.tracks import actions
from sifa.tracks.models import LocationPoint
from tests.corrections import builders as cb

BEIJING = dt.timezone(dt.timedelta(hours=8))
INSIDE = (116.40, 34.45)      # 砀山县城附近
OUTSIDE = (117.20, 34.30)     # 徐州市区，县界外约七十公里
_seq = itertools.count(1)


def current_subject(officer, org, **extra):
    """A subject whose correction period runs through today (so 训诫/警告 can still be proposed)."""
    return cb.subject(officer, org, effective_on=dt.date.today() - dt.timedelta(days=200), years=2, **extra)


def source(officer, name=None, crs="wgs84", kind="phone"):
    return actions.create_source(officer, name=name or f"运营商定位{next(_seq)}", kind=kind, crs=crs)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), BEIJING)


def points(subject, src, day: dt.date, *, outside_hours=(), step_min=20, start_hour=8, end_hour=20):
    """Points every `step_min` minutes on `day`; those in `outside_hours` (hours of the day) are in 徐州."""
    rows, t = [], at(day, start_hour)
    while t < at(day, end_hour):
        lon, lat = OUTSIDE if t.hour in outside_hours else INSIDE
        rows.append(LocationPoint(subject=subject, source=src, point_id=f"{subject.pk}-{t.timestamp():.0f}", ts=t,
                                  lon=lon, lat=lat, accuracy=20.0))
        t += dt.timedelta(minutes=step_min)
    LocationPoint.objects.bulk_create(rows)
    return rows
