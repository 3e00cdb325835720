"""Screening on synthetic tracks with known ground truth, against the packaged 砀山县 (341321) boundary."""

import csv
import json

import numpy as np
import polars as pl
import pytest
import shapely
import shapely.affinity
from django.core.management import call_command
from django.core.management.base import CommandError

from sifa.core import divisions
from sifa.tracks import screening, synthetic

T0 = 1_714_492_800  # 2024-05-01T00:00:00+08:00 is 1714492800 - 8h; any fixed origin will do
STEP = synthetic.STEP_S
RULE = screening.EpisodeRule(buffer_m=200, min_minutes=30, min_points=3, gap_hours=3)


def county_geojson(system="gcj02"):
    data = divisions.boundary("341321", system)
    for feature in data["features"]:
        feature["properties"]["area_id"] = "341321"
    return data


@pytest.fixture(scope="module")
def areas():
    return screening.areas_from_geojson(county_geojson(), crs="gcj02")


@pytest.fixture(scope="module")
def zone(areas):
    return screening.Zone.build(areas["341321"], RULE.buffer_m)


@pytest.fixture(scope="module")
def home(zone):
    lon, lat = synthetic.inside_points(zone, np.random.default_rng(7), 1, 5000)
    return float(lon[0]), float(lat[0])


@pytest.fixture(scope="module")
def away(zone):
    lon, lat = synthetic.outside_points(zone, np.random.default_rng(8), 1, 20000, 30000)
    return float(lon[0]), float(lat[0])


def track(person, places, accuracy=None):
    """places: list of (lon, lat) per 5-minute step, or None for a missing point."""
    rows = [(person, T0 + i * STEP, lon, lat) for i, p in enumerate(places) if p is not None for lon, lat in [p]]
    frame = pl.DataFrame(rows, schema=["person_id", "ts", "lon", "lat"], orient="row")
    if accuracy is not None:
        frame = frame.with_columns(pl.lit(float(accuracy)).alias("accuracy_m"))
    return frame


def run(frame, areas, leaves=None, rule=RULE, crs="wgs84"):
    tracks = screening.tracks_from_frame(frame, crs=crs)
    result = screening.screen(tracks, areas, leaves=leaves, rule=rule)
    return list(result.rows()), result


def trip(home, away, before=36, out=24, after=36):
    return [home] * before + [away] * out + [home] * after


def test_trip_out_of_the_county_is_one_episode_with_its_evidence(areas, home, away, zone):
    rows, result = run(track("A", trip(home, away)), areas)
    assert len(rows) == 1
    person, start, end, minutes, points, far = rows[0]
    assert person == "A" and points == 24 and minutes == f"{23 * 5:.1f}"
    assert start == screening.format_time(T0 + 36 * STEP) and end == screening.format_time(T0 + 59 * STEP)
    expected = zone.distance_m(np.array([away[0]]), np.array([away[1]]))[0]
    assert 20000 <= far <= 30000 and abs(far - expected) < 1
    assert result.flagged_subjects == 1 and result.subjects == 1


def test_an_approved_leave_covers_the_trip_and_only_the_uncovered_tail_remains(areas, home, away):
    covering = screening.Leaves.from_rows([("A", T0 + 30 * STEP, T0 + 70 * STEP)])
    assert run(track("A", trip(home, away)), areas, covering)[0] == []
    ends_early = screening.Leaves.from_rows([("A", T0 + 30 * STEP, T0 + 49 * STEP)])
    rows = run(track("A", trip(home, away)), areas, ends_early)[0]
    assert [(r[1], r[4]) for r in rows] == [(screening.format_time(T0 + 50 * STEP), 10)]
    other_person = screening.Leaves.from_rows([("B", T0, T0 + 100 * STEP)])
    assert len(run(track("A", trip(home, away)), areas, other_person)[0]) == 1


def test_a_road_along_the_border_inside_the_buffer_is_not_outside(areas, zone):
    lon, lat = synthetic.border_road(zone, 120, 60)
    assert run(track("R", list(zip(lon, lat, strict=True))), areas)[0] == []
    # 260 m outside: beyond the 200 m buffer, unless the 100 m accuracy radius is counted in the subject's favour
    lon, lat = synthetic.border_road(zone, 260, 60)
    places = list(zip(lon, lat, strict=True))
    assert len(run(track("R", places), areas)[0]) == 1
    assert run(track("R", places, accuracy=100), areas)[0] == []


