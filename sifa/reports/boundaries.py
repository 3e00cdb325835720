"""Boundary GeoJSON for the dashboard map: validating a bureau's upload, and choosing what a unit's map shows.

A bureau may upload a GeoJSON FeatureCollection of Polygon/MultiPolygon features, each carrying its 行政区划代码
in a property (`code`, `adcode`, `division_code`, `区划代码`, or Tianditu's `gb` = "156" + code), every code within
the bureau's own area — typically its townships (9 digits), so the map can colour each township. Without one,
the map shows the boundary that ships with the package (the demo county's outline) and the township figures
next to it as bars. Coordinates are longitude/latitude (CGCS2000 ≈ WGS84); no tiles are ever loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.cache import cache

MAX_BYTES = 5 * 1024 * 1024
MAX_FEATURES = 1000
MAX_VERTICES = 300_000
CODE_KEYS = ("code", "adcode", "division_code", "区划代码", "gb")
NAME_KEYS = ("name", "名称", "district", "town")
CODE_LENGTHS = (6, 9, 12)
CHINA_LON, CHINA_LAT = (73.0, 136.0), (3.0, 54.0)


class BoundaryError(ValueError):
    """An upload that cannot be used; the message is Chinese and names the feature at fault."""


def _code_of(properties: dict) -> str:
    for key in CODE_KEYS:
        value = properties.get(key)
        if value in (None, ""):
            continue
        code = str(value).strip()
        if key == "gb" and code.startswith("156") and len(code) - 3 in CODE_LENGTHS:
            code = code[3:]
        return code
    return ""


def _name_of(properties: dict) -> str:
    for key in NAME_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:100]
    return ""


def _check_ring(ring, where: str) -> int:
    if not isinstance(ring, list) or len(ring) < 4:
        raise BoundaryError(f"{where}的边界环至少需要4个坐标点（首尾相同）。")
    for point in ring:
        if (not isinstance(point, list) or len(point) < 2
                or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in point[:2])):
            raise BoundaryError(f"{where}含有不是“[经度, 纬度]”形式的坐标。")
        lon, lat = point[0], point[1]
        if not (CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]):
            raise BoundaryError(f"{where}的坐标（{lon}, {lat}）不在我国经纬度范围内：请使用经纬度坐标"
                                f"（CGCS2000 或 WGS84），不要使用投影坐标。")
    if ring[0][:2] != ring[-1][:2]:
        raise BoundaryError(f"{where}的边界环没有闭合（首尾坐标应相同）。")
    return len(ring)


def _check_geometry(geometry, where: str) -> int:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else "无"
        raise BoundaryError(f"{where}的几何类型为“{kind}”：只接受 Polygon（面）或 MultiPolygon（多面）。")
    coords = geometry.get("coordinates")
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons:
        raise BoundaryError(f"{where}没有坐标。")
    vertices = 0
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise BoundaryError(f"{where}的坐标结构不正确。")
        for ring in polygon:
            vertices += _check_ring(ring, where)
    from shapely.geometry import shape

    try:
        if shape(geometry).is_empty:
            raise BoundaryError(f"{where}是空的几何图形。")
    except (ValueError, TypeError, AttributeError) as exc:
        raise BoundaryError(f"{where}的几何图形无法解析（{exc}）。")
    return vertices


@dataclass
class Parsed:
    collection: dict            # normalised FeatureCollection: properties {code, name} only
    codes: list[str]
    size: int


def parse_upload(data: bytes, org) -> Parsed:
    """Validate an uploaded file for `org`; raises BoundaryError with the first problem, in Chinese."""
    from sifa.core.models import Division

    if len(data) > MAX_BYTES:
        raise BoundaryError(f"文件过大（{len(data) / 1024 / 1024:.1f} MB），不能超过 {MAX_BYTES // 1024 // 1024} MB。"
                            f"可先简化边界（如 mapshaper 简化到 5% 顶点）再上传。")
    if not data.strip():
        raise BoundaryError("文件是空的。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BoundaryError("文件不是 UTF-8 编码的文本：请另存为 UTF-8 编码的 GeoJSON。")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BoundaryError(f"文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）。")
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise BoundaryError(f"GeoJSON 顶层类型为“{kind}”：须为 FeatureCollection（要素集合）。")
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryError("FeatureCollection 中没有要素（features 为空）。")
    if len(features) > MAX_FEATURES:
        raise BoundaryError(f"要素过多（{len(features)}个），不能超过{MAX_FEATURES}个。")
    area = org.division_id
    area_name = org.division.name if org.division_id else org.name
    vertices, codes, normalised = 0, [], []
    for index, feature in enumerate(features, start=1):
        where = f"第{index}个要素"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise BoundaryError(f"{where}不是 Feature。")
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise BoundaryError(f"{where}的 properties 不是对象。")
        code = _code_of(properties)
        if not code:
            raise BoundaryError(f"{where}缺少区划代码：请在 properties 中用 {'、'.join(CODE_KEYS[:4])} 之一填写"
                                f"行政区划代码（乡镇为9位，如 {area}100）。")
        if not code.isdigit() or len(code) not in CODE_LENGTHS:
            raise BoundaryError(f"{where}的区划代码“{code}”格式不正确：应为6位（县）、9位（乡镇）或12位（村）数字。")
        if not code.startswith(area):
            raise BoundaryError(f"{where}的区划代码“{code}”不在{area_name}（{area}）范围内。")
        if code in codes:
            raise BoundaryError(f"{where}的区划代码“{code}”与前面的要素重复。")
        vertices += _check_geometry(feature.get("geometry"), f"{where}（{code}）")
        if vertices > MAX_VERTICES:
            raise BoundaryError(f"边界顶点过多（超过{MAX_VERTICES}个）：请先简化边界再上传。")
        codes.append(code)
        normalised.append({"type": "Feature", "properties": {"code": code, "name": _name_of(properties)},
                           "geometry": feature["geometry"]})
    known = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise BoundaryError(f"区划代码“{unknown[0]}”不在系统的行政区划中（共{len(unknown)}个未知代码），"
                            f"请核对，或先由管理员导入区划。")
    for feature in normalised:
        props = feature["properties"]
        props["name"] = props["name"] or known[props["code"]]
    return Parsed({"type": "FeatureCollection", "features": normalised}, codes, len(data))


# ------------------------------------------------------------------------------------------------ the map

@dataclass
class MapData:
    geojson: dict | None        # FeatureCollection; properties {code, name}
    by_subdivision: bool        # True when it has a polygon per child area (township / county)
    source: str                 # where it comes from, for the page
    note: str = ""

    @property
    def available(self) -> bool:
        return self.geojson is not None


def _uploaded(org):
    from .models import Boundary

    return Boundary.objects.filter(org=org).first()


def _packaged(code: str) -> dict | None:
    from sifa.core import divisions

    try:
        doc = divisions.boundary(code)
    except (LookupError, ValueError):
        return None
    features = []
    for f in doc.get("features", []):
        props = f.get("properties") or {}
        features.append({"type": "Feature", "geometry": f["geometry"],
                         "properties": {"code": _code_of(props) or code, "name": _name_of(props)}})
    return {"type": "FeatureCollection", "features": features}


def map_for(org, child_codes: list[str]) -> MapData:
    """What the map of `org` shows. `child_codes` are the division codes its figures are split by (townships of a
    county, counties of a city); the map colours them when it has their polygons."""
    import hashlib

    from sifa.indicators import versions

    digest = hashlib.sha1(",".join(child_codes).encode()).hexdigest()[:16]
    stamp = "-".join(str(v) for v in versions.versions(["reports.boundary", "core.orgunit"]))
    key = f"sifa:reports:map:{org.pk}:{digest}:{stamp}"
    found = cache.get(key)
    if found is None:
        found = _map_for(org, child_codes)
        cache.set(key, found, 600)
    return found


def _map_for(org, child_codes: list[str]) -> MapData:
    area = org.division_id or ""
    upload = _uploaded(org)
    if upload is not None:
        doc = json.loads(upload.geojson)
        has_children = any(f["properties"]["code"] in child_codes for f in doc["features"])
        return MapData(doc, has_children, f"本单位上传的边界（{upload.name}）",
                       "" if has_children else "上传的边界中没有下级区划的面，地图只显示轮廓。")
    # A township office: its polygon from the county's upload, if the county gave township polygons.
    if len(area) >= 9 and org.parent_id:
        parent_upload = _uploaded(org.parent)
        if parent_upload is not None:
            doc = json.loads(parent_upload.geojson)
            mine = [f for f in doc["features"] if f["properties"]["code"] == area[:9]]
            if mine:
                return MapData({"type": "FeatureCollection", "features": mine}, False,
                               f"上级单位上传的边界（{parent_upload.name}）")
        return MapData(None, False, "", "暂无本乡镇的边界数据：县局上传含乡镇边界的 GeoJSON 后，这里将显示本辖区。")
    # A city or province: its counties' boundaries, where known (packaged or uploaded by each county).
    if len(area) in (2, 4) and child_codes:
        features = []
        for code in child_codes:
            doc = _packaged(code)
            if doc:
                features.extend(doc["features"])
        if features:
            missing = len(set(child_codes) - {f["properties"]["code"] for f in features})
            note = f"另有{missing}个下级区划暂无边界数据，见右侧条形图。" if missing else ""
            return MapData({"type": "FeatureCollection", "features": features}, True, "系统内置的县级边界", note)
        return MapData(None, False, "", "暂无下级区划的边界数据，请上传含县（区）边界的 GeoJSON。各下级数值见条形图。")
    packaged = _packaged(area[:6]) if area else None
    if packaged:
        return MapData(packaged, False, "系统内置的县域轮廓",
                       "尚未上传乡镇边界，地图仅显示县域轮廓；各乡镇数值以条形图显示。上传含乡镇边界的 GeoJSON 后，"
                       "地图将按乡镇着色。")
    return MapData(None, False, "", "暂无边界数据：请上传本辖区的 GeoJSON 边界。各下级数值以条形图显示。")
