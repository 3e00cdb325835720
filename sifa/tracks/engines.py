"""Screening engines: one rule (`screening.EpisodeRule`), several executors.

An engine takes file paths and the rule and returns a `screening.ScreeningResult`. The local engine runs in
process (Polars reading, NumPy/shapely classification, vectorised episodes). A Spark engine must apply the same
five steps of the rule per person partition (classification is per point and maps directly; steps 2–5 need the
points of one person in time order, i.e. a window over person_id ordered by ts) and return the same rows.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from . import screening


@dataclass(frozen=True)
class Job:
    tracks: str
    areas: str
    assignments: str | None = None
    leaves: str | None = None
    tracks_crs: str = "wgs84"
    areas_crs: str = "wgs84"
    rule: screening.EpisodeRule = screening.EpisodeRule()


class LocalEngine:
    name = "local"

    def run(self, job: Job) -> screening.ScreeningResult:
        # Read and validate every input before anything is computed or written.
        areas = screening.read_areas(job.areas, crs=job.areas_crs)
        assignments = screening.read_assignments(job.assignments, areas) if job.assignments else None
        leaves = screening.read_leaves(job.leaves) if job.leaves else None
        tracks = screening.read_tracks(job.tracks, crs=job.tracks_crs)
        return screening.screen(tracks, areas, assignments=assignments, leaves=leaves, rule=job.rule)


class SparkEngine:
    name = "spark"

    def run(self, job: Job) -> screening.ScreeningResult:
        if importlib.util.find_spec("pyspark") is None:
            raise screening.ScreeningError(
                "本机未安装 Spark 引擎（PySpark），无法使用 --engine spark；请改用 --engine local，"
                "或在安装了 PySpark 的环境中运行。")
        raise screening.ScreeningError("Spark 引擎尚未实现，请改用 --engine local。")


ENGINES = {"local": LocalEngine, "spark": SparkEngine}


def get(name: str):
    if name not in ENGINES:
        raise screening.ScreeningError(f"引擎“{name}”不支持，可选：{'、'.join(ENGINES)}。")
    return ENGINES[name]()