def test_single_point_spikes_neither_make_nor_split_an_episode(areas, home, away):
    spike = [home] * 30 + [away] + [home] * 30
    assert run(track("S", spike), areas)[0] == []
    stray_inside = [home] * 20 + [away] * 10 + [home] + [away] * 10 + [home] * 20
    rows = run(track("S", stray_inside), areas)[0]
    assert [r[4] for r in rows] == [21]


def test_a_gap_in_the_data_longer_than_the_limit_splits_the_episode(areas, home, away):
    places = [home] * 10 + [away] * 12 + [None] * 48 + [away] * 12 + [home] * 10  # 4 h without points
    assert [r[4] for r in run(track("G", places), areas)[0]] == [12, 12]
    longer_gap_allowed = screening.EpisodeRule(gap_hours=6)
    assert [r[4] for r in run(track("G", places), areas, rule=longer_gap_allowed)[0]] == [24]


def test_short_or_sparse_excursions_are_not_reported(areas, home, away):
    assert run(track("Q", [home] * 10 + [away] * 5 + [home] * 10), areas)[0] == []  # 20 minutes < 30
    sparse = screening.EpisodeRule(min_points=30)
    assert run(track("Q", trip(home, away)), areas, rule=sparse)[0] == []


def test_gcj02_boundary_against_wgs84_tracks_needs_the_conversion(zone):
    # A subject living 100 m inside the true border where the unconverted GCJ-02 outline lies ~500 m away.
    raw = screening.areas_from_geojson(county_geojson(), crs="wgs84")  # GCJ-02 coordinates taken as WGS84
    raw_zone = screening.Zone.build(raw["341321"], 0)
    lon, lat = synthetic.border_road(zone, -100, 400, spacing_m=250)
    inside_true = zone.within_buffer(lon, lat)
    mis = ~raw_zone.within_buffer(lon, lat)
    d = raw_zone.distance_m(lon[mis], lat[mis])
    pick = np.flatnonzero(mis)[np.argmax(d)]
    assert inside_true[pick] and d.max() > 300
    place = (float(lon[pick]), float(lat[pick]))
    frame = track("C", [place] * 48)
    assert len(run(frame, raw)[0]) == 1  # mismatch: a false alert
    converted = screening.areas_from_geojson(county_geojson(), crs="gcj02")
    assert run(frame, converted)[0] == []
    # The same subject's track recorded in GCJ-02 by a phone map app, converted on reading.
    glon, glat = screening.wgs84_to_gcj02(place[0], place[1])
    assert run(track("C", [(float(glon), float(glat))] * 48), converted, crs="gcj02")[0] == []


def test_coordinate_transform_matches_the_published_values_and_inverts():
    lon, lat = screening.wgs84_to_gcj02(121.5272106, 31.1774276)
    assert abs(lon - 121.531541859215) < 1e-9 and abs(lat - 31.17530398364597) < 1e-9
    back_lon, back_lat = screening.gcj02_to_wgs84(lon, lat)
    assert abs(back_lon - 121.5272106) < 1e-8 and abs(back_lat - 31.1774276) < 1e-8
    assert screening.wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)  # outside China: unchanged


def test_grid_prefilter_agrees_with_exact_tests(zone):
    rng = np.random.default_rng(3)
    x0, y0, x1, y1 = zone.buffered.bounds
    lon, lat = rng.uniform(x0 - 0.05, x1 + 0.05, 200_000), rng.uniform(y0 - 0.05, y1 + 0.05, 200_000)
    assert np.array_equal(zone.within_buffer(lon, lat), shapely.contains_xy(zone.buffered, lon, lat))
    assert (zone.grid == 2).sum() < zone.grid.size * 0.05  # the prefilter decides most cells outright


def test_synthetic_county_precision_and_recall(zone, areas):
    county = synthetic.county(zone, np.random.default_rng(11), people=60, days=2)
    tracks = screening.tracks_from_frame(county.tracks)
    leaves = screening.Leaves.from_rows(county.leaves)
    result = screening.screen(tracks, areas, leaves=leaves, rule=RULE)
    found = [(result.people[p], s, e) for p, s, e in zip(result.episodes["person"], result.episodes["start"],
                                                       result.episodes["end"], strict=True)]
    precision, recall = synthetic.precision_recall(county.truth, found)
    assert county.truth and county.leaves
    assert precision == 1.0 and recall == 1.0


