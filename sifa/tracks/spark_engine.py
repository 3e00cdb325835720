"""The screening rule as a PySpark job (`sifa screen-tracks --engine spark`): for a province or the nation.

Same rule, same result as the local engine (`screening.screen`), for data that does not fit one machine:

1. Reading and validation: Spark reads TRACKS (Parquet, or CSV as text); each Arrow batch is validated and
   normalised by the local engine's own column functions (`mapInArrow`), GCJ-02 converted, and classified by
   the permitted area's prepared `screening.Zone` (grid prefilter, exact tests near the boundary, exact
   distance for points beyond the buffer). A bad record ends the job before anything is written, with the same
   Chinese message as the local engine: Parquet rows are named by record number (`_metadata.row_index`), CSV
   rows by their person_id and ts.
2. Leaves: an interval join with the approved leave windows (merged per person, broadcast).
3. Episodes: window functions over each person's points in time order (lag/lead for the gap rule and the
   single-point spikes, a running sum for run ids), then one aggregation per run.

Only episodes (and the person ids) come back to the driver. The areas, assignments and leaves are small and
read on the driver with the local readers. In production `SIFA_SPARK_MASTER` names the cluster; by default the
job runs in local mode on this machine (`local[2]`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import screening

OUTPUT_SCHEMA = "person_id string, ts double, beyond boolean, dist double, row long, error string"
ROW = "__row"


def java_found() -> str | None:
    """Path of the java launcher Spark will use, or None."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def unavailable_reason() -> str | None:
    """Why the Spark engine cannot run here (Chinese), or None when it can."""
    if importlib.util.find_spec("pyspark") is None:
        return ("本机未安装 Spark 引擎（PySpark），无法使用 --engine spark；请改用 --engine local，"
                "或在安装了 PySpark 的环境中运行。")
    if java_found() is None:
        return "本机没有 Java 运行环境（Spark 需要 Java 17 或更新版本），无法使用 --engine spark；请改用 --engine local。"
    return None


