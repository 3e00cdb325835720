"""Synthetic location tracks with known ground truth, for tests, the bench and demo data.

Metres are the permitted zone's local projection (`screening.Zone`). Trips jump from home to a destination
well outside the area and back (no transit points), so the true episode is exactly the run of points
recorded at the destination.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import shapely

from .screening import Zone

STEP_S = 300  # one point every 5 minutes


def to_deg(zone: Zone, x, y):
    return np.asarray(x) / zone.kx + zone.lon0, np.asarray(y) / zone.ky + zone.lat0


def to_m(zone: Zone, lon, lat):
    return (np.asarray(lon) - zone.lon0) * zone.kx, (np.asarray(lat) - zone.lat0) * zone.ky


def _area_m(zone: Zone):
    return shapely.transform(zone.area, lambda xy: np.column_stack(to_m(zone, xy[:, 0], xy[:, 1])))


def inside_points(zone: Zone, rng, n: int, min_depth_m: float) -> tuple[np.ndarray, np.ndarray]:
    """n points (degrees) at least min_depth_m inside the area."""
    core = _area_m(zone).buffer(-min_depth_m)
    x0, y0, x1, y1 = core.bounds
    xs, ys = [], []
    while sum(len(x) for x in xs) < n:
        x = rng.uniform(x0, x1, 4 * n + 16)
        y = rng.uniform(y0, y1, 4 * n + 16)
        keep = shapely.contains_xy(core, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
    return to_deg(zone, np.concatenate(xs)[:n], np.concatenate(ys)[:n])


def outside_points(zone: Zone, rng, n: int, min_m: float, max_m: float) -> tuple[np.ndarray, np.ndarray]:
    """n points (degrees) between min_m and max_m outside the area."""
    outer, inner = _area_m(zone).buffer(max_m), _area_m(zone).buffer(min_m)
    ring = outer.difference(inner)
    x0, y0, x1, y1 = ring.bounds
    xs, ys = [], []
    while sum(len(x) for x in xs) < n:
        x = rng.uniform(x0, x1, 4 * n + 16)
        y = rng.uniform(y0, y1, 4 * n + 16)
        keep = shapely.contains_xy(ring, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
    return to_deg(zone, np.concatenate(xs)[:n], np.concatenate(ys)[:n])


def border_road(zone: Zone, offset_m: float, n: int, start_fraction: float = 0.0, spacing_m: float = 400.0):
    """n points (degrees) along a road running offset_m outside the border (negative: inside), spacing_m apart."""
    line = _area_m(zone).buffer(offset_m).exterior if offset_m else shapely.get_exterior_ring(
        shapely.get_geometry(_area_m(zone), 0))
    if line.geom_type == "MultiLineString":
        line = max(line.geoms, key=lambda g: g.length)
    dist = (start_fraction * line.length + np.arange(n) * spacing_m) % line.length
    pts = shapely.line_interpolate_point(line, dist)
    coords = shapely.get_coordinates(pts)
    return to_deg(zone, coords[:, 0], coords[:, 1])


def jitter(zone: Zone, rng, lon, lat, sigma_m: float):
    x, y = to_m(zone, lon, lat)
    return to_deg(zone, x + rng.normal(0, sigma_m, np.shape(x)), y + rng.normal(0, sigma_m, np.shape(y)))


@dataclass
class County:
    """A synthetic county: tracks (Polars frame in the TRACKS layout), true episodes, approved leaves."""

    tracks: pl.DataFrame
    truth: list[tuple[str, float, float]]  # (person_id, start, end) of unauthorised trips
    leaves: list[tuple[str, float, float]]
    covered_trips: int
    subjects: int


def county(zone: Zone, rng, *, people: int, days: int, start_ts: float = 1_714_492_800.0, trip_share: float = 0.12,
           leave_share: float = 0.3, border_share: float = 0.05, spike_rate: float = 5e-4,
           noise_m: float = 15.0) -> County:
    """People living in the county, one point every 5 minutes for `days` days.

    - trip_share of them make one unauthorised trip (2–12 h, 5–60 km outside); of other people, leave_share
      make a trip covered by an approved leave (window 1 h wider on each side);
    - border_share live along a road 0–150 m outside the border (inside the 200 m buffer);
    - GPS noise: Gaussian jitter (noise_m) with accuracy 5–50 m; spikes: spike_rate of points replaced by a fix
      2–20 km outside.
    """
    per = days * 288
    n = people * per
    ids = np.array([f"P{i:06d}" for i in range(people)])
    person = np.repeat(np.arange(people), per)
    ts = start_ts + np.tile(np.arange(per, dtype=np.float64) * STEP_S, people)
    home_lon, home_lat = inside_points(zone, rng, people, 3000)
    lon = np.repeat(home_lon, per)
    lat = np.repeat(home_lat, per)
    # daily wandering around home: 0–1.5 km
    wander = rng.uniform(0, 1500, n) * (rng.random(n) < 0.3)
    angle = rng.uniform(0, 2 * np.pi, n)
    x, y = to_m(zone, lon, lat)
    x += wander * np.cos(angle)
    y += wander * np.sin(angle)
    lon, lat = to_deg(zone, x, y)
    border = rng.random(people) < border_share
    for p in np.flatnonzero(border):
        sl = slice(p * per, (p + 1) * per)
        road_lon, road_lat = border_road(zone, float(rng.uniform(0, 150)), per, float(rng.random()), 50.0)
        lon[sl], lat[sl] = road_lon, road_lat
    lon, lat = jitter(zone, rng, lon, lat, noise_m)
    accuracy = rng.uniform(5, 50, n)
    truth, leaves = [], []
    covered = 0
    movers = rng.random(people)
    dest_lon, dest_lat = outside_points(zone, rng, people, 5000, 60000)
    for p in range(people):
        trip = movers[p] < trip_share
        leave = (not trip) and movers[p] < trip_share + (1 - trip_share) * leave_share
        if not (trip or leave):
            continue
        length = int(rng.integers(24, 145))  # 2–12 h of points
        first = int(rng.integers(12, per - length - 12))
        sl = slice(p * per + first, p * per + first + length)
        lon[sl], lat[sl] = jitter(zone, rng, np.full(length, dest_lon[p]), np.full(length, dest_lat[p]), noise_m)
        t0, t1 = ts[p * per + first], ts[p * per + first + length - 1]
        if trip:
            truth.append((ids[p], t0, t1))
        else:
            leaves.append((ids[p], t0 - 3600, t1 + 3600))
            covered += 1
    spikes = np.flatnonzero(rng.random(n) < spike_rate)
    spikes = spikes[(spikes % per > 0) & (spikes % per < per - 1)]
    s_lon, s_lat = outside_points(zone, rng, spikes.size, 2000, 20000)
    lon[spikes], lat[spikes] = s_lon, s_lat
    frame = pl.DataFrame({"person_id": ids[person], "ts": ts.astype(np.int64), "lon": lon, "lat": lat,
                          "accuracy_m": np.round(accuracy, 1)})
    return County(tracks=frame, truth=truth, leaves=leaves, covered_trips=covered, subjects=people)


def precision_recall(truth, found_rows) -> tuple[float, float]:
    """Episode-level precision and recall: a found episode matches a true trip of the same person it overlaps."""
    by_person: dict[str, list] = {}
    for pid, s, e in truth:
        by_person.setdefault(pid, []).append((s, e))
    matched_truth = set()
    hits = 0
    for pid, s, e in found_rows:
        match = [(i, w) for i, w in enumerate(by_person.get(pid, [])) if w[0] <= e and s <= w[1]]
        if match:
            hits += 1
            matched_truth.update((pid, i) for i, _ in match)
    precision = hits / len(found_rows) if found_rows else 1.0
    recall = len(matched_truth) / len(truth) if truth else 1.0
    return precision, recall