def test_the_fast_path_equals_the_exact_rule_with_two_zones_and_leaves(zone, areas):
    """screen() skips exact distances the grid, a bound or a leave makes needless; the result must not change."""
    county = synthetic.county(zone, np.random.default_rng(5), people=40, days=2, spike_rate=5e-3,
                              trip_share=0.4)
    tracks = screening.tracks_from_frame(county.tracks)
    shifted = shapely.affinity.translate(areas["341321"], xoff=0.05)  # a second zone: a neighbouring outline
    both = {"home": areas["341321"], "shifted": shifted}
    assignments = {p: frozenset(["home"] if i % 3 else ["home", "shifted"]) for i, p in enumerate(tracks.people)}
    assignments[tracks.people[1]] = frozenset(["shifted"])
    leaves = screening.Leaves.from_rows(county.leaves)
    result = screening.screen(tracks, both, assignments=assignments, leaves=leaves, rule=RULE)
    zone_of_person, zones = screening.zones_for(tracks, both, assignments, RULE.buffer_m)
    assert len(zones) == 3
    beyond, dist = screening.classify_tracks(tracks, zone_of_person, zones)
    starts = np.searchsorted(tracks.person, np.arange(len(tracks.people) + 1))
    covered = screening._leave_cover(tracks, leaves, starts)
    exact = screening.detect_episodes(tracks.person, tracks.ts, beyond, dist, covered, RULE)
    assert exact["start"].size > 5
    for key in exact:
        assert np.array_equal(result.episodes[key], exact[key]), key
    assert result.subjects == 40 and result.points == county.tracks.height


def test_parquet_tracks_are_read_column_wise_sorted_and_named_by_record(tmp_path, home, away):
    frame = pl.concat([track(" B ", trip(home, away)), track("A", [home] * 20)])
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=3)
    path = tmp_path / "t.parquet"
    shuffled.write_parquet(path)
    tracks = screening.read_tracks(path)
    assert tracks.people == ["A", "B"] and len(tracks) == frame.height
    assert np.all(np.diff(tracks.person) >= 0) and np.all(np.diff(tracks.ts)[np.diff(tracks.person) == 0] > 0)
    same = screening.tracks_from_frame(frame)
    assert np.array_equal(same.ts, tracks.ts) and np.array_equal(same.lon, tracks.lon)

    shuffled.write_parquet(path, row_group_size=40)  # several row groups: streamed into one array per column
    streamed = screening.read_tracks(path)
    assert streamed.people == tracks.people and np.array_equal(streamed.lat, tracks.lat)
    bad = frame.with_columns(pl.when(pl.int_range(pl.len()) == 7).then(95.0).otherwise(pl.col("lat")).alias("lat"))
    bad.write_parquet(path)
    with pytest.raises(screening.ScreeningError, match="第8条记录：纬度 lat“95”不是 -90 到 90 之间的数值"):
        screening.read_tracks(path)
    bad = frame.with_columns(pl.when(pl.int_range(pl.len()) == 107).then(-200.0).otherwise(pl.col("lon")).alias("lon"))
    bad.write_parquet(path, row_group_size=40)
    with pytest.raises(screening.ScreeningError, match="第108条记录：经度 lon“-200”不是 -180 到 180 之间的数值"):
        screening.read_tracks(path)
    some_unknown = frame.with_columns(pl.when(pl.int_range(pl.len()) % 50 == 3).then(None).otherwise(
        pl.lit(12.5)).alias("accuracy_m"))
    some_unknown.write_parquet(path, row_group_size=40)
    accuracy = screening.read_tracks(path).accuracy
    assert accuracy.min() == 0 and accuracy.max() == 12.5 and (accuracy == 0).sum() == len(range(3, frame.height, 50))
    blank = frame.with_columns(pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("  ")).otherwise(
        pl.col("person_id")).alias("person_id"))
    blank.write_parquet(path)
    with pytest.raises(screening.ScreeningError, match="第4条记录：person_id 为空"):
        screening.read_tracks(path)
    nulls = frame.with_columns(pl.when(pl.int_range(pl.len()) == 5).then(None).otherwise(pl.col("ts")).alias("ts"))
    nulls.write_parquet(path, row_group_size=40)
    with pytest.raises(screening.ScreeningError, match="第6条记录：ts为空"):
        screening.read_tracks(path)
    naive = frame.with_columns(pl.from_epoch("ts", time_unit="s").alias("ts"))
    naive.write_parquet(path)
    with pytest.raises(screening.ScreeningError, match="不带时区的时间戳"):
        screening.read_tracks(path)
    aware = frame.with_columns(pl.from_epoch("ts", time_unit="s").dt.replace_time_zone("UTC").alias("ts"))
    aware.write_parquet(path)
    assert np.array_equal(screening.read_tracks(path).ts, same.ts)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(screening.ScreeningError, match="不是有效的Parquet文件"):
        screening.read_tracks(tmp_path / "broken.parquet")
    frame.drop("lon").write_parquet(path)
    with pytest.raises(screening.ScreeningError, match="缺少列：lon"):
        screening.read_tracks(path)