def session(master: str | None = None, *, shuffle_partitions: int | None = None):
    """A SparkSession for the job: SIFA_SPARK_MASTER (a cluster) or local mode with two threads."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    master = master or os.environ.get("SIFA_SPARK_MASTER") or "local[2]"
    local = master.startswith("local")
    builder = (SparkSession.builder.master(master).appName("sifa-screen-tracks")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "200000")
               .config("spark.sql.shuffle.partitions", str(shuffle_partitions or (4 if local else 400))))
    if local:
        builder = builder.config("spark.ui.enabled", "false").config("spark.driver.memory", "2g")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# ----------------------------------------------------------------------------------------- per batch


_ZONES: dict = {}


def _zone(spec_key, specs, z: int) -> screening.Zone:
    """Zones are rebuilt once per Python worker from their WKB (a prepared Zone does not pickle)."""
    key = (spec_key, z)
    if key not in _ZONES:
        import shapely

        wkb, buffer_m = specs[z]
        _ZONES[key] = screening.Zone.build(shapely.from_wkb(wkb), buffer_m)
    return _ZONES[key]


def _labeller(parquet: bool, rows: np.ndarray, pid, ts_text):
    if parquet:
        return lambda i: f"第{int(rows[i]) + 1}条记录"
    return lambda i: f"person_id“{pid[i]}”、ts“{ts_text[i]}”的记录"


def _classify_batch(batch: pa.RecordBatch, *, crs, parquet, zone_of, specs, spec_key, has_accuracy):
    """Validate, normalise and classify one Arrow batch (rule step 1); an error becomes one row naming it."""
    n = batch.num_rows
    rows = batch.column(ROW).to_numpy(zero_copy_only=False)
    raw_pid = batch.column("person_id")
    pid = pc.utf8_trim_whitespace(pc.cast(raw_pid, pa.string()))
    try:
        label = _labeller(parquet, rows, pid.to_pylist() if not parquet else None,
                          None if parquet else pc.cast(batch.column("ts"), pa.string()).to_pylist())
        bad = screening._first_bad(pc.or_kleene(pc.is_null(pid), pc.equal(pid, "")).fill_null(True)
                                   .to_numpy(zero_copy_only=False))
        if bad is not None:
            raise screening.ScreeningError(f"{label(bad)}：person_id 为空。")
        ts = screening._arrow_times(pa.chunked_array([batch.column("ts")]), "ts", label)
        lon = screening._arrow_coordinate(pa.chunked_array([batch.column("lon")]), "lon", label, "经度 lon",
                                          low=-180, high=180)
        lat = screening._arrow_coordinate(pa.chunked_array([batch.column("lat")]), "lat", label, "纬度 lat",
                                          low=-90, high=90)
        if has_accuracy:
            acc = screening._arrow_coordinate(pa.chunked_array([batch.column("accuracy_m")]), "accuracy_m", label,
                                              "定位精度 accuracy_m", low=0, high=1e6, optional=True)
        else:
            acc = np.zeros(n)
        lon, lat = screening.to_wgs84(lon, lat, crs)
        names = pid.to_pylist()
        if zone_of is None:
            zone_of_row = np.zeros(n, dtype=np.int32)
        else:
            missing = next((p for p in names if p not in zone_of), None)
            if missing is not None:
                raise screening.ScreeningError(f"人员“{missing}”有轨迹，但区域指定文件中没有为其指定准许区域。")
            zone_of_row = np.fromiter((zone_of[p] for p in names), dtype=np.int32, count=n)
    except screening.ScreeningError as exc:
        return pa.RecordBatch.from_pydict(
            {"person_id": [None], "ts": [None], "beyond": [None], "dist": [None], "row": [int(rows.min())],
             "error": [str(exc)]}, schema=_ARROW_SCHEMA)
    beyond = np.zeros(n, dtype=bool)
    dist = np.zeros(n)
    for z in np.unique(zone_of_row):
        pick = np.flatnonzero(zone_of_row == z)
        zone = _zone(spec_key, specs, int(z))
        outside = pick[~zone.within_buffer(lon[pick], lat[pick])]
        if outside.size:
            d = zone.distance_m(lon[outside], lat[outside])
            dist[outside] = d
            beyond[outside] = d > zone.buffer_m + acc[outside]
    return pa.RecordBatch.from_pydict({"person_id": pid, "ts": ts, "beyond": beyond, "dist": dist, "row": rows,
                                       "error": pa.nulls(n, pa.string())}, schema=_ARROW_SCHEMA)


_ARROW_SCHEMA = pa.schema([("person_id", pa.string()), ("ts", pa.float64()), ("beyond", pa.bool_()),
                           ("dist", pa.float64()), ("row", pa.int64()), ("error", pa.string())])


# ------------------------------------------------------------------------------------------ the job


def _read(spark, path: Path):
    from pyspark.sql import functions as F

    if not path.is_file():
        raise screening.ScreeningError(f"轨迹文件“{path.name}”不存在。")
    parquet = path.suffix.lower() in (".parquet", ".pq")
    try:
        if parquet:
            df = spark.read.parquet(str(path))
            df = df.select(*[F.col(f"`{c}`").alias(str(c).strip().lower()) for c in df.columns],
                           F.col("_metadata.row_index").alias(ROW))
        else:
            df = spark.read.option("header", True).option("inferSchema", False).option("encoding", "UTF-8") \
                .csv(str(path))
            df = df.select(*[F.col(f"`{c}`").alias(str(c).strip().lower()) for c in df.columns],
                           F.monotonically_increasing_id().alias(ROW))
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's fault, reported in Chinese
        kind = "Parquet" if parquet else "CSV"
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise screening.ScreeningError(f"轨迹文件“{path.name}”不是有效的{kind}文件：{first}") from None
    screening._missing_columns([c for c in df.columns if c != ROW], screening.TRACK_COLUMNS, "轨迹文件")
    return df, parquet


def _merged_leaves(leaves: screening.Leaves | None) -> list[tuple[str, float, float]]:
    """Each person's leave windows merged where they overlap, so a point falls in one window at most."""
    out = []
    for pid, (starts, ends) in (leaves.windows.items() if leaves else ()):
        order = np.argsort(starts, kind="stable")
        cur_s, cur_e = None, None
        for s, e in zip(starts[order], ends[order], strict=True):
            if cur_s is not None and s <= cur_e:
                cur_e = max(cur_e, e)
                continue
            if cur_s is not None:
                out.append((pid, float(cur_s), float(cur_e)))
            cur_s, cur_e = s, e
        if cur_s is not None:
            out.append((pid, float(cur_s), float(cur_e)))
    return out


