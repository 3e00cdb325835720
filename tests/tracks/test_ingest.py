"""Ingestion: uploads (CSV, Parquet) and the gateway API — bad input named by row, nothing written; idempotent."""

import io
import json

import polars as pl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import ApiToken, AuditEvent
from sifa.core.models.audit import AuditEventType
from sifa.tracks import actions
from sifa.tracks.models import LocationPoint

pytestmark = pytest.mark.django_db

HEADER = "person_id,ts,lon,lat,accuracy_m,point_id\n"


def _csv(subject, rows):
    return (HEADER + "".join(f"{subject.number},{ts},{lon},{lat},{acc},{pid}\n" for ts, lon, lat, acc, pid in rows)
            ).encode()


GOOD = [("2024-05-01T08:00:00+08:00", 116.4, 34.45, 15, "p1"), ("2024-05-01T08:05:00+08:00", 116.41, 34.45, "", "p2")]


def test_upload_stores_points_and_is_idempotent(cor, subject, src):
    result = actions.import_points(cor["a"], source=src, data=_csv(subject, GOOD), name="t.csv")
    assert result == {"received": 2, "stored": 2, "duplicates": 0}
    again = actions.import_points(cor["a"], source=src, data=_csv(subject, GOOD), name="t.csv")
    assert again == {"received": 2, "stored": 0, "duplicates": 2}
    assert LocationPoint.objects.filter(subject=subject).count() == 2
    assert AuditEvent.objects.filter(event=AuditEventType.IMPORT, verb="上传定位点").count() == 2


@pytest.mark.parametrize("bad, expected", [
    (("2024-05-01T08:10:00+08:00", 216.4, 34.45, 5, "p3"), "第4行"),                     # impossible longitude
    (("2024-05-01T08:10:00+08:00", 2.35, 48.85, 5, "p3"), "不在我国境内"),                # Paris
    (("2099-01-01T08:00:00+08:00", 116.4, 34.45, 5, "p3"), "晚于当前时间"),               # future
    (("1970-01-01T08:00:00+08:00", 116.4, 34.45, 5, "p3"), "早于2000年"),
    (("昨天", 116.4, 34.45, 5, "p3"), "无法识别"),
    (("2024-05-01T08:10:00+08:00", 116.4, 34.45, -3, "p3"), "定位精度"),
    (("2024-05-01T08:10:00+08:00", 116.4, 34.45, 5, "p1"), "重复"),
])
def test_bad_rows_are_named_and_nothing_is_written(cor, subject, src, bad, expected):
    with pytest.raises(ValidationError) as exc:
        actions.import_points(cor["a"], source=src, data=_csv(subject, [*GOOD, bad]), name="t.csv")
    assert expected in " ".join(exc.value.messages)
    assert LocationPoint.objects.count() == 0


def test_missing_columns_and_unknown_person(cor, subject, src):
    with pytest.raises(ValidationError, match="缺少列：lat"):
        actions.import_points(cor["a"], source=src, data=b"person_id,ts,lon\nX,2024-05-01T08:00:00+08:00,116\n",
                              name="t.csv")
    data = b"person_id,ts,lon,lat\nNOBODY,2024-05-01T08:00:00+08:00,116.4,34.4\n"
    with pytest.raises(ValidationError, match="第2行.*NOBODY"):
        actions.import_points(cor["a"], source=src, data=data, name="t.csv")
    assert LocationPoint.objects.count() == 0


def test_parquet_upload_and_gcj02_source_is_converted(cor, subject):
    gcj = actions.create_source(cor["county"], name="互联网地图签到", kind="app", crs="gcj02")
    buf = io.BytesIO()
    pl.DataFrame({"person_id": [subject.id_number], "ts": ["2024-05-01T08:00:00+08:00"], "lon": [116.4],
                  "lat": [34.45]}).write_parquet(buf)
    actions.import_points(cor["a"], source=gcj, data=buf.getvalue(), name="t.parquet")
    point = LocationPoint.objects.get()
    # GCJ-02 is offset by several hundred metres: the stored WGS84 point moved back by roughly that much.
    assert 0.002 < abs(point.lon - 116.4) + abs(point.lat - 34.45) < 0.02


def test_other_office_cannot_upload_for_my_subject(cor, subject, src):
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        actions.import_points(cor["b"], source=src, data=_csv(subject, GOOD), name="t.csv")
    with pytest.raises(PermissionDenied):
        actions.import_points(cor["head"], source=src, data=_csv(subject, GOOD), name="t.csv")


# --- the gateway API -------------------------------------------------------------------------------------------


def _post(client, token, payload):
    return client.post("/api/v1/tracks/points", data=json.dumps(payload), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def _batch(subject, src, items):
    return {"source": src.pk, "points": [{"person_id": subject.number, **item} for item in items]}


def test_api_batch_idempotent_and_per_point_errors(client, cor, subject, src):
    _, key = ApiToken.issue(cor["county"], "手环网关")
    items = [{"point_id": "g1", "ts": "2024-05-01T08:00:00+08:00", "lon": 116.4, "lat": 34.45, "accuracy_m": 10},
             {"point_id": "g2", "ts": 1714522200, "lon": 116.41, "lat": 34.46}]
    first = _post(client, key, _batch(subject, src, items))
    assert first.status_code == 200, first.content
    assert first.json() == {"received": 2, "stored": 2, "duplicates": 0}
    assert _post(client, key, _batch(subject, src, items)).json() == {"received": 2, "stored": 0, "duplicates": 2}

    bad = [*items, {"point_id": "g3", "ts": "2024-05-01T09:00:00+08:00", "lon": 116.4, "lat": 95},
           {"point_id": "g4", "ts": "not a time", "lon": 116.4, "lat": 34.4}]
    answer = _post(client, key, _batch(subject, src, bad))
    assert answer.status_code == 422
    body = answer.json()
    assert [(d["index"], d["point_id"]) for d in body["details"]] == [(3, "g3"), (4, "g4")]
    assert "纬度" in body["details"][0]["message"] or "坐标" in body["details"][0]["message"]
    assert LocationPoint.objects.count() == 2


def test_api_needs_a_corrections_token(client, tree, cor, subject, src):
    assert _post(client, "nonsense", _batch(subject, src, [])).status_code == 401
    _, head_key = ApiToken.issue(cor["head"], "局长")
    assert _post(client, head_key, _batch(subject, src, [{"ts": 1714522200, "lon": 116.4, "lat": 34.4}])
                 ).status_code == 403
    assert LocationPoint.objects.count() == 0
