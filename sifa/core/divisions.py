"""Loading administrative divisions (行政区划) from files, and the division data packaged with Sifa.

Accepted formats (those of the NBS-derived `Administrative-divisions-of-China` releases, or a user's file of the
same shape):

* a nested JSON tree ``[{code, name, children: [...]}]`` (``pcas-code.json``);
* a JSON list of counties ``[{code, name, city_code, city, province_code, province, towns: [{code, name,
  villages: [...]}]}]`` (``demo_counties.json``);
* flat CSV files with a header row: ``code,name`` (provinces), ``code,name,provinceCode`` (cities),
  ``code,name,cityCode,provinceCode`` (counties), ``code,name,areaCode,provinceCode,cityCode`` (townships),
  ``code,name,streetCode,provinceCode,cityCode,areaCode`` (villages) — one file, or a directory whose every
  ``*.csv`` file is loaded together.

Loading is all-or-nothing and idempotent: every problem is reported (in Chinese, with the row) and nothing is
written; a second run changes nothing; a renamed division is updated together with the full names
(安徽省宿州市砀山县…) of everything under it. Rows are written with bulk operations, so the national township list
(41k rows) loads in seconds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from . import audit
from .models import Division
from .models.audit import AuditEventType

CODE_LENGTHS = (2, 4, 6, 9, 12)
NAME_MAX_LENGTH = Division._meta.get_field("name").max_length
FULL_NAME_MAX_LENGTH = Division._meta.get_field("full_name").max_length
MAX_REPORTED_ERRORS = 30

# Statistical grouping entries that are not places: their names are left out of their children's full names
# (北京市 / 市辖区 / 东城区 → 北京市东城区).
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# CSV header (as a set of columns) → (expected code length, {parent column: length of the code prefix it holds}).
CSV_LAYOUTS: dict[frozenset, tuple[int, dict[str, int]]] = {
    frozenset({"code", "name"}): (2, {}),
    frozenset({"code", "name", "provinceCode"}): (4, {"provinceCode": 2}),
    frozenset({"code", "name", "cityCode", "provinceCode"}): (6, {"provinceCode": 2, "cityCode": 4}),
    frozenset({"code", "name", "areaCode", "provinceCode", "cityCode"}):
        (9, {"provinceCode": 2, "cityCode": 4, "areaCode": 6}),
    frozenset({"code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"}):
        (12, {"provinceCode": 2, "cityCode": 4, "areaCode": 6, "streetCode": 9}),
}
CSV_HEADERS_HELP = "；".join(
    ["code,name（省级）", "code,name,provinceCode（地级）", "code,name,cityCode,provinceCode（县级）",
     "code,name,areaCode,provinceCode,cityCode（乡级）", "code,name,streetCode,provinceCode,cityCode,areaCode（村级）"])

# JSON node members: the node's own code/name, the members holding child nodes, and county records' ancestors.
JSON_CHILD_KEYS = ("children", "towns", "villages")
JSON_ANCESTOR_KEYS = (("province_code", "province"), ("city_code", "city"))


class DivisionDataError(ValidationError):
    """Bad division input. `messages` lists every problem found (capped), each naming its file and row."""


@dataclass(frozen=True)
class DivisionRow:
    code: str
    name: str
    where: str  # "areas.csv 第12行": where the row came from, for error messages


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int

    def __str__(self):
        return f"新增{self.created}条，更新{self.updated}条，未变{self.unchanged}条"


class _Errors:
    def __init__(self):
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_REPORTED_ERRORS:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if self.count:
            extra = self.count - len(self.messages)
            raise DivisionDataError(self.messages + ([f"……另有{extra}处错误未列出。"] if extra else []))


# --- reading files -------------------------------------------------------------------------------------------

def read_path(path: str | Path) -> list[DivisionRow]:
    """Rows of a .json file, a .csv file, or every .csv file of a directory."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        if not files:
            raise DivisionDataError(f"目录“{path.name}”中没有 .csv 文件。")
        rows: list[DivisionRow] = []
        errors = _Errors()
        for file in files:
            try:
                rows.extend(parse_text(_read_text(file), file.name))
            except DivisionDataError as exc:
                for message in exc.messages:
                    errors.add(message)
        errors.raise_if_any()
        return rows
    if not path.exists():
        raise DivisionDataError(f"找不到文件“{path}”。")
    return parse_text(_read_text(path), path.name)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DivisionDataError(f"文件“{path.name}”不是UTF-8编码：请另存为UTF-8后再导入。")
    except OSError as exc:
        raise DivisionDataError(f"无法读取文件“{path.name}”：{exc.strerror or exc}。")


