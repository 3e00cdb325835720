"""Screening engines: one rule (`screening.EpisodeRule`), several executors.

An engine takes file paths and the rule and returns a `screening.ScreeningResult`. The local engine runs in
process (Polars reading, NumPy/shapely classification, vectorised episodes). A Spark engine must apply the same
five steps of the rule per person partition (classification is per point and maps directly; steps 2–5 need the
points of one person in time order, i.e. a window over person_id ordered by ts) and return the same rows: the
Spark engine (`spark_engine`) does exactly that, and tests compare both on synthetic tracks.
"""

from __future__ import annotations

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
    """The same rule as a PySpark job (`spark_engine`): local mode here, a cluster via SIFA_SPARK_MASTER."""

    name = "spark"

    def __init__(self, spark=None):
        self.spark = spark  # an existing SparkSession (tests share one); otherwise one is started

    def run(self, job: Job) -> screening.ScreeningResult:
        from . import spark_engine

        reason = spark_engine.unavailable_reason()
        if reason:
            raise screening.ScreeningError(reason)
        areas = screening.read_areas(job.areas, crs=job.areas_crs)
        assignments = screening.read_assignments(job.assignments, areas) if job.assignments else None
        leaves = screening.read_leaves(job.leaves) if job.leaves else None
        spark, started = self.spark, False
        if spark is None:
            from pyspark.sql import SparkSession

            spark = SparkSession.getActiveSession()
            if spark is None:
                spark, started = spark_engine.session(), True
        try:
            return spark_engine.screen_spark(spark, job.tracks, areas, assignments=assignments, leaves=leaves,
                                             rule=job.rule, tracks_crs=job.tracks_crs)
        finally:
            if started:  # a session this run started ends with it; one already running (a caller's) stays
                spark.stop()


ENGINES = {"local": LocalEngine, "spark": SparkEngine}


def get(name: str):
    if name not in ENGINES:
        raise screening.ScreeningError(f"引擎“{name}”不支持，可选：{'、'.join(ENGINES)}。")
    return ENGINES[name]()
