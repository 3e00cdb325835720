"""The Spark engine (local mode) against the local engine on synthetic tracks: the same alerts, row for row.

One SparkSession (`local[2]`, two shuffle partitions) and one test function: Spark's start-up is the slow part. Skipped,
with the reason, where PySpark or Java is missing (CI installs Java 17 when it can).
"""

import csv
import json

import numpy as np
import polars as pl
import pytest
from django.core.management import call_command

from sifa.core import divisions
from sifa.tracks import engines, screening, spark_engine, synthetic

pytestmark = pytest.mark.spark

RULE = screening.EpisodeRule(buffer_m=200, min_minutes=30, min_points=3, gap_hours=3)


@pytest.fixture(scope="module")
def spark():
    reason = spark_engine.unavailable_reason()
    if reason:
        pytest.skip(f"Spark 测试跳过：{reason}")
    session = spark_engine.session("local[2]", shuffle_partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def county_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark")
    data = divisions.boundary("341321", "gcj02")
    for feature in data["features"]:
        feature["properties"]["area_id"] = "341321"
    areas_path = folder / "areas.geojson"
    areas_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    areas = screening.areas_from_geojson(data, crs="gcj02")
    zone = screening.Zone.build(areas["341321"], RULE.buffer_m)
    county = synthetic.county(zone, np.random.default_rng(21), people=30, days=2, spike_rate=5e-3,
                              trip_share=0.3)
    # Tracks recorded in GCJ-02 by a phone app, rows out of order: the engines convert and sort.
    glon, glat = screening.wgs84_to_gcj02(county.tracks["lon"].to_numpy(), county.tracks["lat"].to_numpy())
    frame = county.tracks.with_columns(pl.Series("lon", glon), pl.Series("lat", glat))
    frame = frame.sample(fraction=1.0, shuffle=True, seed=2)
    tracks_path = folder / "tracks.parquet"
    frame.write_parquet(tracks_path)
    leaves_path = folder / "leaves.csv"
    with leaves_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", "start", "end"])
        writer.writerows((p, screening.format_time(s), screening.format_time(e)) for p, s, e in county.leaves)
        p, s, e = county.leaves[0]
        writer.writerow((p, screening.format_time(s - 1800), screening.format_time(s + 600)))  # overlapping
    return {"folder": folder, "tracks": tracks_path, "areas": areas_path, "leaves": leaves_path, "frame": frame,
            "county": county}


def test_spark_finds_exactly_what_the_local_engine_finds_and_names_bad_records(spark, county_files, tmp_path):
    # One test function, so that pytest-xdist never starts two Spark sessions for this file.
    job = engines.Job(tracks=str(county_files["tracks"]), areas=str(county_files["areas"]),
                      leaves=str(county_files["leaves"]), tracks_crs="gcj02", areas_crs="gcj02", rule=RULE)
    local = engines.LocalEngine().run(job)
    remote = engines.SparkEngine(spark).run(job)
    assert local.episodes["start"].size >= 5
    assert list(remote.rows()) == list(local.rows())
    for key in local.episodes:
        assert np.array_equal(remote.episodes[key], local.episodes[key]), key
    assert (remote.points, remote.subjects, remote.people) == (local.points, local.subjects, local.people)
    found = [(local.people[p], s, e) for p, s, e in zip(local.episodes["person"], local.episodes["start"],
                                                      local.episodes["end"], strict=True)]
    assert synthetic.precision_recall(county_files["county"].truth, found) == (1.0, 1.0)

    # Bad input: the record is named, nothing is written, the shared session survives the command.
    frame = county_files["frame"].with_columns(
        pl.when(pl.int_range(pl.len()) == 1234).then(200.0).otherwise(pl.col("lon")).alias("lon"))
    bad = tmp_path / "bad.parquet"
    frame.write_parquet(bad)
    out = tmp_path / "alerts.csv"
    with pytest.raises(Exception, match="第1235条记录：经度 lon“200”不是 -180 到 180 之间的数值"):
        call_command("screen-tracks", tracks=str(bad), areas=str(county_files["areas"]), out=str(out),
                     engine="spark", areas_crs="gcj02")
    assert not out.exists()
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("person_id,ts,lon,lat\nA,2024-05-01T08:00:00+08:00,116.4,34.4\n"
                        "A,2024-05-01T08:05:00,116.4,34.4\n", encoding="utf-8")
    with pytest.raises(screening.ScreeningError, match="person_id“A”、ts“2024-05-01T08:05:00”的记录：ts“2024-05-01T08:05:00”无法识别"):
        spark_engine.screen_spark(spark, csv_path, screening.read_areas(county_files["areas"], crs="gcj02"))
