"""`sifa screen-tracks`: screen location tracks against permitted areas and approved leaves (私自外出排查).

    sifa screen-tracks --tracks TRACKS --areas AREAS.geojson [--assignments ASSIGN.csv] [--leaves LEAVES.csv]
        --out ALERTS.csv [--engine local|spark] [--min-minutes 30] [--buffer-m 200]
        [--tracks-crs wgs84|gcj02] [--areas-crs wgs84|gcj02] [--min-points 3] [--gap-hours 3]
"""

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from sifa.tracks import engines, screening


class 错误(CommandError):  # noqa: N801 - Django prints the class name before the message: “错误: …”
    pass


def _number(kind, label):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{label}必须是数字：{text}") from None
        return value
    return parse


class Command(BaseCommand):
    help = (
        "对照准许区域和已批准外出，排查定位轨迹中的私自外出段，输出 ALERTS.csv"
        "（person_id, start, end, minutes, points, max_distance_m，每段一行）。"
        "TRACKS 为 CSV 或 Parquet，列 person_id, ts, lon, lat，可选 accuracy_m；ts 为带时区的 ISO 8601 或 epoch 秒。"
        "AREAS 为 GeoJSON FeatureCollection，要素带 properties.area_id。ASSIGN 为 CSV person_id, area_id"
        "（多行取并集；省略且区域只有一个时适用于所有人）。LEAVES 为 CSV person_id, start, end"
        "（仅日期时按北京时间整天）。两种坐标系先统一换算为 WGS84 再比较。" + screening.EPISODE_RULE_HELP
        + "任何输入有误时给出指明行或要素的中文提示，不写出结果文件；结果文件整体写入，不会写一半。"
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--tracks", required=True, help="轨迹文件（.csv 或 .parquet）")
        parser.add_argument("--areas", required=True, help="准许区域 GeoJSON（FeatureCollection，properties.area_id）")
        parser.add_argument("--assignments", help="区域指定 CSV：person_id, area_id")
        parser.add_argument("--leaves", help="已批准外出 CSV：person_id, start, end")
        parser.add_argument("--out", required=True, help="输出 ALERTS.csv")
        parser.add_argument("--engine", default="local", choices=sorted(engines.ENGINES),
                            help="local（默认，本机向量化，千万点级）或 spark（PySpark 作业，省级数据；需 PySpark 和 "
                                 "Java 17+；默认本机 local[2] 模式，环境变量 SIFA_SPARK_MASTER 指定集群）；两者结果相同")
        parser.add_argument("--min-minutes", type=_number(float, "最短持续分钟数"), default=30.0,
                            help="一段最短持续分钟数，默认 30")
        parser.add_argument("--buffer-m", type=_number(float, "缓冲距离"), default=200.0,
                            help="边界缓冲距离（米），默认 200")
        parser.add_argument("--min-points", type=_number(int, "最少点数"), default=3, help="一段最少点数，默认 3")
        parser.add_argument("--gap-hours", type=_number(float, "断档小时数"), default=3.0,
                            help="相邻两点间隔超过此小时数即断段，默认 3")
        parser.add_argument("--tracks-crs", default="wgs84", choices=screening.CRS_CHOICES,
                            help="轨迹坐标系，默认 wgs84（GNSS 设备）；手机地图应用多为 gcj02")
        parser.add_argument("--areas-crs", default="wgs84", choices=screening.CRS_CHOICES,
                            help="区域坐标系，默认 wgs84（CGCS2000/天地图）；高德等为 gcj02")

    def handle(self, *args, **opts):
        started = time.perf_counter()
        try:
            rule = screening.EpisodeRule(buffer_m=opts["buffer_m"], min_minutes=opts["min_minutes"],
                                         min_points=opts["min_points"], gap_hours=opts["gap_hours"])
            job = engines.Job(tracks=opts["tracks"], areas=opts["areas"], assignments=opts["assignments"],
                              leaves=opts["leaves"], tracks_crs=opts["tracks_crs"], areas_crs=opts["areas_crs"],
                              rule=rule)
            result = engines.get(opts["engine"]).run(job)
            written = screening.write_alerts(result, opts["out"])
        except screening.ScreeningError as exc:
            raise 错误(str(exc)) from None
        self.stdout.write(
            f"排查 {result.subjects} 人、{result.points} 个定位点，发现 {result.flagged_subjects} 人私自外出，"
            f"共 {written} 段，已写入 {opts['out']}（用时 {time.perf_counter() - started:.2f} 秒）。")
