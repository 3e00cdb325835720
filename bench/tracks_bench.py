"""Track screening benchmark: 10 million synthetic points over the 砀山县 (341321) boundary.

    python bench/tracks_bench.py [--points 10000000] [--seed 1]

One point every 5 minutes for 10 days per person (2,880 points), as many people as make --points. The boundary
is the packaged detailed GCJ-02 outline, converted to WGS84. Synthetic ground truth (sifa.tracks.synthetic):
12% of people make an unauthorised trip of 2–12 h, 5–60 km away; 30% of the rest make a trip covered by an
approved leave; 5% live on a road 0–150 m outside the border; 15 m GPS jitter, 5–50 m accuracy, 0.05% spikes.

Prints: classification points/second (grid prefilter + exact tests near the edge) and a bare
`shapely.contains_xy` pass over the same points (and the ratio); the whole screening from Parquet (read,
validate, classify, leaves, episodes) in points/second; peak resident memory of the process (includes the
generation); episode precision and recall against the ground truth. Spark: reported as not installed when
PySpark is absent.
"""

import argparse
import importlib.util
import json
import os
import resource
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rule = screening.EpisodeRule()
    data = json.loads(BOUNDARY.read_text(encoding="utf-8"))
    for feature in data["features"]:
        feature["properties"]["area_id"] = "341321"
    areas = screening.areas_from_geojson(data, crs="gcj02")
    t = time.perf_counter()
    zone = screening.Zone.build(areas["341321"], rule.buffer_m)
    print(f"区域准备（缓冲 {rule.buffer_m:.0f} 米、网格 {zone.grid.shape[1]}×{zone.grid.shape[0]}，"
          f"边界格 {(zone.grid == 2).mean():.1%}）：{time.perf_counter() - t:.2f} 秒")

    people = max(1, args.points // (10 * 288))
    t = time.perf_counter()
    county = synthetic.county(zone, np.random.default_rng(args.seed), people=people, days=10)
    n = county.tracks.height
    print(f"生成 {people} 人、{n:,} 个点：{time.perf_counter() - t:.1f} 秒；真实私自外出 {len(county.truth)} 段，"
          f"已批准外出 {county.covered_trips} 段")

    with tempfile.TemporaryDirectory() as folder:
        parquet = Path(folder) / "tracks.parquet"
        county.tracks.write_parquet(parquet)
        lon = county.tracks.get_column("lon").to_numpy()
        lat = county.tracks.get_column("lat").to_numpy()
        del county.tracks
        zone.within_buffer(lon[:100_000], lat[:100_000])  # warm-up
        t = time.perf_counter()
        fast = zone.within_buffer(lon, lat)
        grid_s = time.perf_counter() - t
        t = time.perf_counter()
        bare = shapely.contains_xy(zone.buffered, lon, lat)
        bare_s = time.perf_counter() - t
        assert np.array_equal(fast, bare), "grid prefilter disagrees with exact tests"
        print(f"分类（网格预筛）：{n / grid_s / 1e6:,.1f} 百万点/秒（{grid_s:.2f} 秒）")
        print(f"分类（裸 shapely.contains_xy）：{n / bare_s / 1e6:,.1f} 百万点/秒（{bare_s:.2f} 秒）；"
              f"加速比 {bare_s / grid_s:.1f}×；两者结果逐点一致")
        del lon, lat, fast, bare

        leaves = screening.Leaves.from_rows(county.leaves)
        t = time.perf_counter()
        tracks = screening.read_tracks(parquet)
        read_s = time.perf_counter() - t
        result = screening.screen(tracks, areas, leaves=leaves, rule=rule)
        total_s = time.perf_counter() - t
        print(f"完整排查（Parquet 读取+校验 {read_s:.2f} 秒，分类、外出、分段）：{n / total_s / 1e6:,.1f} 百万点/秒"
              f"（{total_s:.2f} 秒）；排查 {result.subjects} 人，发现 {result.flagged_subjects} 人、"
              f"{result.episodes['start'].size} 段")
    found = [(result.people[p], s, e) for p, s, e in zip(result.episodes["person"], result.episodes["start"],
                                                       result.episodes["end"], strict=True)]
    precision, recall = synthetic.precision_recall(county.truth, found)
    print(f"精确率 {precision:.4f}，召回率 {recall:.4f}（按段，与真实私自外出时段重叠即命中）")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"进程峰值内存：{peak:,.0f} MB（含数据生成）；CPU 核数 {os.cpu_count()}，系统负载 {os.getloadavg()[0]:.1f}")
    if importlib.util.find_spec("pyspark") is None:
        print("Spark 本地模式：未安装 PySpark，跳过。")


if __name__ == "__main__":
    main()
