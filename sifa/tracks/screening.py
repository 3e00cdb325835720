"""Location-track screening for 私自外出 (信息化核查, 《社区矫正法》第26条) — the engine-independent core.

Pure module: NumPy, shapely 2, PyArrow and Polars only, no Django. The management command `sifa screen-tracks`
and the in-product screening call it; the Spark engine (`spark_engine`) applies the same `EpisodeRule` and
returns the same result (see `engines`).

Speed (10 million points on one machine; `bench/tracks_bench.py` prints the figures)
    Parquet is read column-wise with PyArrow, person_id kept dictionary-encoded as stored: only the distinct
    ids are stripped and checked, rows are mapped to person codes with one NumPy gather. Validation is
    vectorised (a min/max test per column; the first bad row is looked up only when that fails, and named).
    Classification: a precomputed grid over the buffered area (cells wholly inside or outside decided at once,
    rasterised by even-odd scanlines; exact `contains_xy` tests only in cells the boundary crosses), int32 cell
    indices in cache-sized chunks. Exact distances only where the bounding-box lower bound cannot decide a
    point beyond the buffer, never deep inside an approved leave, and for the evidence only at the points of
    reported episodes that can hold the maximum. Leaves are an interval join (searchsorted per person), the
    episodes NumPy run-length segments over rows sorted by (person, time).

Coordinates
    Everything is compared in WGS84 (CGCS2000 is within centimetres of it). GCJ-02 input (tracks or areas) is
    converted first with the published GCJ-02 formula (`wgs84_to_gcj02`) and its iterative inverse
    (`gcj02_to_wgs84`), both written by hand here. Metres come from a local equirectangular projection centred
    on each permitted area, which is affine in lon/lat, so the grid prefilter runs on raw degrees.

The episode rule (`EpisodeRule`, documented once in `EPISODE_RULE_HELP`, printed by the command's help)
    1. A point is *beyond* when its distance to the permitted area (the union of the person's assigned areas)
       exceeds buffer_m + accuracy_m (a missing accuracy counts as 0): the accuracy radius counts in the
       subject's favour, and roads running along the border within the buffer never count.
    2. Single-point spikes are ignored (neighbours = previous and next point of the same person, each at most
       gap_hours away): first a beyond point whose two neighbours are not beyond becomes not beyond; then, on
       that result, a point whose two neighbours are beyond becomes beyond. One stray fix outside is not an
       episode; one stray fix inside does not split one; alternating noise collapses to inside.
    3. A point inside an approved leave window [start, end] of that person is never outside (applied after
       step 2, so a leave is never "smoothed" away).
    4. An episode is a maximal run of consecutive outside points of one person in which consecutive points
       are at most gap_hours apart (a longer gap in the data splits the run).
    5. It is reported when it has at least min_points points and lasts (last point − first point) at least
       min_minutes. start/end are the times of its first and last outside point; max_distance_m is the
       greatest distance of its points from the permitted area (not from the buffer).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

# ----------------------------------------------------------------------------------------------- errors


class ScreeningError(ValueError):
    """Bad input or configuration; the message is Chinese, names the row or feature, and nothing was written."""


# ----------------------------------------------------------------------------------------------- the rule

EPISODE_RULE_HELP = (
    "判定规则：(1) 点到准许区域（该人员全部指定区域之并集）的距离 > 缓冲距离 + 定位精度（accuracy_m，缺省按0）"
    "才算“区域外”，精度半径按有利于对象的方向计算，沿边界道路在缓冲距离内不计；"
    "(2) 单点跳变忽略：前后两点（同一人、间隔均不超过断档小时数）都在区域内的孤立区域外点视为区域内；"
    "随后，前后两点都在区域外的孤立区域内点视为区域外（途中一个漂移点不断段）；"
    "(3) 落在该人员已批准外出时段 [start, end] 内的点一律不算区域外（在第2步之后执行）；"
    "(4) 同一人连续的区域外点构成一段，相邻两点间隔超过断档小时数（--gap-hours）即分为两段；"
    "(5) 点数不少于 --min-points 且持续时间（末点时间−首点时间）不少于 --min-minutes 分钟的段才输出。"
    "start/end 为段内首末点时间（北京时间 +08:00），max_distance_m 为段内各点距准许区域（非缓冲边界）的最远距离（米）。"
)


@dataclass(frozen=True)
class EpisodeRule:
    buffer_m: float = 200.0
    min_minutes: float = 30.0
    min_points: int = 3
    gap_hours: float = 3.0

    def __post_init__(self):
        checks = [
            (self.buffer_m >= 0, "缓冲距离不能为负数"),
            (self.min_minutes >= 0, "最短持续分钟数不能为负数"),
            (self.min_points >= 1, "最少点数至少为1"),
            (self.gap_hours > 0, "断档小时数必须大于0"),
        ]
        for ok, message in checks:
            if not ok or any(isinstance(v, float) and not math.isfinite(v)
                             for v in (self.buffer_m, self.min_minutes, self.gap_hours)):
                raise ScreeningError(message if not ok else "筛查参数必须是有限数值")


CRS_CHOICES = ("wgs84", "gcj02")
BEIJING_OFFSET_S = 8 * 3600

# ------------------------------------------------------------------------------------- GCJ-02 ⇄ WGS84
# The published GCJ-02 forward transform (Krasovsky 1940 ellipsoid constants), written by hand, vectorised.
_A = 6378245.0
_EE = 0.00669342162296594323


def _outside_china(lon, lat):
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon, lat):
    x = lon - 105.0
    y = lat - 35.0
    sx6 = np.sin(6.0 * x * np.pi)
    sx2 = np.sin(2.0 * x * np.pi)
    common = (20.0 * sx6 + 20.0 * sx2) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x)) + common
    dlat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x)) + common
    dlon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    outside = _outside_china(lon, lat)
    return np.where(outside, 0.0, dlon), np.where(outside, 0.0, dlat)


_CONVERT_CHUNK = 1 << 16  # points per step: the formula makes ~40 temporaries, kept in cache this way


def wgs84_to_gcj02(lon, lat):
    """WGS84 → GCJ-02 (degrees, arrays or scalars). Points outside China's bounding box are unchanged."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.size <= _CONVERT_CHUNK:
        dlon, dlat = _delta(lon, lat)
        return lon + dlon, lat + dlat
    lon, lat = np.broadcast_arrays(lon, lat)
    flat_lon, flat_lat = lon.ravel(), lat.ravel()
    out_lon, out_lat = np.empty(flat_lon.size), np.empty(flat_lat.size)
    for lo in range(0, flat_lon.size, _CONVERT_CHUNK):
        part = slice(lo, lo + _CONVERT_CHUNK)
        dlon, dlat = _delta(flat_lon[part], flat_lat[part])
        out_lon[part] = flat_lon[part] + dlon
        out_lat[part] = flat_lat[part] + dlat
    return out_lon.reshape(lon.shape), out_lat.reshape(lat.shape)


