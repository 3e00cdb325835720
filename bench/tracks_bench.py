"""Track screening benchmark: 10 million synthetic points over the 砀山县 (341321) boundary.

    python bench/tracks_bench.py [--points 10000000] [--spark-points 1000000] [--seed 1] [--no-spark]

One point every 5 minutes for 10 days per person (2,880 points), as many people as make --points. The boundary
is the packaged detailed GCJ-02 outline, converted to WGS84. Synthetic ground truth (sifa.tracks.synthetic):
12% of people make an unauthorised trip of 2–12 h, 5–60 km away; 30% of the rest make a trip covered by an
approved leave; 5% live on a road 0–150 m outside the border; 15 m GPS jitter, 5–50 m accuracy, 0.05% spikes.

Prints (figures only, nothing is asserted):
- classification (grid prefilter + exact tests near the edge) in points/second, wall clock and per core (CPU
  time of this process), against a bare `shapely.contains_xy` pass over the same points, and the ratio;
- the whole screening from Parquet (read, validate, classify, leaves, episodes) in a fresh process: wall clock,
  CPU time and that process's peak resident memory;
- the Spark engine in local mode (local[2]) on the first --spark-points points: session start-up and job time,
  and whether its alerts equal the local engine's (skipped, with the reason, without PySpark or Java);
- episode precision and recall against the ground truth.
The machine may be shared: wall-clock figures vary with its load (printed), CPU time much less.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sifa.tracks import screening, synthetic  # noqa: E402 - pure modules, no Django setup needed

BOUNDARY = ROOT / "sifa" / "core" / "data" / "boundaries" / "gcj02" / "341321.geojson"


def load_areas():
    data = json.loads(BOUNDARY.read_text(encoding="utf-8"))
    for feature in data["features"]:
        feature["properties"]["area_id"] = "341321"
    return screening.areas_from_geojson(data, crs="gcj02")


def timed(fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn(*args)
    return value, time.perf_counter() - wall, time.process_time() - cpu


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss, which a child inherits)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def screen_only(parquet: str, leaves_json: str) -> None:
    """Child process: the whole screening from Parquet, as `sifa screen-tracks --engine local` runs it."""
    areas = load_areas()
    leaves = screening.Leaves.from_rows(json.loads(Path(leaves_json).read_text()))
    before = peak_mb()

    def run():
        tracks = screening.read_tracks(parquet)
        return screening.screen(tracks, areas, leaves=leaves, rule=screening.EpisodeRule())

    result, wall, cpu = timed(run)
    found = [(result.people[p], float(s), float(e)) for p, s, e in
             zip(result.episodes["person"], result.episodes["start"], result.episodes["end"], strict=True)]
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak_mb(),
                      "start_mb": before, "points": result.points, "subjects": result.subjects,
                      "flagged": result.flagged_subjects, "found": found}))


def spark_part(county, zone, areas, leaves, points: int, folder: Path) -> None:
    from sifa.tracks import spark_engine

    reason = spark_engine.unavailable_reason()
    if reason:
        print(f"Spark 本地模式：跳过（{reason}）")
        return
    people = max(1, points // (10 * 288))
    sample = county.tracks.head(people * 10 * 288)
    path = folder / "sample.parquet"
    sample.write_parquet(path)
    keep = set(sample.get_column("person_id").unique().to_list())
    sub_leaves = screening.Leaves({k: v for k, v in leaves.windows.items() if k in keep})
    spark, start_s, _ = timed(lambda: spark_engine.session("local[2]"))
    try:
        remote, job_s, _ = timed(lambda: spark_engine.screen_spark(spark, path, areas, leaves=sub_leaves))
    finally:
        spark.stop()
    local = screening.screen(screening.read_tracks(path), areas, leaves=sub_leaves)
    same = list(remote.rows()) == list(local.rows())
    print(f"Spark 本地模式（local[2]）{sample.height:,} 点：会话启动 {start_s:.1f} 秒，作业 {job_s:.1f} 秒"
          f"（{sample.height / job_s / 1e3:,.0f} 千点/秒）；结果与本机引擎{'逐行一致' if same else '不一致！'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--spark-points", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--screen-only", nargs=2, metavar=("PARQUET", "LEAVES_JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.screen_only:
        screen_only(*args.screen_only)
        return
    rule = screening.EpisodeRule()
    areas = load_areas()
    zone, build_s, _ = timed(lambda: screening.Zone.build(areas["341321"], rule.buffer_m))
    print(f"区域准备（缓冲 {rule.buffer_m:.0f} 米、网格 {zone.grid.shape[1]}×{zone.grid.shape[0]}，"
          f"边界格 {(zone.grid == 2).mean():.1%}）：{build_s:.3f} 秒")

    people = max(1, args.points // (10 * 288))
    county, gen_s, _ = timed(lambda: synthetic.county(zone, np.random.default_rng(args.seed), people=people, days=10))
    n = county.tracks.height
    print(f"生成 {people} 人、{n:,} 个点：{gen_s:.1f} 秒；真实私自外出 {len(county.truth)} 段，"
          f"已批准外出 {county.covered_trips} 段")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parquet = folder / "tracks.parquet"
        county.tracks.write_parquet(parquet)
        leaves_json = folder / "leaves.json"
        leaves_json.write_text(json.dumps(county.leaves))
        lon = county.tracks.get_column("lon").to_numpy()
        lat = county.tracks.get_column("lat").to_numpy()
        zone.within_buffer(lon[:100_000], lat[:100_000])  # warm-up
        fast, grid_wall, grid_cpu = timed(zone.within_buffer, lon, lat)
        bare, bare_wall, bare_cpu = timed(shapely.contains_xy, zone.buffered, lon, lat)
        agree = np.array_equal(fast, bare)
        print(f"分类（网格预筛）：{n / grid_wall / 1e6:,.1f} 百万点/秒（{grid_wall:.3f} 秒）；"
              f"按 CPU 时间 {n / grid_cpu / 1e6:,.1f} 百万点/秒/核")
        print(f"分类（裸 shapely.contains_xy）：{n / bare_wall / 1e6:,.1f} 百万点/秒（{bare_wall:.2f} 秒）；"
              f"按 CPU 时间 {n / bare_cpu / 1e6:,.1f} 百万点/秒/核；加速比 {bare_wall / grid_wall:.1f}×"
              f"（CPU {bare_cpu / grid_cpu:.1f}×）；两者结果{'逐点一致' if agree else '不一致！'}")
        del lon, lat, fast, bare

        child = subprocess.run([sys.executable, __file__, "--screen-only", str(parquet), str(leaves_json)],
                               capture_output=True, text=True, check=True)
        stats = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"完整排查（新进程，Parquet 读取+校验、分类、外出、分段）：{n / stats['wall'] / 1e6:,.1f} 百万点/秒"
              f"（{stats['wall']:.2f} 秒；CPU {stats['cpu']:.2f} 秒）；排查 {stats['subjects']} 人，"
              f"发现 {stats['flagged']} 人、{len(stats['found'])} 段；该进程峰值内存 {stats['peak_mb']:,.0f} MB"
              f"（读入前 {stats['start_mb']:,.0f} MB）")
        precision, recall = synthetic.precision_recall(county.truth, [tuple(f) for f in stats["found"]])
        print(f"精确率 {precision:.4f}，召回率 {recall:.4f}（按段，与真实私自外出时段重叠即命中）")
        if args.no_spark:
            print("Spark 本地模式：--no-spark，跳过。")
        else:
            spark_part(county, zone, areas, screening.Leaves.from_rows(county.leaves), args.spark_points, folder)
    print(f"CPU 核数 {os.cpu_count()}，系统负载 {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