def parse_text(text: str, name: str) -> list[DivisionRow]:
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return parse_json(text, name)
    if suffix == ".csv":
        return parse_csv(text, name)
    raise DivisionDataError(f"不支持的文件类型“{name}”：请提供 .json 或 .csv 文件，或包含 .csv 文件的目录。")


def parse_json(text: str, name: str) -> list[DivisionRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DivisionDataError(f"文件“{name}”不是有效的JSON：第{exc.lineno}行第{exc.colno}列格式错误。")
    if not isinstance(data, list):
        raise DivisionDataError(f"文件“{name}”的最外层应为数组（[...]），每个元素是一个含 code、name 的区划。")
    errors = _Errors()
    rows = list(_walk_json(data, name, "", errors))
    errors.raise_if_any()
    return rows


def _walk_json(nodes: list, file: str, trail: str, errors: _Errors) -> Iterator[DivisionRow]:
    for index, node in enumerate(nodes, start=1):
        where = f"{file} {trail}第{index}项"
        if not isinstance(node, dict):
            errors.add(f"{where}：应为含 code、name 的对象。")
            continue
        for code_key, name_key in JSON_ANCESTOR_KEYS:
            if code_key in node or name_key in node:
                yield DivisionRow(_text(node.get(code_key)), _text(node.get(name_key)), where)
        code, node_name = _text(node.get("code")), _text(node.get("name"))
        yield DivisionRow(code, node_name, where)
        for key in JSON_CHILD_KEYS:
            children = node.get(key)
            if children is None:
                continue
            if not isinstance(children, list):
                errors.add(f"{where}（{code}）：“{key}”应为数组。")
                continue
            yield from _walk_json(children, file, f"{trail}{code or '?'} 下", errors)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else repr(value)


def parse_csv(text: str, name: str) -> list[DivisionRow]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DivisionDataError(f"文件“{name}”是空文件。")
    except csv.Error as exc:
        raise DivisionDataError(f"文件“{name}”不是有效的CSV：{exc}。")
    layout = CSV_LAYOUTS.get(frozenset(header)) if len(set(header)) == len(header) else None
    if layout is None:
        raise DivisionDataError(
            f"文件“{name}”的表头“{','.join(header)}”无法识别。支持的表头（列顺序不限）：{CSV_HEADERS_HELP}。")
    code_length, parent_columns = layout
    position = {column: i for i, column in enumerate(header)}
    errors = _Errors()
    rows = []
    try:
        for line_no, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            where = f"{name} 第{line_no}行"
            if len(record) != len(header):
                errors.add(f"{where}：有{len(record)}列，表头有{len(header)}列。")
                continue
            code = record[position["code"]].strip()
            if code.isdigit() and len(code) != code_length:
                errors.add(f"{where}：此文件的区划代码应为{code_length}位，“{code}”是{len(code)}位。")
                continue
            for column, length in parent_columns.items():
                given = record[position[column]].strip()
                if code.isdigit() and given != code[:length]:
                    errors.add(f"{where}：{column}“{given}”与区划代码“{code}”的前{length}位不一致。")
            rows.append(DivisionRow(code, record[position["name"]].strip(), where))
    except csv.Error as exc:
        errors.add(f"{name} 第{reader.line_num}行：CSV格式错误（{exc}）。")
    errors.raise_if_any()
    return rows


# --- validating and writing ----------------------------------------------------------------------------------

def _check_rows(rows: Iterable[DivisionRow], errors: _Errors) -> dict[str, DivisionRow]:
    """The rows by code, after checking each code and name; a code given twice must carry the same name."""
    by_code: dict[str, DivisionRow] = {}
    for row in rows:
        if not row.code.isdigit() or len(row.code) not in CODE_LENGTHS:
            errors.add(f"{row.where}：区划代码“{row.code}”格式不正确，应为2、4、6、9或12位数字。")
            continue
        if not row.name:
            errors.add(f"{row.where}：区划“{row.code}”缺少名称。")
            continue
        if len(row.name) > NAME_MAX_LENGTH:
            errors.add(f"{row.where}：区划“{row.code}”的名称超过{NAME_MAX_LENGTH}个字。")
            continue
        seen = by_code.get(row.code)
        if seen is not None and seen.name != row.name:
            errors.add(f"{row.where}：区划代码“{row.code}”重复，名称“{row.name}”与{seen.where}的“{seen.name}”不同。")
            continue
        by_code.setdefault(row.code, row)
    return by_code


def _ancestors(code: str) -> list[str]:
    chain = []
    parent = Division.parent_code(code)
    while parent:
        chain.append(parent)
        parent = Division.parent_code(parent)
    return chain


def compute_full_names(codes: Iterable[str], names: dict[str, str], stored: dict[str, tuple]) -> dict[str, str]:
    """Full names (安徽省宿州市砀山县) of `codes`, built from `names` for the divisions being written and from
    the `stored` (name, parent, level, full name) of ancestors that are not."""
    full: dict[str, str] = {}

    def name_of(code: str) -> str:
        return names[code] if code in names else stored.get(code, ("",))[0]

    def prefix(code: str | None) -> str:
        if code is None:
            return ""
        return prefix(Division.parent_code(code)) if name_of(code) in PLACEHOLDER_NAMES else full_name(code)

    def full_name(code: str) -> str:
        if code not in names:
            values = stored.get(code)
            return (values[3] or values[0]) if values else ""
        if code not in full:
            full[code] = (prefix(Division.parent_code(code)) + names[code])[:FULL_NAME_MAX_LENGTH]
        return full[code]

    return {code: full_name(code) for code in codes}


def load_rows(rows: Iterable[DivisionRow], *, under: str | None = None, actor=None, source: str = "") -> LoadResult:
    """Validate `rows` against each other and the stored divisions, then write them in one transaction.

    With `under`, only that division, its subtree and its ancestors are taken from the rows; `under` must be a
    division already stored or present in the rows."""
    errors = _Errors()
    by_code = _check_rows(rows, errors)
    errors.raise_if_any()
    stored = {code: (name, parent_id, level, full_name) for code, name, parent_id, level, full_name in
              Division.objects.values_list("code", "name", "parent_id", "level", "full_name")}
    if under is not None:
        under = under.strip()
        if not under.isdigit() or len(under) not in CODE_LENGTHS:
            raise DivisionDataError(f"--under 的区划代码“{under}”格式不正确，应为2、4、6、9或12位数字。")
        if under not in stored and under not in by_code:
            raise DivisionDataError(f"区划代码“{under}”不存在：既未导入系统，也不在所给文件中。")
        wanted = set(_ancestors(under))
        by_code = {c: r for c, r in by_code.items() if c.startswith(under) or c in wanted}
    for code, row in by_code.items():
        parent = Division.parent_code(code)
        if parent and parent not in by_code and parent not in stored:
            errors.add(f"{row.where}：区划“{code} {row.name}”的上级区划“{parent}”不存在，请先导入上级区划或一并导入。")
    errors.raise_if_any()

    if under is not None and not any(code.startswith(under) for code in by_code):
        raise DivisionDataError(f"所给文件中没有区划“{under}”及其下级区划的数据。")
    names = {code: row.name for code, row in by_code.items()}
    renamed = {code for code, name in names.items() if code in stored and stored[code][0] != name}
    # Stored descendants of a renamed division that the file does not carry still need their full names redone.
    if renamed:
        for code, values in stored.items():
            if code not in names and any(code.startswith(r) for r in renamed):
                names[code] = values[0]
    full = compute_full_names(names, names, stored)

    new, changed, unchanged = [], [], 0
    for code in sorted(names, key=lambda c: (len(c), c)):
        wanted_values = (names[code], Division.parent_code(code), Division.level_for_code(code), full[code])
        if code not in stored:
            new.append(Division(code=code, name=wanted_values[0], parent_id=wanted_values[1],
                                level=wanted_values[2], full_name=wanted_values[3]))
        elif stored[code] != wanted_values:
            changed.append(Division(code=code, name=wanted_values[0], parent_id=wanted_values[1],
                                    level=wanted_values[2], full_name=wanted_values[3]))
        elif code in by_code:
            unchanged += 1

    with transaction.atomic():
        Division.objects.bulk_create(new, batch_size=2000)
        Division.objects.bulk_update(changed, ["name", "parent", "level", "full_name"], batch_size=500)
        if new or changed:
            audit.record(AuditEventType.CONFIG, user=actor, verb="导入行政区划", object_type="core.division",
                         after={"source": source, "under": under, "created": len(new), "updated": len(changed)})
    return LoadResult(created=len(new), updated=len(changed), unchanged=unchanged)


def load_path(path: str | Path, *, under: str | None = None, actor=None) -> LoadResult:
    """`sifa orgs load-divisions PATH [--under CODE]`."""
    return load_rows(read_path(path), under=under, actor=actor, source=Path(path).name)


# --- packaged data -------------------------------------------------------------------------------------------

DATA = resources.files("sifa.core") / "data"
NATIONAL_COUNTY_FILES = ("provinces.csv", "cities.csv", "areas.csv")
BOUNDARY_SYSTEMS = {"cgcs2000": "CGCS2000（≈WGS84，天地图）", "gcj02": "GCJ-02（高德）"}


def packaged_rows(name: str) -> list[DivisionRow]:
    """Rows of one packaged division file (see sifa/core/data/PROVENANCE.md)."""
    resource = DATA / "divisions" / name
    if not resource.is_file():
        raise DivisionDataError(f"系统未内置区划数据“{name}”。")
    return parse_text(resource.read_text(encoding="utf-8"), name)


def load_national_counties(actor=None) -> LoadResult:
    """The packaged national list down to county level (31 provinces, 342 prefectures, 2,978 counties)."""
    rows = [row for name in NATIONAL_COUNTY_FILES for row in packaged_rows(name)]
    return load_rows(rows, actor=actor, source="内置全国县级区划")


def load_packaged_county(code: str, actor=None) -> LoadResult:
    """A packaged county with its townships and villages (only 341321 砀山县 is shipped)."""
    return load_rows(packaged_rows(f"{code}.json"), actor=actor, source=f"内置{code}乡镇村居区划")


def boundary(code: str, system: str = "cgcs2000") -> dict:
    """A packaged boundary as GeoJSON (a FeatureCollection). Never mix systems on one map unconverted."""
    if system not in BOUNDARY_SYSTEMS:
        raise ValueError(f"坐标系“{system}”不支持，可选：{'、'.join(BOUNDARY_SYSTEMS)}。")
    resource = DATA / "boundaries" / system / f"{code}.geojson"
    if not resource.is_file():
        raise LookupError(f"系统未内置区划“{code}”的{BOUNDARY_SYSTEMS[system]}边界。")
    return json.loads(resource.read_text(encoding="utf-8"))