def gcj02_to_wgs84(lon, lat, *, tolerance_deg: float = 1e-9, max_iterations: int = 30):
    """GCJ-02 → WGS84 by fixed-point iteration of the forward transform (converges to < 1e-9° in a few steps).

    Each point stops iterating once its own correction is below the tolerance, so a point's result does not
    depend on the other points converted with it (the local and Spark engines convert in different batches).
    """
    glon = np.asarray(lon, dtype=np.float64)
    glat = np.asarray(lat, dtype=np.float64)
    scalar = glon.ndim == 0 and glat.ndim == 0
    glon, glat = np.broadcast_arrays(np.atleast_1d(glon), np.atleast_1d(glat))
    shape = glon.shape
    g_lon, g_lat = glon.ravel(), glat.ravel()
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for lo in range(0, g_lon.size, _CONVERT_CHUNK):
        hi = min(g_lon.size, lo + _CONVERT_CHUNK)
        active = np.arange(lo, hi)
        for _ in range(max_iterations):
            flon, flat = wgs84_to_gcj02(w_lon[active], w_lat[active])
            elon, elat = flon - g_lon[active], flat - g_lat[active]
            w_lon[active] -= elon
            w_lat[active] -= elat
            active = active[(np.abs(elon) >= tolerance_deg) | (np.abs(elat) >= tolerance_deg)]
            if active.size == 0:
                break
    if scalar:
        return w_lon[0], w_lat[0]
    return w_lon.reshape(shape), w_lat.reshape(shape)


def to_wgs84(lon, lat, crs: str):
    if crs == "wgs84":
        return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    if crs == "gcj02":
        return gcj02_to_wgs84(lon, lat)
    raise ScreeningError(f"坐标系“{crs}”不支持，可选：{'、'.join(CRS_CHOICES)}。")


# ------------------------------------------------------------------------------------------------ reading

TRACK_COLUMNS = ("person_id", "ts", "lon", "lat")
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%.f%z"


def _row_label(index: int, parquet) -> str:
    # CSV: line numbers as a spreadsheet shows them (header = line 1); Parquet: record numbers from 1. An engine
    # that sees the rows in pieces (Spark) passes a function naming row `index` of its piece instead.
    if callable(parquet):
        return parquet(index)
    return f"第{index + 1}条记录" if parquet else f"第{index + 2}行"