# ------------------------------------------------------------------------------------------- bad input


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_track_rows_are_named(tmp_path):
    missing = write(tmp_path, "t.csv", "person_id,ts,lon\nA,1714492800,116.4\n")
    with pytest.raises(screening.ScreeningError, match="缺少列：lat"):
        screening.read_tracks(missing)
    bad_lat = write(tmp_path, "t2.csv", "person_id,ts,lon,lat\nA,1714492800,116.4,34.4\nA,1714493100,116.4,95\n")
    with pytest.raises(screening.ScreeningError, match="第3行：纬度 lat“95”"):
        screening.read_tracks(bad_lat)
    naive = write(tmp_path, "t3.csv", "person_id,ts,lon,lat\nA,2024-05-01T08:00:00+08:00,116.4,34.4\n"
                                      "A,2024-05-01T08:05:00,116.4,34.4\n")
    with pytest.raises(screening.ScreeningError, match="第3行：ts“2024-05-01T08:05:00”无法识别"):
        screening.read_tracks(naive)
    ok = screening.read_tracks(write(tmp_path, "t4.csv", "person_id,ts,lon,lat\nA,2024-05-01T08:00:00+08:00,116.4,"
                                                          "34.4\nA,2024-05-01 00:05:00Z,116.4,34.4\n"))
    assert list(ok.ts) == [1714521600.0, 1714521900.0]


def test_broken_polygons_and_bad_leaves_are_named(tmp_path):
    bowtie = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"area_id": "ok"}, "geometry": {"type": "Polygon", "coordinates": [
            [[116, 34], [117, 34], [117, 35], [116, 35], [116, 34]]]}},
        {"type": "Feature", "properties": {"area_id": "work"}, "geometry": {"type": "Polygon", "coordinates": [
            [[116, 34], [117, 35], [117, 34], [116, 35], [116, 34]]]}}]}
    with pytest.raises(screening.ScreeningError, match="第2个要素（area_id=work）的多边形无效（边界自相交）"):
        screening.areas_from_geojson(bowtie)
    with pytest.raises(screening.ScreeningError, match="不是有效的 JSON"):
        screening.read_areas(write(tmp_path, "a.geojson", "{not json"))
    leaves = write(tmp_path, "l.csv", "person_id,start,end\nA,2024-05-01,2024-05-02\nB,2024-05-03,2024-05-01\n")
    with pytest.raises(screening.ScreeningError, match="外出文件第3行：结束时间早于开始时间"):
        screening.read_leaves(leaves)


# ---------------------------------------------------------------------------------------------- command


def test_command_writes_alerts_and_refuses_bad_input_without_writing(tmp_path, home, away):
    frame = pl.concat([track("A", trip(home, away)), track("B", [home] * 100)])
    tracks = tmp_path / "tracks.parquet"
    frame.write_parquet(tracks)
    areas = write(tmp_path, "areas.geojson", json.dumps(county_geojson(), ensure_ascii=False))
    leaves = write(tmp_path, "leaves.csv", "person_id,start,end\nB,2024-05-01,2024-05-01\n")
    out = tmp_path / "alerts.csv"
    call_command("screen-tracks", tracks=str(tracks), areas=areas, leaves=leaves, out=str(out), areas_crs="gcj02")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(screening.ALERT_COLUMNS)
    assert [r[0] for r in rows[1:]] == ["A"] and rows[1][4] == "24"

    bad_leaves = write(tmp_path, "bad.csv", "person_id,start,end\nA,2024-05-03,2024-05-01\n")
    fresh = tmp_path / "fresh.csv"
    with pytest.raises(CommandError, match="外出文件第2行：结束时间早于开始时间"):
        call_command("screen-tracks", tracks=str(tracks), areas=areas, leaves=bad_leaves, out=str(fresh))
    assert not fresh.exists() and list(tmp_path.glob(".alerts-*")) == []

    from sifa.tracks import spark_engine

    no_java = pytest.MonkeyPatch()
    no_java.setattr(spark_engine, "java_found", lambda: None)
    try:
        with pytest.raises(CommandError, match="没有 Java 运行环境"):
            call_command("screen-tracks", tracks=str(tracks), areas=areas, out=str(fresh), engine="spark")
    finally:
        no_java.undo()
    assert not fresh.exists()
