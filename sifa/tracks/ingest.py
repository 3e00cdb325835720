"""Reading and validating location points from an upload (CSV or Parquet) or a gateway batch (JSON), and police
lists for the second screen (CSV or xlsx). No writes here: actions.py writes what these return.

Track columns (a header row; names are case-insensitive):
    person_id   the subject's 档案编号 or 居民身份证号码
    ts          ISO 8601 (an offset such as +08:00 or Z; without one it is Beijing time) or epoch seconds
    lon, lat    degrees in the source's coordinate system
    accuracy_m  optional, metres
    point_id    optional; the source's id of the point (idempotency key). Without it the id is person_id@ts.

Every problem is reported with the row (CSV: as a spreadsheet numbers lines, the header being line 1; Parquet:
record numbers from 1; JSON: the point's position from 1) and nothing is written when any row is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

BEIJING = dt.timezone(dt.timedelta(hours=8))
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FUTURE_SLACK = dt.timedelta(minutes=10)
# Points are in China: anything outside this box is an impossible fix (or projected coordinates).
CHINA_LON, CHINA_LAT = (73.0, 136.0), (3.0, 54.0)
MAX_ACCURACY_M = 100_000
MAX_ROWS = 2_000_000
REQUIRED = ("person_id", "ts", "lon", "lat")


@dataclass(frozen=True)
class RawPoint:
    row: str          # where it came from, for messages: “第3行”
    person: str
    point_id: str
    ts: dt.datetime
    lon: float
    lat: float
    accuracy: float | None


class RowError(ValueError):
    pass


def parse_time(value, *, now: dt.datetime | None = None) -> dt.datetime:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowError("定位时间为空")
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=BEIJING)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise RowError(f"定位时间“{value}”不是有效的时间")
        try:
            moment = dt.datetime.fromtimestamp(float(value), dt.UTC)
        except (OverflowError, OSError, ValueError):
            raise RowError(f"定位时间“{value}”不是有效的时间") from None
    else:
        text = str(value).strip()
        try:
            moment = dt.datetime.fromtimestamp(float(text), dt.UTC)
        except (ValueError, OverflowError, OSError):
            try:
                moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
            except ValueError:
                raise RowError(f"定位时间“{text[:40]}”无法识别（须为 ISO 8601，如 2021-05-01T08:00:00+08:00，"
                               "或 epoch 秒）") from None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=BEIJING)
    now = now or timezone.now()
    if moment < EARLIEST:
        raise RowError(f"定位时间 {moment.astimezone(BEIJING):%Y-%m-%d %H:%M} 早于2000年，不可能")
    if moment > now + FUTURE_SLACK:
        raise RowError(f"定位时间 {moment.astimezone(BEIJING):%Y-%m-%d %H:%M} 晚于当前时间，不可能")
    return moment


def _number(value, label: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowError(f"{label}为空")
    if isinstance(value, bool):
        raise RowError(f"{label}“{value}”不是数值")
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise RowError(f"{label}“{str(value)[:30]}”不是数值") from None
    if not math.isfinite(number):
        raise RowError(f"{label}“{value}”不是有限数值")
    return number


def parse_point(row: str, item: dict, *, now=None) -> RawPoint:
    """One point from a mapping with the track columns; raises RowError with a Chinese reason."""
    person = str(item.get("person_id") if item.get("person_id") is not None else "").strip()
    if not person:
        raise RowError("person_id（档案编号或身份证号码）为空")
    if len(person) > 60:
        raise RowError("person_id 过长")
    ts = parse_time(item.get("ts"), now=now)
    lon = _number(item.get("lon"), "经度 lon")
    lat = _number(item.get("lat"), "纬度 lat")
    if not (-180 <= lon <= 180) or not (-90 <= lat <= 90):
        raise RowError(f"坐标（{lon}, {lat}）超出经纬度范围")
    if not (CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]):
        raise RowError(f"坐标（{lon}, {lat}）不在我国境内，不可能是本县对象的定位（请确认经纬度顺序和坐标系）")
    raw_acc = item.get("accuracy_m")
    accuracy = None
    if raw_acc is not None and str(raw_acc).strip() != "":
        accuracy = _number(raw_acc, "定位精度 accuracy_m")
        if accuracy < 0 or accuracy > MAX_ACCURACY_M:
            raise RowError(f"定位精度“{raw_acc}”应在0到{MAX_ACCURACY_M}米之间")
    point_id = str(item.get("point_id") or "").strip() or f"{person}@{int(ts.timestamp())}"
    if len(point_id) > 64:
        raise RowError("point_id 超过64个字符")
    return RawPoint(row=row, person=person, point_id=point_id, ts=ts, lon=lon, lat=lat, accuracy=accuracy)


def _frame(data: bytes, name: str):
    import polars as pl

    lowered = name.lower()
    try:
        if lowered.endswith((".parquet", ".pq")):
            return pl.read_parquet(io.BytesIO(data)), True
        if lowered.endswith(".csv"):
            text = data.decode("utf-8-sig")
            return pl.read_csv(io.StringIO(text), infer_schema=False), False
    except UnicodeDecodeError:
        raise ValidationError(f"文件“{name}”不是 UTF-8 编码的 CSV，请另存为 UTF-8 后再上传。") from None
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's fault
        raise ValidationError(f"文件“{name}”无法读取：{str(exc).splitlines()[0][:160]}") from None
    raise ValidationError(f"文件“{name}”的类型不支持：请上传 .csv 或 .parquet 文件。")


def read_track_file(data: bytes, name: str, *, now=None) -> list[RawPoint]:
    """Every row of a track file, validated; ValidationError naming the first bad rows otherwise."""
    df, parquet = _frame(data, name)
    df = df.rename({c: c.strip().lower() for c in df.columns})
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValidationError(f"轨迹文件缺少列：{'、'.join(missing)}（现有列：{'、'.join(df.columns) or '无'}）。")
    if df.height == 0:
        raise ValidationError("轨迹文件没有数据行。")
    if df.height > MAX_ROWS:
        raise ValidationError(f"轨迹文件超过{MAX_ROWS}行，请分批上传。")
    points, errors = [], []
    now = now or timezone.now()
    for i, item in enumerate(df.iter_rows(named=True)):
        row = f"第{i + 1}条记录" if parquet else f"第{i + 2}行"
        try:
            points.append(parse_point(row, item, now=now))
        except RowError as exc:
            errors.append(f"{row}：{exc}")
            if len(errors) >= 20:
                break
    if errors:
        raise ValidationError(errors)
    seen: dict[str, str] = {}
    for p in points:
        if p.point_id in seen:
            raise ValidationError(f"{p.row}：point_id“{p.point_id}”与{seen[p.point_id]}重复。")
        seen[p.point_id] = p.row
    return points


# --- police lists (二次排查) --------------------------------------------------------------------------------

POLICE_COLUMNS = {"id_number": ("id_number", "身份证号码", "身份证号", "公民身份号码"),
                  "name": ("name", "姓名"),
                  "offence": ("offence", "涉嫌案由", "案由", "涉案情况"),
                  "occurred_on": ("occurred_on", "案发日期", "发案日期", "日期"),
                  "agency": ("agency", "办案单位", "公安机关")}


@dataclass(frozen=True)
class PoliceRow:
    row: str
    id_number: str
    name: str
    offence: str
    occurred_on: dt.date | None
    agency: str


def _police_rows(data: bytes, name: str) -> list[tuple[str, dict]]:
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001
            raise ValidationError(f"文件“{name}”不是有效的 xlsx 文件。") from None
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise ValidationError("名单文件没有表头。")
        keys = [str(h or "").strip().lower() for h in header]
        out = []
        for i, values in enumerate(rows):
            if values is None or all(v in (None, "") for v in values):
                continue
            out.append((f"第{i + 2}行", dict(zip(keys, values, strict=False))))
            if len(out) > 100_000:
                raise ValidationError("名单超过10万行，请分批导入。")
        return out
    if lowered.endswith(".csv"):
        import csv

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(f"文件“{name}”不是 UTF-8 编码的 CSV，请另存为 UTF-8 后再上传。") from None
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if not header:
            raise ValidationError("名单文件没有表头。")
        keys = [h.strip().lower() for h in header]
        return [(f"第{i + 2}行", dict(zip(keys, values, strict=False))) for i, values in enumerate(reader)
                if any(v.strip() for v in values)]
    raise ValidationError(f"文件“{name}”的类型不支持：请上传 .csv 或 .xlsx 文件。")


def read_police_list(data: bytes, name: str) -> list[PoliceRow]:
    from sifa.core.identifiers import parse_resident_id

    rows = _police_rows(data, name)
    if not rows:
        raise ValidationError("名单没有数据行。")
    present = set(rows[0][1])
    column = {}
    for key, aliases in POLICE_COLUMNS.items():
        column[key] = next((a for a in aliases if a in present), None)
    if column["id_number"] is None:
        raise ValidationError("名单缺少“身份证号码”列（id_number）。")
    out, errors = [], []
    for row, item in rows:
        raw_id = item.get(column["id_number"])
        try:
            number = parse_resident_id(str(raw_id or "").strip()).number
        except ValidationError as exc:
            errors.append(f"{row}：身份证号码无效（{'；'.join(exc.messages)}）")
            continue
        occurred = item.get(column["occurred_on"]) if column["occurred_on"] else None
        day = None
        if isinstance(occurred, dt.datetime):
            day = occurred.date()
        elif isinstance(occurred, dt.date):
            day = occurred
        elif occurred not in (None, ""):
            try:
                day = dt.date.fromisoformat(str(occurred).strip()[:10])
            except ValueError:
                errors.append(f"{row}：案发日期“{occurred}”无法识别（年-月-日）")
                continue
        if day is not None and day > timezone.localdate():
            errors.append(f"{row}：案发日期晚于今天")
            continue

        def text(key, limit, item=item):
            value = item.get(column[key]) if column[key] else ""
            return str(value or "").strip()[:limit]

        out.append(PoliceRow(row=row, id_number=number, name=text("name", 50), offence=text("offence", 200),
                             occurred_on=day, agency=text("agency", 100)))
        if len(errors) >= 20:
            break
    if errors:
        raise ValidationError(errors)
    return out