def _first_bad(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def _parse_times(series: pl.Series, what: str, parquet: bool, *, allow_dates: bool = False) -> np.ndarray:
    """Epoch seconds (float64) from ISO 8601 with an offset, epoch seconds, or a tz-aware timestamp column."""
    dtype = series.dtype
    if dtype.is_numeric():
        values = series.cast(pl.Float64).to_numpy()
        bad = _first_bad(~np.isfinite(values))
        if bad is not None:
            raise ScreeningError(f"{_row_label(bad, parquet)}：{what}为空或不是有效的时间。")
        return values
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            raise ScreeningError(f"{what}列是不带时区的时间戳，无法确定时刻；请写入带时区的时间戳或 epoch 秒。")
        values = series.dt.epoch("us").cast(pl.Float64).to_numpy() / 1e6
        bad = _first_bad(~np.isfinite(values))
        if bad is not None:
            raise ScreeningError(f"{_row_label(bad, parquet)}：{what}为空。")
        return values
    if dtype != pl.String:
        raise ScreeningError(f"{what}列的类型（{dtype}）无法识别为时间。")
    text = series.str.strip_chars()
    epoch = text.cast(pl.Float64, strict=False)
    normal = text.str.replace(" ", "T").str.replace(r"[Zz]$", "+00:00")
    parsed = normal.str.to_datetime(_TS_FORMAT, strict=False, time_zone="UTC").dt.epoch("us").cast(pl.Float64) / 1e6
    values = epoch.fill_null(parsed)
    if allow_dates:
        # A bare date is a whole day in Beijing time: start at 00:00, end at 24:00 (the caller picks which).
        dates = text.str.to_date("%Y-%m-%d", strict=False)
        day = (dates.dt.epoch("s").cast(pl.Float64) - BEIJING_OFFSET_S)
        values = values.fill_null(day)
    out = values.to_numpy().astype(np.float64)
    bad = _first_bad(~np.isfinite(out))
    if bad is not None:
        shown = text[bad]
        hint = "（须为带时区的 ISO 8601，如 2024-05-01T08:00:00+08:00，或 epoch 秒）"
        if allow_dates:
            hint = "（须为日期 2024-05-01、带时区的 ISO 8601 或 epoch 秒）"
        raise ScreeningError(f"{_row_label(bad, parquet)}：{what}“{shown or ''}”无法识别{hint}。")
    return out


@dataclass
class Tracks:
    """Points sorted by (person, time). `person` is a per-row index into `people`."""

    people: list[str]
    person: np.ndarray  # int32, row → index into people
    ts: np.ndarray  # float64 epoch seconds
    lon: np.ndarray  # WGS84
    lat: np.ndarray
    accuracy: np.ndarray  # metres, 0 where unknown

    def __len__(self):
        return int(self.ts.size)


def _read_table(path: Path, what: str) -> tuple[pl.DataFrame, bool]:
    if not path.is_file():
        raise ScreeningError(f"{what}文件“{path.name}”不存在。")
    parquet = path.suffix.lower() in (".parquet", ".pq")
    try:
        if parquet:
            return pl.read_parquet(path), True
        return pl.read_csv(path, infer_schema=False, encoding="utf8-lossy"), False
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's fault, reported in Chinese
        kind = "Parquet" if parquet else "CSV"
        raise ScreeningError(f"{what}文件“{path.name}”不是有效的{kind}文件：{str(exc).splitlines()[0][:200]}") from exc


def _require_columns(df: pl.DataFrame, columns, what: str) -> None:
    names = {c.strip().lower(): c for c in df.columns}
    missing = [c for c in columns if c not in names]
    if missing:
        raise ScreeningError(f"{what}缺少列：{'、'.join(missing)}（现有列：{'、'.join(df.columns) or '无'}）。")


def _normalise_columns(df: pl.DataFrame) -> pl.DataFrame:
    return df.rename({c: c.strip().lower() for c in df.columns})


def _float_column(df, name, parquet, what, *, low, high, optional=False) -> np.ndarray:
    col = df.get_column(name)
    if col.dtype == pl.String:
        text = col.str.strip_chars()
        blank = (text.is_null() | (text == "")).to_numpy()
        values = text.cast(pl.Float64, strict=False)
    else:
        blank = col.is_null().to_numpy()
        values = col.cast(pl.Float64, strict=False)
    arr = values.to_numpy().astype(np.float64)
    if optional:
        arr[blank] = 0.0
    bad = _first_bad(~np.isfinite(arr) | (arr < low) | (arr > high))
    if bad is not None:
        raise ScreeningError(f"{_row_label(bad, parquet)}：{what}“{col[bad] if col[bad] is not None else ''}”"
                             f"不是 {low} 到 {high} 之间的数值。")
    return arr


def tracks_from_frame(df: pl.DataFrame, *, crs: str = "wgs84", parquet: bool = True) -> Tracks:
    """Validate and normalise a track table (columns person_id, ts, lon, lat[, accuracy_m])."""
    return tracks_from_arrow(df.to_arrow(compat_level=pl.CompatLevel.oldest()), crs=crs, parquet=parquet)


def _arrow_names(names) -> dict[str, str]:
    """{normalised (stripped, lower-case) name: name as written}."""
    return {str(c).strip().lower(): c for c in names}


def _missing_columns(names, columns, what: str) -> None:
    present = _arrow_names(names)
    missing = [c for c in columns if c not in present]
    if missing:
        raise ScreeningError(f"{what}缺少列：{'、'.join(missing)}（现有列：{'、'.join(map(str, names)) or '无'}）。")


def _person_codes(column: pa.ChunkedArray, parquet: bool) -> tuple[list[str], np.ndarray]:
    """(distinct stripped person ids in order, int32 code per row) without a per-row Python step.

    Works on the column's dictionaries (Parquet stores person ids dictionary-encoded; other columns are encoded
    here): only the few distinct values are stripped and checked, then rows are mapped with one NumPy gather.
    """
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    chunks = column.chunks
    locals_ = [[("" if v is None else str(v).strip()) for v in chunk.dictionary.to_pylist()] for chunk in chunks]
    # Only values some row uses (a dictionary may hold more); the empty id is never a person.
    used: set[str] = set()
    for chunk, local in zip(chunks, locals_, strict=True):
        indices = chunk.indices.to_numpy(zero_copy_only=False) if chunk.indices.null_count == 0 else \
            pc.drop_null(chunk.indices).to_numpy(zero_copy_only=False)
        hit = np.bincount(indices, minlength=len(local)) > 0 if indices.size else np.zeros(len(local), bool)
        used.update(v for v, h in zip(local, hit, strict=True) if h)
    used.discard("")
    people = sorted(used)
    rank = {v: i for i, v in enumerate(people)}
    codes = np.empty(len(column), dtype=np.int32)
    at = 0
    for chunk, local in zip(chunks, locals_, strict=True):
        lookup = np.array([rank.get(v, -1) for v in local] + [-1], dtype=np.int32)  # last entry: null → -1
        indices = chunk.indices
        if indices.null_count:
            indices = pc.fill_null(indices, len(local))
        np.take(lookup, indices.to_numpy(zero_copy_only=False), out=codes[at:at + len(chunk)])
        at += len(chunk)
    if codes.size and codes.min() < 0:
        raise ScreeningError(f"{_row_label(_first_bad(codes < 0), parquet)}：person_id 为空。")
    return people, codes


def _arrow_times(column: pa.ChunkedArray, what: str, parquet: bool) -> np.ndarray:
    kind = column.type
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        values = _arrow_float(column)
        bad = _first_bad(~np.isfinite(values))
        if bad is not None:
            raise ScreeningError(f"{_row_label(bad, parquet)}：{what}为空或不是有效的时间。")
        return values
    if pa.types.is_timestamp(kind):
        if kind.tz is None:
            raise ScreeningError(f"{what}列是不带时区的时间戳，无法确定时刻；请写入带时区的时间戳或 epoch 秒。")
        values = _arrow_float(pc.cast(column, pa.timestamp("us", kind.tz)).cast(pa.int64())) / 1e6
        bad = _first_bad(~np.isfinite(values))
        if bad is not None:
            raise ScreeningError(f"{_row_label(bad, parquet)}：{what}为空。")
        return values
    # Text (and anything else) through the Polars parser, which names the first bad row.
    return _parse_times(pl.Series(what, column), what, parquet)


def _arrow_float(column: pa.ChunkedArray) -> np.ndarray:
    """float64 NumPy array, nulls → NaN, with one allocation at most (each chunk is converted while copied)."""
    kind = column.type
    if not (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
        column = pc.cast(column, pa.float64())
    chunks = column.chunks
    if len(chunks) == 1 and column.null_count == 0 and column.type == pa.float64():
        return chunks[0].to_numpy()  # zero copy (read-only)
    out = np.empty(len(column), dtype=np.float64)
    at = 0
    for chunk in chunks:
        # Without nulls this is a zero-copy view; with nulls Arrow gives floats with NaN.
        out[at:at + len(chunk)] = chunk.to_numpy(zero_copy_only=False)
        at += len(chunk)
    return out


def _arrow_coordinate(column: pa.ChunkedArray, name: str, parquet: bool, what: str, *, low, high,
                      optional=False) -> np.ndarray:
    kind = column.type
    if not (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)):
        return _float_column(pl.DataFrame({name: pl.Series(name, column)}), name, parquet, what, low=low,
                             high=high, optional=optional)
    arr = _arrow_float(column)
    if optional and column.null_count:
        arr = np.where(np.isnan(arr), 0.0, arr)
    # Fast path: min and max decide for the whole column (NaN makes either comparison false).
    if arr.size and not (arr.min() >= low and arr.max() <= high):
        bad = _first_bad(~((arr >= low) & (arr <= high)))
        shown = "" if np.isnan(arr[bad]) else f"{arr[bad]:g}"
        raise ScreeningError(f"{_row_label(bad, parquet)}：{what}“{shown}”不是 {low} 到 {high} 之间的数值。")
    return arr


def tracks_from_arrow(table: pa.Table, *, crs: str = "wgs84", parquet: bool = True) -> Tracks:
    """Validate and normalise a track table held in Arrow, column by column with NumPy (no per-row Python).

    Bad input raises ScreeningError naming the first bad row; rows are sorted by (person, time) when they are not.
    """
    if crs not in CRS_CHOICES:
        raise ScreeningError(f"轨迹坐标系“{crs}”不支持，可选：{'、'.join(CRS_CHOICES)}。")
    _missing_columns(table.column_names, TRACK_COLUMNS, "轨迹文件")
    names = _arrow_names(table.column_names)
    people, codes = _person_codes(table.column(names["person_id"]), parquet)
    ts = _arrow_times(table.column(names["ts"]), "ts", parquet)
    lon = _arrow_coordinate(table.column(names["lon"]), "lon", parquet, "经度 lon", low=-180, high=180)
    lat = _arrow_coordinate(table.column(names["lat"]), "lat", parquet, "纬度 lat", low=-90, high=90)
    if "accuracy_m" in names:
        acc = _arrow_coordinate(table.column(names["accuracy_m"]), "accuracy_m", parquet, "定位精度 accuracy_m",
                                low=0, high=1e6, optional=True)
    else:
        acc = np.zeros(table.num_rows)
    lon, lat = to_wgs84(lon, lat, crs)
    # Sort by (person, time) unless already sorted — a whole-table sort is the most expensive step otherwise.
    if codes.size > 1:
        dc = np.diff(codes)
        in_order = bool(np.all((dc > 0) | ((dc == 0) & (ts[1:] >= ts[:-1]))))
        if not in_order:
            order = np.lexsort((ts, codes))  # stable: rows with equal (person, time) keep their file order
            codes, ts, lon, lat, acc = codes[order], ts[order], lon[order], lat[order], acc[order]
    return Tracks(people=people, person=codes, ts=ts, lon=np.ascontiguousarray(lon),
                  lat=np.ascontiguousarray(lat), accuracy=acc)


def read_tracks(path, *, crs: str = "wgs84") -> Tracks:
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq") and path.is_file():
        return tracks_from_arrow(_read_parquet_tracks(path), crs=crs, parquet=True)
    df, parquet = _read_table(path, "轨迹")
    return tracks_from_frame(df, crs=crs, parquet=parquet)


def _read_parquet_tracks(path: Path) -> pa.Table:
    """Only the track columns, person_id kept dictionary-encoded as stored (no string per row is built).

    Numeric columns are streamed row group by row group into one preallocated array each (a fresh process pays
    for every page it touches: this touches the data once instead of twice, and holds a third less at peak).
    Other column types (text or timestamp times) are read whole and converted by `tracks_from_arrow`.
    """
    try:
        handle = pq.ParquetFile(path, memory_map=True)
        schema = handle.schema_arrow
        names = _arrow_names(schema.names)
        _missing_columns(schema.names, TRACK_COLUMNS, "轨迹文件")
        wanted = [names[c] for c in (*TRACK_COLUMNS, "accuracy_m") if c in names]
        pid = schema.field(names["person_id"]).type
        dictionary = [names["person_id"]] if (pa.types.is_string(pid) or pa.types.is_large_string(pid)
                                              or pa.types.is_binary(pid)) else None
        numeric = [c for c in wanted[1:] if pa.types.is_integer(schema.field(c).type)
                   or pa.types.is_floating(schema.field(c).type)]
        if len(numeric) < len(wanted) - 1 or handle.metadata.num_row_groups < 2:
            return pq.read_table(path, columns=wanted, read_dictionary=dictionary, memory_map=True)
        handle = pq.ParquetFile(path, memory_map=True, read_dictionary=dictionary)
        rows = handle.metadata.num_rows
        out = {c: np.empty(rows, dtype=np.float64) for c in numeric}
        nulls = dict.fromkeys(numeric, 0)
        people, at = [], 0
        for group in range(handle.metadata.num_row_groups):
            part = handle.read_row_group(group, columns=wanted)
            people.extend(part.column(names["person_id"]).chunks)
            for c in numeric:
                column = part.column(c)
                nulls[c] += column.null_count
                start = at
                for chunk in column.chunks:
                    out[c][start:start + len(chunk)] = chunk.to_numpy(zero_copy_only=False)  # null → NaN
                    start += len(chunk)
            at += part.num_rows
        arrays = {names["person_id"]: pa.chunked_array(people, type=people[0].type if people else pa.string())}
        for c in numeric:  # zero-copy wrap; NaN from a null becomes null again
            arrays[c] = pa.array(out[c], from_pandas=bool(nulls[c]))
        return pa.table([arrays[c] for c in wanted], names=wanted)
    except ScreeningError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's fault, reported in Chinese
        raise ScreeningError(f"轨迹文件“{path.name}”不是有效的Parquet文件：{str(exc).splitlines()[0][:200]}") from exc


# ------------------------------------------------------------------------------------------------- areas


def _feature_label(index: int, area_id) -> str:
    return f"第{index + 1}个要素" + (f"（area_id={area_id}）" if area_id not in (None, "") else "")


def areas_from_geojson(data, *, crs: str = "wgs84", name: str = "区域文件") -> dict[str, shapely.Geometry]:
    """{area_id: (Multi)Polygon in WGS84} from a parsed GeoJSON FeatureCollection; features sharing an id unite."""
    if crs not in CRS_CHOICES:
        raise ScreeningError(f"区域坐标系“{crs}”不支持，可选：{'、'.join(CRS_CHOICES)}。")
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise ScreeningError(f"{name}不是 GeoJSON FeatureCollection（须有 type=FeatureCollection 和 features 列表）。")
    if not data["features"]:
        raise ScreeningError(f"{name}没有任何要素。")
    parts: dict[str, list] = {}
    for i, feature in enumerate(data["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        area_id = props.get("area_id") if isinstance(props, dict) else None
        label = _feature_label(i, area_id)
        if area_id is None or str(area_id).strip() == "":
            raise ScreeningError(f"{name}{label}缺少 properties.area_id。")
        area_id = str(area_id).strip()
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise ScreeningError(f"{name}{label}的几何不是 Polygon 或 MultiPolygon。")
        try:
            geom = shapely.from_geojson(json.dumps(geometry))
        except Exception as exc:  # noqa: BLE001
            raise ScreeningError(f"{name}{label}的坐标无法解析：{str(exc).splitlines()[0][:160]}") from exc
        coords = shapely.get_coordinates(geom)
        if geom.is_empty or coords.size == 0:
            raise ScreeningError(f"{name}{label}的多边形为空。")
        if (not np.all(np.isfinite(coords)) or np.any(np.abs(coords[:, 0]) > 180)
                or np.any(np.abs(coords[:, 1]) > 90)):
            raise ScreeningError(f"{name}{label}含有超出经纬度范围的坐标。")
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            raise ScreeningError(f"{name}{label}的多边形无效（{_valid_reason_zh(reason)}）：{reason}。")
        if crs == "gcj02":
            geom = shapely.transform(geom, lambda xy: np.column_stack(gcj02_to_wgs84(xy[:, 0], xy[:, 1])))
            if not geom.is_valid:  # conversion moves vertices by metres; a near-degenerate ring may break
                geom = shapely.make_valid(geom)
        parts.setdefault(area_id, []).append(geom)
    return {k: (v[0] if len(v) == 1 else shapely.union_all(v)) for k, v in parts.items()}


def _valid_reason_zh(reason: str) -> str:
    lowered = reason.lower()
    for key, text in (("self-intersection", "边界自相交"), ("ring self-intersection", "环自相交"),
                      ("too few points", "顶点太少"), ("not closed", "环未闭合"),
                      ("hole lies outside", "内洞在外环之外"), ("nested", "内洞嵌套"),
                      ("interior is disconnected", "内部不连通"), ("invalid coordinate", "坐标无效")):
        if key in lowered:
            return text
    return "几何无效"


def read_areas(path, *, crs: str = "wgs84") -> dict[str, shapely.Geometry]:
    path = Path(path)
    if not path.is_file():
        raise ScreeningError(f"区域文件“{path.name}”不存在。")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScreeningError(f"区域文件“{path.name}”不是有效的 JSON：{exc}") from exc
    return areas_from_geojson(data, crs=crs, name=f"区域文件“{path.name}”")


def read_assignments(path, areas: dict) -> dict[str, frozenset[str]]:
    df, parquet = _read_table(Path(path), "区域指定")
    df = _normalise_columns(df)
    _require_columns(df, ("person_id", "area_id"), "区域指定文件")
    out: dict[str, set] = {}
    for i, (pid, aid) in enumerate(zip(df.get_column("person_id").cast(pl.String).to_list(),
                                       df.get_column("area_id").cast(pl.String).to_list(), strict=True)):
        pid, aid = (pid or "").strip(), (aid or "").strip()
        if not pid or not aid:
            raise ScreeningError(f"区域指定文件{_row_label(i, parquet)}：person_id 和 area_id 都不能为空。")
        if aid not in areas:
            raise ScreeningError(f"区域指定文件{_row_label(i, parquet)}：area_id“{aid}”在区域文件中不存在。")
        out.setdefault(pid, set()).add(aid)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class Leaves:
    """Approved leave windows per person: {person_id: (starts, ends)} in epoch seconds, inclusive."""

    windows: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows) -> Leaves:
        """rows: iterable of (person_id, start_epoch_s, end_epoch_s); the caller has validated them."""
        grouped: dict[str, list] = {}
        for pid, start, end in rows:
            grouped.setdefault(str(pid), []).append((float(start), float(end)))
        return cls({k: (np.array([s for s, _ in v]), np.array([e for _, e in v])) for k, v in grouped.items()})


def read_leaves(path) -> Leaves:
    df, parquet = _read_table(Path(path), "外出")
    df = _normalise_columns(df)
    _require_columns(df, ("person_id", "start", "end"), "外出文件")
    if df.height == 0:
        return Leaves()
    pid = df.get_column("person_id").cast(pl.String).str.strip_chars()
    bad = _first_bad((pid.is_null() | (pid == "")).to_numpy())
    if bad is not None:
        raise ScreeningError(f"外出文件{_row_label(bad, parquet)}：person_id 为空。")
    starts = _wrap(lambda: _parse_times(df.get_column("start"), "start", parquet, allow_dates=True))
    ends = _wrap(lambda: _parse_times(df.get_column("end"), "end", parquet, allow_dates=True))
    # A bare end date covers that whole day (until 24:00 Beijing time).
    end_text = df.get_column("end").cast(pl.String).str.strip_chars()
    whole_day = end_text.str.contains(r"^\d{4}-\d{2}-\d{2}$").fill_null(False).to_numpy()
    ends = np.where(whole_day, ends + 86400 - 1e-6, ends)
    bad = _first_bad(ends < starts)
    if bad is not None:
        raise ScreeningError(f"外出文件{_row_label(bad, parquet)}：结束时间早于开始时间。")
    return Leaves.from_rows(zip(pid.to_list(), starts, ends, strict=True))


def _wrap(fn):
    try:
        return fn()
    except ScreeningError as exc:
        raise ScreeningError(f"外出文件{exc}") from None


# --------------------------------------------------------------------------------------- classification

EARTH_RADIUS_M = 6371008.8


@dataclass
class Zone:
    """A permitted area prepared for fast tests: a grid prefilter over the buffered area, exact tests near it.

    Grid codes: 0 = cell wholly outside the buffered area, 1 = wholly inside, 2 = the buffered boundary passes
    through it (or next to it) → exact `contains_xy` test. Degrees ↔ metres by a local equirectangular
    projection (affine) centred on the area.
    """

    area: shapely.Geometry  # WGS84 degrees
    buffer_m: float
    lon0: float
    lat0: float
    kx: float  # metres per degree of longitude at lat0
    ky: float
    buffered: shapely.Geometry  # degrees
    x0: float
    y0: float
    inv_cell: float
    grid: np.ndarray  # uint8 (rows=lat, cols=lon)
    tree: shapely.STRtree  # boundary segments of the area, metres
    segments: np.ndarray
    area_m: shapely.Geometry | None = None  # the area in local metres, prepared (exact distances)
    bounds_m: tuple = (0.0, 0.0, 0.0, 0.0)  # its bounding box (cheap lower bound of the distance)

    @classmethod
    def build(cls, area: shapely.Geometry, buffer_m: float, cells: int = 1024) -> Zone:
        minx, miny, maxx, maxy = area.bounds
        lon0, lat0 = (minx + maxx) / 2, (miny + maxy) / 2
        ky = EARTH_RADIUS_M * math.pi / 180
        kx = ky * math.cos(math.radians(lat0))
        to_m = [kx, 0, 0, ky, -lon0 * kx, -lat0 * ky]
        to_deg = [1 / kx, 0, 0, 1 / ky, lon0, lat0]
        area_m = _affine(area, to_m)
        buffered_m = area_m.buffer(buffer_m, quad_segs=8) if buffer_m > 0 else area_m
        buffered = _affine(buffered_m, to_deg)
        shapely.prepare(buffered)
        bx0, by0, bx1, by1 = buffered.bounds
        size = max(bx1 - bx0, by1 - by0) / cells
        nx = max(1, int(math.ceil((bx1 - bx0) / size)))
        ny = max(1, int(math.ceil((by1 - by0) / size)))
        grid = cls._rasterise(buffered, bx0, by0, size, nx, ny)
        rings = shapely.get_rings(shapely.get_parts(area_m))
        coords, index = shapely.get_coordinates(rings, return_index=True)
        same = index[1:] == index[:-1]
        starts, ends = coords[:-1][same], coords[1:][same]
        segments = shapely.linestrings(np.stack([starts, ends], axis=1))
        shapely.prepare(area_m)
        return cls(area=area, buffer_m=buffer_m, lon0=lon0, lat0=lat0, kx=kx, ky=ky, buffered=buffered,
                   x0=bx0, y0=by0, inv_cell=1 / size, grid=grid, tree=shapely.STRtree(segments), segments=segments,
                   area_m=area_m, bounds_m=tuple(area_m.bounds))

    @staticmethod
    def _rings(geom):
        coords, index = shapely.get_coordinates(shapely.get_rings(shapely.get_parts(geom)), return_index=True)
        same = index[1:] == index[:-1]
        return coords[:-1][same], coords[1:][same]

    @classmethod
    def _rasterise(cls, geom, x0, y0, size, nx, ny) -> np.ndarray:
        # Cells the boundary touches: sample every boundary segment at ≤ size/2 spacing, mark each sample's
        # cell and its 8 neighbours (any point of a segment is within size/4 of a sample, so every cell the
        # boundary crosses is marked). Other cells are wholly on one side: their centre decides, by even-odd
        # scanlines through the cell centres (a few thousand crossings instead of a test per cell).
        a, b = cls._rings(geom)
        length = np.hypot(*(b - a).T)
        steps = np.maximum(1, np.ceil(length / (size / 2))).astype(np.int64)
        seg = np.repeat(np.arange(a.shape[0]), steps + 1)
        offsets = np.arange(seg.size) - np.repeat(np.cumsum(steps + 1) - (steps + 1), steps + 1)
        t = offsets / np.repeat(steps, steps + 1)
        pts = a[seg] + (b[seg] - a[seg]) * t[:, None]
        ix = np.clip(((pts[:, 0] - x0) / size).astype(np.int64), 0, nx - 1)
        iy = np.clip(((pts[:, 1] - y0) / size).astype(np.int64), 0, ny - 1)
        edge = np.zeros((ny + 2, nx + 2), dtype=bool)
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                edge[iy + dy, ix + dx] = True
        edge = edge[1:-1, 1:-1]
        grid = cls._centres_inside(a, b, x0, y0, size, nx, ny).astype(np.uint8)
        grid[edge] = 2
        return grid

    @staticmethod
    def _centres_inside(a, b, x0, y0, size, nx, ny) -> np.ndarray:
        """Even-odd rule at every cell centre: for each row, the boundary crossings left of each centre."""
        ra, rb = (a[:, 1] - y0) / size - 0.5, (b[:, 1] - y0) / size - 0.5  # row coordinate of the endpoints
        j0 = np.clip(np.ceil(np.minimum(ra, rb)), 0, ny).astype(np.int64)  # rows j with lo ≤ j < hi
        j1 = np.clip(np.ceil(np.maximum(ra, rb)), 0, ny).astype(np.int64)
        count = np.maximum(j1 - j0, 0)
        seg = np.repeat(np.arange(a.shape[0]), count)
        row = j0[seg] + np.arange(seg.size) - np.repeat(np.cumsum(count) - count, count)
        yc = y0 + (row + 0.5) * size
        t = (yc - a[seg, 1]) / (b[seg, 1] - a[seg, 1])
        xc = a[seg, 0] + t * (b[seg, 0] - a[seg, 0])
        first_right = np.clip(np.floor((xc - x0) / size - 0.5) + 1, 0, nx).astype(np.int64)
        flips = np.bincount(row * (nx + 1) + first_right, minlength=ny * (nx + 1)).reshape(ny, nx + 1)
        return (np.cumsum(flips[:, :nx], axis=1) & 1).astype(bool)

    _CHUNK = 1 << 16

    def within_buffer(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """True where the point lies inside the area grown by buffer_m (grid first, exact tests near the edge).

        Runs in cache-sized chunks with reused scratch buffers (fresh 10-million-element temporaries cost more in
        page faults than the arithmetic). Cell indices are int32; the grid is padded by one empty cell on each
        side and indices are clamped into it by an unsigned minimum (a negative index wraps to a huge one), so
        points beyond the grid need no separate test. Exact tests run once, over all points of boundary cells.
        """
        lon = np.asarray(lon, dtype=np.float64)
        lat = np.asarray(lat, dtype=np.float64)
        n = lon.size
        ny, nx = self.grid.shape
        width = nx + 2
        padded = np.zeros((ny + 2, width), dtype=np.uint8)
        padded[1:-1, 1:-1] = self.grid
        flat = padded.ravel()
        result = np.empty(n, dtype=bool)
        size = min(self._CHUNK, max(n, 1))
        fx, fy = np.empty(size), np.empty(size)
        ix, iy = np.empty(size, dtype=np.int32), np.empty(size, dtype=np.int32)
        ux, uy = ix.view(np.uint32), iy.view(np.uint32)
        code = np.empty(size, dtype=np.uint8)
        inv = self.inv_cell
        shift_x, shift_y = 1 - self.x0 * inv, 1 - self.y0 * inv
        near_parts = []
        for lo in range(0, n, size):
            hi = min(n, lo + size)
            m = hi - lo
            np.multiply(lon[lo:hi], inv, out=fx[:m])
            np.add(fx[:m], shift_x, out=fx[:m])
            np.copyto(ix[:m], fx[:m], casting="unsafe")
            np.minimum(ux[:m], nx + 1, out=ux[:m])
            np.multiply(lat[lo:hi], inv, out=fy[:m])
            np.add(fy[:m], shift_y, out=fy[:m])
            np.copyto(iy[:m], fy[:m], casting="unsafe")
            np.minimum(uy[:m], ny + 1, out=uy[:m])
            np.multiply(iy[:m], width, out=iy[:m])
            np.add(iy[:m], ix[:m], out=iy[:m])
            np.take(flat, iy[:m], out=code[:m])
            np.equal(code[:m], 1, out=result[lo:hi])
            near = np.flatnonzero(code[:m] == 2)
            if near.size:
                near_parts.append(near + lo)
        if near_parts:
            near = np.concatenate(near_parts)
            result[near] = shapely.contains_xy(self.buffered, lon[near], lat[near])
        return result

    def distance_m(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Distance in metres from points *outside the area* to the area (its nearest boundary segment)."""
        lon = np.asarray(lon, dtype=np.float64)
        lat = np.asarray(lat, dtype=np.float64)
        if lon.size == 0:
            return np.zeros(0)
        pts = shapely.points((lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky)
        if self.area_m is not None:
            return shapely.distance(self.area_m, pts)
        (which, _), dist = self.tree.query_nearest(pts, return_distance=True, all_matches=False)
        out = np.empty(lon.size)
        out[which] = dist
        return out

    def max_distance_m(self, lon: np.ndarray, lat: np.ndarray, first: np.ndarray, points: np.ndarray) -> np.ndarray:
        """Greatest distance to the area over each run of rows first[k] … first[k]+points[k]-1 (all outside).

        Exact, with few exact distances: q = the area's point nearest to a run's first point bounds every point's
        distance from above (d(p) ≤ |p − q|); the exact distance at the point with the largest bound is a lower
        bound of the maximum, and only points whose upper bound exceeds it can hold the maximum. For the points
        of one trip (close together, far from the area) that is one or two exact distances instead of all.
        """
        first = np.asarray(first, dtype=np.int64)
        points = np.asarray(points, dtype=np.int64)
        total = int(points.sum())
        offsets = np.concatenate([[0], np.cumsum(points)[:-1]]).astype(np.int64)
        run = np.repeat(np.arange(first.size), points)
        rows = np.repeat(first - offsets, points) + np.arange(total)
        if self.area_m is None:
            return np.maximum.reduceat(self.distance_m(lon[rows], lat[rows]), offsets)
        x = (lon[rows] - self.lon0) * self.kx
        y = (lat[rows] - self.lat0) * self.ky
        anchors = shapely.points(x[offsets], y[offsets])
        near = shapely.get_coordinates(shapely.shortest_line(self.area_m, anchors))[0::2]  # point on the area
        upper = np.hypot(x - near[run, 0], y - near[run, 1])
        top = np.lexsort((upper, run))[offsets + points - 1]  # each run's point with the largest bound
        best = shapely.distance(self.area_m, shapely.points(x[top], y[top]))
        # Points that may exceed it (a micrometre of slack for rounding in the bound).
        maybe = np.flatnonzero(upper + 1e-6 > best[run])
        maybe = maybe[~np.isin(maybe, top)]
        if maybe.size:
            exact = shapely.distance(self.area_m, shapely.points(x[maybe], y[maybe]))
            np.maximum.at(best, run[maybe], exact)
        return best

    def lower_bound_m(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """A cheap lower bound of the distance to the area: the distance to its bounding box (metres)."""
        if self.area_m is None:  # a Zone made without `build`: no bounds known, no shortcut
            return np.zeros(np.shape(lon))
        x = (np.asarray(lon, dtype=np.float64) - self.lon0) * self.kx
        y = (np.asarray(lat, dtype=np.float64) - self.lat0) * self.ky
        x0, y0, x1, y1 = self.bounds_m
        dx = np.maximum(np.maximum(x0 - x, x - x1), 0.0)
        dy = np.maximum(np.maximum(y0 - y, y - y1), 0.0)
        return np.hypot(dx, dy)

    def beyond_outside(self, lon, lat, accuracy) -> np.ndarray:
        """Rule step 1 for points already known to lie outside the buffered area: distance > buffer + accuracy.

        The exact distance is computed only where the bounding-box lower bound does not decide already.
        """
        limit = self.buffer_m + np.asarray(accuracy, dtype=np.float64)
        beyond = self.lower_bound_m(lon, lat) > limit
        unsure = np.flatnonzero(~beyond)
        if unsure.size:
            beyond[unsure] = self.distance_m(np.asarray(lon)[unsure], np.asarray(lat)[unsure]) > limit[unsure]
        return beyond

    def classify(self, lon, lat, accuracy) -> tuple[np.ndarray, np.ndarray]:
        """(beyond, distance_m): beyond = distance to the area > buffer_m + accuracy (rule step 1)."""
        lon = np.asarray(lon, dtype=np.float64)
        lat = np.asarray(lat, dtype=np.float64)
        beyond = ~self.within_buffer(lon, lat)
        dist = np.zeros(lon.size)
        cand = np.flatnonzero(beyond)
        if cand.size:
            d = self.distance_m(lon[cand], lat[cand])
            dist[cand] = d
            beyond[cand] = d > self.buffer_m + np.asarray(accuracy, dtype=np.float64)[cand]
        return beyond, dist


def _affine(geom, m):
    a, b, d, e, xoff, yoff = m
    return shapely.transform(geom, lambda xy: np.column_stack((a * xy[:, 0] + b * xy[:, 1] + xoff,
                                                               d * xy[:, 0] + e * xy[:, 1] + yoff)))


# -------------------------------------------------------------------------------------------- episodes


def _leave_intervals(tracks: Tracks, leaves: Leaves, starts_of_person: np.ndarray) -> np.ndarray:
    """The interval join of leave windows with the rows: (k, 2) row ranges [lo, hi) inside a window."""
    index = {p: i for i, p in enumerate(tracks.people)}
    spans = []
    for pid, (s, e) in leaves.windows.items():
        code = index.get(pid)
        if code is None:
            continue
        lo_row, hi_row = starts_of_person[code], starts_of_person[code + 1]
        ts = tracks.ts[lo_row:hi_row]
        spans.append(np.stack([np.searchsorted(ts, s, side="left") + lo_row,
                               np.searchsorted(ts, e, side="right") + lo_row], axis=1))
    return np.concatenate(spans) if spans else np.zeros((0, 2), dtype=np.int64)


def _leave_cover(tracks: Tracks, leaves: Leaves, starts_of_person: np.ndarray) -> np.ndarray:
    covered = np.zeros(len(tracks), dtype=bool)
    for lo, hi in _leave_intervals(tracks, leaves, starts_of_person):
        covered[lo:hi] = True
    return covered


_NO_EPISODES = (("person", np.int32), ("start", float), ("end", float), ("points", np.int64),
                ("max_distance", float))


def episode_runs(person: np.ndarray, ts: np.ndarray, beyond: np.ndarray, covered: np.ndarray,
                 rule: EpisodeRule) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Steps 2–5 of the rule over rows sorted by (person, ts): (first row, last row, points) of each reported
    episode. Distances are not needed to find episodes, only for their evidence (see `detect_episodes`)."""
    n = ts.size
    empty = np.zeros(0, dtype=np.int64)
    if n == 0:
        return empty, empty, empty
    gap_s = rule.gap_hours * 3600
    linked = np.zeros(n, dtype=bool)  # linked[i]: row i continues row i-1 (same person, gap ≤ G)
    np.equal(person[1:], person[:-1], out=linked[1:])
    linked[1:] &= (ts[1:] - ts[:-1]) <= gap_s
    state = beyond.copy()
    # Step 2: single-point spikes. First an outside point between two inside neighbours becomes inside, then
    # (on that result) an inside point between two outside neighbours becomes outside; neighbours must be linked.
    if n >= 3:
        both = np.zeros(n, dtype=bool)
        both[1:-1] = linked[1:-1] & linked[2:]
        lone_out = both.copy()
        lone_out[1:-1] &= state[1:-1] & ~state[:-2] & ~state[2:]
        state[lone_out] = False
        lone_in = both
        lone_in[1:-1] &= ~state[1:-1] & state[:-2] & state[2:]
        state[lone_in] = True
    # Step 3: approved leave windows are never outside.
    state &= ~covered
    rows = np.flatnonzero(state)
    if rows.size == 0:
        return empty, empty, empty
    # Step 4: runs of consecutive outside rows, linked to their predecessor (run-length segments).
    starts = np.ones(rows.size, dtype=bool)
    starts[1:] = ~((rows[1:] == rows[:-1] + 1) & linked[rows[1:]])
    first = np.flatnonzero(starts)
    last = np.append(first[1:], rows.size) - 1
    points = last - first + 1
    # Step 5: keep long enough episodes.
    keep = (points >= rule.min_points) & ((ts[rows[last]] - ts[rows[first]]) >= rule.min_minutes * 60 - 1e-6)
    return rows[first][keep], rows[last][keep], points[keep]


def detect_episodes(person: np.ndarray, ts: np.ndarray, beyond: np.ndarray, distance, covered: np.ndarray,
                    rule: EpisodeRule) -> dict[str, np.ndarray]:
    """Steps 2–5 of the rule over rows sorted by (person, ts). Returns column arrays.

    `distance` is an array over all rows, or a function (row indices → metres) called only for the rows of
    reported episodes (every row of a reported episode is outside, and consecutive).
    """
    lo, hi, points = episode_runs(person, ts, beyond, covered, rule)
    if lo.size == 0:
        return {k: np.zeros(0, dtype=t) for k, t in _NO_EPISODES}
    offsets = np.concatenate([[0], np.cumsum(points)[:-1]])
    rows = np.repeat(lo - offsets, points) + np.arange(int(points.sum()))
    dist = distance(rows) if callable(distance) else np.asarray(distance)[rows]
    return {"person": person[lo], "start": ts[lo], "end": ts[hi], "points": points,
            "max_distance": np.maximum.reduceat(dist, offsets)}


# ------------------------------------------------------------------------------------------- screening


@dataclass
class ScreeningResult:
    people: list[str]
    episodes: dict[str, np.ndarray]
    points: int
    subjects: int

    @property
    def flagged_subjects(self) -> int:
        return int(np.unique(self.episodes["person"]).size)

    def rows(self):
        """Alert rows sorted by person, start: (person_id, start_iso, end_iso, minutes, points, max_distance_m)."""
        ep = self.episodes
        order = sorted(range(ep["start"].size), key=lambda i: (self.people[ep["person"][i]], ep["start"][i]))
        for i in order:
            yield (self.people[ep["person"][i]], format_time(ep["start"][i]), format_time(ep["end"][i]),
                   f"{(ep['end'][i] - ep['start'][i]) / 60:.1f}", int(ep["points"][i]),
                   int(round(float(ep["max_distance"][i]))))


ALERT_COLUMNS = ("person_id", "start", "end", "minutes", "points", "max_distance_m")


def format_time(epoch_s: float) -> str:
    """ISO 8601 in Beijing time (+08:00, no DST), to the second."""
    import datetime as dt

    tz = dt.timezone(dt.timedelta(hours=8))
    return dt.datetime.fromtimestamp(round(float(epoch_s)), tz).isoformat()


def zones_for(tracks: Tracks, areas: dict, assignments: dict | None, buffer_m: float):
    """(zone per person index, list of Zone). Each distinct set of assigned areas gets one prepared Zone."""
    if assignments is None:
        if len(areas) != 1:
            raise ScreeningError(f"区域文件有 {len(areas)} 个区域，必须用区域指定文件（person_id, area_id）说明每人的准许区域。")
        (only,) = areas
        keys = [frozenset([only])] * len(tracks.people)
    else:
        keys = []
        for pid in tracks.people:
            if pid not in assignments:
                raise ScreeningError(f"人员“{pid}”有轨迹，但区域指定文件中没有为其指定准许区域。")
            keys.append(assignments[pid])
    distinct = sorted(set(keys), key=lambda k: sorted(k))
    index = {k: i for i, k in enumerate(distinct)}
    zones = [Zone.build(shapely.union_all([areas[a] for a in sorted(k)]), buffer_m) for k in distinct]
    return np.array([index[k] for k in keys], dtype=np.int32), zones


def _zone_rows(tracks: Tracks, zone_of_person: np.ndarray, zones: list[Zone]):
    """[(zone, row indices or None for all rows)]: the rows of each zone's people."""
    if len(zones) == 1:
        return [(zones[0], None)]
    zone_of_row = zone_of_person[tracks.person]
    order = np.argsort(zone_of_row, kind="stable")
    bounds = np.searchsorted(zone_of_row[order], np.arange(len(zones) + 1))
    return [(zone, order[bounds[z]:bounds[z + 1]]) for z, zone in enumerate(zones)]


def classify_tracks(tracks: Tracks, zone_of_person: np.ndarray, zones: list[Zone]):
    """(beyond, distance_m) of every row, exact (rule step 1); `screen` computes only what it needs."""
    beyond = np.zeros(len(tracks), dtype=bool)
    dist = np.zeros(len(tracks))
    for zone, rows in _zone_rows(tracks, zone_of_person, zones):
        if rows is None:
            return zone.classify(tracks.lon, tracks.lat, tracks.accuracy)
        beyond[rows], dist[rows] = zone.classify(tracks.lon[rows], tracks.lat[rows], tracks.accuracy[rows])
    return beyond, dist


def _inside_leave(covered: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """True for rows whose own and two neighbours' each side rows are all covered by a leave: whether such a
    row is beyond cannot change any episode (step 2 looks two rows away at most; step 3 clears them all)."""
    n = covered.size
    deep = covered[rows].copy()
    for k in (-2, -1, 1, 2):
        deep &= covered[np.clip(rows + k, 0, n - 1)]
    return deep


def screen(tracks: Tracks, areas: dict, *, assignments: dict | None = None, leaves: Leaves | None = None,
           rule: EpisodeRule = EpisodeRule()) -> ScreeningResult:
    """The whole rule over sorted tracks. Same result as `classify_tracks` + `detect_episodes`, faster: the grid
    decides most points; exact distances only where a bounding-box bound cannot decide, never for points deep in
    an approved leave, and for the evidence (max_distance) only at the points of reported episodes that can
    hold the maximum (`Zone.max_distance_m`)."""
    zone_of_person, zones = zones_for(tracks, areas, assignments, rule.buffer_m)
    starts_of_person = np.searchsorted(tracks.person, np.arange(len(tracks.people) + 1))
    covered = (_leave_cover(tracks, leaves, starts_of_person) if leaves and leaves.windows
               else np.zeros(len(tracks), dtype=bool))
    any_covered = bool(covered.any())
    groups = _zone_rows(tracks, zone_of_person, zones)
    beyond = np.zeros(len(tracks), dtype=bool)
    for zone, rows in groups:
        if rows is None:
            outside = np.flatnonzero(~zone.within_buffer(tracks.lon, tracks.lat))
        else:
            outside = rows[~zone.within_buffer(tracks.lon[rows], tracks.lat[rows])]
        if any_covered and outside.size:
            outside = outside[~_inside_leave(covered, outside)]
        beyond[outside] = zone.beyond_outside(tracks.lon[outside], tracks.lat[outside], tracks.accuracy[outside])

    lo, hi, points = episode_runs(tracks.person, tracks.ts, beyond, covered, rule)
    if lo.size == 0:
        episodes = {k: np.zeros(0, dtype=t) for k, t in _NO_EPISODES}
    else:
        zone_of_episode = zone_of_person[tracks.person[lo]]
        far = np.empty(lo.size)
        for z in np.unique(zone_of_episode):
            pick = np.flatnonzero(zone_of_episode == z)
            far[pick] = zones[z].max_distance_m(tracks.lon, tracks.lat, lo[pick], points[pick])
        episodes = {"person": tracks.person[lo], "start": tracks.ts[lo], "end": tracks.ts[hi], "points": points,
                    "max_distance": far}
    present = np.diff(starts_of_person) > 0
    return ScreeningResult(people=tracks.people, episodes=episodes, points=len(tracks),
                           subjects=int(np.count_nonzero(present)))


def write_alerts(result: ScreeningResult, path) -> int:
    """Write ALERTS CSV atomically (temporary file in the same folder, then rename). Returns the row count."""
    import csv

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ScreeningError(f"输出目录“{folder}”不存在。")
    fd, tmp = tempfile.mkstemp(prefix=".alerts-", suffix=".csv", dir=folder)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ALERT_COLUMNS)
            for row in result.rows():
                writer.writerow(row)
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
