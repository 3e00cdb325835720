"""A departure alert's evidence as an officer reads it: the points in time order, each at its local time and its
distance from the permitted area's boundary — not raw ISO timestamps and bare coordinates.

The stored evidence (actions._evidence) keeps the points as [ISO time, lon, lat, accuracy]. The distance is
computed here, against the subject's permitted areas on the alert's day (the county, plus any extra area), with
the same geometry as the screening (screening.Zone); a point inside the area is 0 m away.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import areas, screening


def _local(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _distances(alert, points: list) -> list[int | None]:
    try:
        geoms, assignments, _names = areas.permitted([alert.subject], alert.occurred_on, alert.occurred_on)
    except (ValidationError, screening.ScreeningError):
        return [None] * len(points)
    area = shapely.union_all([geoms[key] for key in sorted(assignments[str(alert.subject.pk)])])
    zone = screening.Zone.build(area, 0.0, cells=64)
    lon = np.array([p[1] for p in points], dtype=np.float64)
    lat = np.array([p[2] for p in points], dtype=np.float64)
    return [int(round(d)) for d in zone.distance_m(lon, lat)]


def path(alert) -> list[dict]:
    """The evidence points in time order: {time (local, "2021-03-05 14:32"), lon, lat, accuracy, distance_m}."""
    raw = sorted(alert.evidence.get("points") or [], key=lambda p: _local(p[0]))
    distances = _distances(alert, raw)
    return [{"time": f"{_local(p[0]):%Y-%m-%d %H:%M}", "lon": p[1], "lat": p[2], "accuracy": p[3],
             "distance_m": d} for p, d in zip(raw, distances, strict=True)]