def screen_spark(spark, tracks_path, areas: dict, *, assignments: dict | None = None,
                 leaves: screening.Leaves | None = None, rule: screening.EpisodeRule | None = None,
                 tracks_crs: str = "wgs84") -> screening.ScreeningResult:
    """The whole rule as a Spark job; returns the same ScreeningResult as `screening.screen` on the same data."""
    import shapely
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    rule = rule or screening.EpisodeRule()
    if tracks_crs not in screening.CRS_CHOICES:
        raise screening.ScreeningError(f"轨迹坐标系“{tracks_crs}”不支持，可选：{'、'.join(screening.CRS_CHOICES)}。")
    if assignments is None:
        if len(areas) != 1:
            raise screening.ScreeningError(
                f"区域文件有 {len(areas)} 个区域，必须用区域指定文件（person_id, area_id）说明每人的准许区域。")
        keys = [frozenset(areas)]
        zone_of = None
    else:
        keys = sorted(set(assignments.values()), key=lambda k: sorted(k))
        index = {k: i for i, k in enumerate(keys)}
        zone_of = {pid: index[k] for pid, k in assignments.items()}
    specs = [(shapely.to_wkb(shapely.union_all([areas[a] for a in sorted(k)])), rule.buffer_m) for k in keys]
    spec_key = hash((tuple(s for s, _ in specs), rule.buffer_m))
    raw, parquet = _read(spark, Path(tracks_path))
    columns = set(raw.columns)
    has_accuracy = "accuracy_m" in columns
    raw = raw.select("person_id", "ts", "lon", "lat", *(["accuracy_m"] if has_accuracy else []), ROW)

    sc = spark.sparkContext
    shared = sc.broadcast({"zone_of": zone_of, "specs": specs})

    def classify(batches):
        value = shared.value
        for batch in batches:
            yield _classify_batch(batch, crs=tracks_crs, parquet=parquet, zone_of=value["zone_of"],
                                  specs=value["specs"], spec_key=spec_key, has_accuracy=has_accuracy)

    points = raw.mapInArrow(classify, OUTPUT_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # One pass for the errors (their rows have no person_id), the people and the number of points.
        per_person = points.groupBy("person_id").agg(F.count(F.lit(1)).alias("n"),
                                                     F.min_by("error", "row").alias("error")).collect()
        error = next((r["error"] for r in per_person if r["person_id"] is None), None)
        if error:
            raise screening.ScreeningError(error)
        people = sorted(r["person_id"] for r in per_person)
        total = sum(r["n"] for r in per_person)

        # Step 3's input: the interval join with the (merged, broadcast) leave windows.
        windows = _merged_leaves(leaves)
        if windows:
            leave_df = spark.createDataFrame(windows, "l_person string, l_start double, l_end double")
            points_l = points.join(F.broadcast(leave_df), (F.col("person_id") == F.col("l_person"))
                                   & F.col("ts").between(F.col("l_start"), F.col("l_end")), "left")
            points_l = points_l.withColumn("covered", F.col("l_start").isNotNull())
        else:
            points_l = points.withColumn("covered", F.lit(False))

        # Steps 2, 4 and 5 with window functions over each person's points in time order.
        w = Window.partitionBy("person_id").orderBy("ts", "row")
        gap = rule.gap_hours * 3600
        prev_ts, next_ts = F.lag("ts").over(w), F.lead("ts").over(w)
        df = points_l.select(
            "person_id", "ts", "row", "beyond", "dist", "covered",
            F.coalesce(F.col("ts") - prev_ts <= gap, F.lit(False)).alias("linked"),
            F.coalesce(next_ts - F.col("ts") <= gap, F.lit(False)).alias("linked_next"),
            F.coalesce(F.lag("beyond").over(w), F.lit(False)).alias("b_prev"),
            F.coalesce(F.lead("beyond").over(w), F.lit(False)).alias("b_next"))
        both = F.col("linked") & F.col("linked_next")
        df = df.withColumn("s1", F.when(both & F.col("beyond") & ~F.col("b_prev") & ~F.col("b_next"), F.lit(False))
                           .otherwise(F.col("beyond")))
        df = df.withColumn("s1_prev", F.coalesce(F.lag("s1").over(w), F.lit(False))) \
               .withColumn("s1_next", F.coalesce(F.lead("s1").over(w), F.lit(False)))
        df = df.withColumn("s2", F.when(both & ~F.col("s1") & F.col("s1_prev") & F.col("s1_next"), F.lit(True))
                           .otherwise(F.col("s1")))
        df = df.withColumn("state", F.col("s2") & ~F.col("covered"))
        df = df.withColumn("new_run", F.col("state") & ~(F.coalesce(F.lag("state").over(w), F.lit(False))
                                                         & F.col("linked")))
        df = df.withColumn("run", F.sum(F.col("new_run").cast("int")).over(
            w.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
        episodes = (df.where("state").groupBy("person_id", "run")
                    .agg(F.count(F.lit(1)).alias("points"), F.min("ts").alias("start"), F.max("ts").alias("end"),
                         F.max("dist").alias("max_distance"))
                    .where((F.col("points") >= rule.min_points)
                           & ((F.col("end") - F.col("start")) >= rule.min_minutes * 60 - 1e-6))
                    .select("person_id", "start", "end", "points", "max_distance")
                    .orderBy("person_id", "start").collect())
    finally:
        points.unpersist()
        shared.unpersist()
    code = {p: i for i, p in enumerate(people)}
    result = {
        "person": np.array([code[r["person_id"]] for r in episodes], dtype=np.int32),
        "start": np.array([r["start"] for r in episodes], dtype=float),
        "end": np.array([r["end"] for r in episodes], dtype=float),
        "points": np.array([r["points"] for r in episodes], dtype=np.int64),
        "max_distance": np.array([r["max_distance"] for r in episodes], dtype=float),
    }
    return screening.ScreeningResult(people=people, episodes=result, points=int(total), subjects=len(people))
