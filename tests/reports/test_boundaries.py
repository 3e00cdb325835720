"""Boundary uploads for the dashboard map: a FeatureCollection of Polygon/MultiPolygon with division codes in
the bureau's own area, under the size cap — or a Chinese reason and nothing written."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sifa.core.models import AuditEvent
from sifa.reports import actions, boundaries
from sifa.reports.models import Boundary
from tests import factories

SQUARE = [[[116.3, 34.4], [116.4, 34.4], [116.4, 34.5], [116.3, 34.5], [116.3, 34.4]]]


def feature(code, geometry=None, key="code", **props):
    return {"type": "Feature", "properties": {key: code, **props},
            "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE}}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def townships():
    return collection(feature("341321100", name="砀城镇"),
                      feature("156341321101", key="gb"),
                      feature("341321000", {"type": "MultiPolygon", "coordinates": [SQUARE]}, key="adcode"))


@pytest.fixture
def as_writer(client, writer):
    client.force_login(writer)
    return client


def test_valid_upload_is_normalised_and_audited(tree, writer):
    boundaries_data = collection(feature("341321100", name="砀城镇"), feature("156341321101", key="gb"))
    boundary = actions.upload_boundary(writer, org=tree["bureau"], name="乡镇边界", data=boundaries_data)
    assert boundary.codes == ["341321100", "341321101"] and boundary.feature_count == 2
    stored = json.loads(boundary.geojson)
    assert [f["properties"] for f in stored["features"]] == [{"code": "341321100", "name": "砀城镇"},
                                                             {"code": "341321101", "name": "周寨镇"}]
    assert AuditEvent.objects.filter(verb="上传边界数据").count() == 1
    shape = boundaries.map_for(tree["bureau"], ["341321100", "341321101"])
    assert shape.by_subdivision and "本单位上传的边界" in shape.source
    office_map = boundaries.map_for(tree["office_a"], [])
    assert [f["properties"]["code"] for f in office_map.geojson["features"]] == ["341321100"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "文件是空的"),
    (b"\xff\xfe{}", "不是 UTF-8 编码"),
    (b"{not json", "不是有效的 JSON（第1行"),
    (json.dumps({"type": "Feature"}).encode(), "顶层类型为“Feature”：须为 FeatureCollection"),
    (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "没有要素"),
    (collection(feature("341321100", {"type": "Point", "coordinates": [116.3, 34.4]})), "只接受 Polygon"),
    (collection(feature("")), "第1个要素缺少区划代码"),
    (collection(feature("34132110")), "格式不正确：应为6位（县）、9位（乡镇）或12位（村）"),
    (collection(feature("341322100")), "不在砀山县（341321）范围内"),
    (collection(feature("341321100"), feature("341321100")), "与前面的要素重复"),
    (collection(feature("341321199")), "区划代码“341321199”不在系统的行政区划中"),
    (collection(feature("341321100", {"type": "Polygon", "coordinates": [[[116.3, 34.4], [116.4, 34.4],
                                                                           [116.3, 34.4]]]})), "至少需要4个坐标点"),
    (collection(feature("341321100", {"type": "Polygon", "coordinates": [[[116.3, 34.4], [116.4, 34.4],
                                                                           [116.4, 34.5], [116.3, 34.6]]]})),
     "没有闭合"),
    (collection(feature("341321100", {"type": "Polygon", "coordinates": [[[500000, 3800000], [500100, 3800000],
                                                                           [500100, 3800100], [500000, 3800000]]]})),
     "不在我国经纬度范围内"),
    (collection(feature("341321100", {"type": "Polygon", "coordinates": [[["a", 1], [1, 1], [1, 2], ["a", 1]]]})),
     "不是“[经度, 纬度]”形式"),
])
def test_bad_uploads_write_nothing(tree, writer, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        actions.upload_boundary(writer, org=tree["bureau"], name="x", data=data)
    assert message in " ".join(exc.value.messages)
    assert not Boundary.objects.exists()


def test_size_cap(tree, writer, monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(boundaries, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="文件过大"):
        actions.upload_boundary(writer, org=tree["bureau"], name="x", data=townships())


def test_upload_page_and_delete(tree, as_writer):
    for code, name in (("341321000", "县本级"),):
        factories.division(code, name, tree["county"])
    upload = SimpleUploadedFile("towns.geojson", townships(), content_type="application/geo+json")
    response = as_writer.post("/reports/boundaries/", {"org": "341321-SFJ", "name": "乡镇边界", "file": upload})
    assert response.status_code == 302
    boundary = Boundary.objects.get()
    assert "乡镇边界" in as_writer.get("/reports/boundaries/").content.decode()
    geo = json.loads(as_writer.get("/reports/dashboard/map.geojson", {"org": "341321"}).content)
    assert len(geo["features"]) == 3
    response = as_writer.post(f"/reports/boundaries/{boundary.pk}/delete/")
    assert response.status_code == 302 and not Boundary.objects.exists()


def test_upload_page_shows_the_reason(tree, as_writer):
    bad = SimpleUploadedFile("x.geojson", collection(feature("341322100")))
    response = as_writer.post("/reports/boundaries/", {"org": "341321-SFJ", "name": "x", "file": bad})
    assert response.status_code == 400
    assert "不在砀山县（341321）范围内" in response.content.decode()
    assert not Boundary.objects.exists()


def test_other_county_cannot_touch_or_see_the_boundary(tree, writer, other_county, client):
    from sifa.core.models import Role

    boundary = actions.upload_boundary(writer, org=tree["bureau"], name="x", data=collection(feature("341321100")))
    outsider = factories.user(other_county["bureau"], role=Role.SECTION_STAFF, username="outsider")
    client.force_login(outsider)
    assert client.post(f"/reports/boundaries/{boundary.pk}/delete/").status_code == 404
    assert "尚未上传边界数据" in client.get("/reports/boundaries/").content.decode()
    response = client.post("/reports/boundaries/", {"org": "341321-SFJ", "name": "x",
                                                     "file": SimpleUploadedFile("x.geojson", townships())})
    assert response.status_code == 400 and Boundary.objects.count() == 1


def test_leader_cannot_upload(tree, leader, client):
    client.force_login(leader)
    response = client.post("/reports/boundaries/", {"org": "341321-SFJ", "name": "x",
                                                     "file": SimpleUploadedFile("x.geojson", townships())})
    assert response.status_code == 403 and not Boundary.objects.exists()
