"""/api/v1/tracks/: the gateway intake of location points and audited reads of a subject's track.

    POST /api/v1/tracks/points      {"source": <id>, "points": [{"point_id", "person_id", "ts", "lon", "lat",
                                     "accuracy_m"}, …]}   (Authorization: Bearer <token of a corrections officer>)

A batch is all or nothing: any bad point → 422 with one entry per bad point (its position from 1, point_id and
the Chinese reason) and nothing stored. Points already stored (same source, same point_id) are skipped, so a
gateway may resend a batch safely; the answer counts received / stored / duplicates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router

from sifa.api.auth import acting_user
from sifa.api.contract import Schema
from sifa.api.errors import ApiError
from sifa.api.scope import get_scoped_or_404, require_capability, scoped

from . import actions
from .models import Alert, Subject, TrackSource

router = Router(tags=["智慧矫正"])
prefix = "tracks"


class PointsIn(Schema):
    source: int = Field(..., title="轨迹来源编号")
    points: list[dict[str, Any]] = Field(..., title="定位点", description="每个点：point_id, person_id, ts, lon, lat, "
                                                                          "accuracy_m（可选）")


class IngestOut(Schema):
    received: int = Field(..., title="收到")
    stored: int = Field(..., title="新存储")
    duplicates: int = Field(..., title="已存在（跳过）")


@router.post("/points", response={200: IngestOut}, summary="接收定位点（网关批量提交）")
def post_points(request, payload: PointsIn):
    require_capability(request, "read_tracks")
    source = scoped(request, TrackSource).filter(pk=payload.source, active=True).first()
    if source is None:
        raise ApiError(422, "invalid", "轨迹来源不存在或已停用。", [{"field": "source", "message": "轨迹来源不存在或已停用。"}])
    try:
        return actions.ingest_batch(acting_user(request), source=source, items=payload.points)
    except ValidationError as exc:
        details = []
        for error in exc.error_list:
            params = error.params or {}
            row = str(params.get("row", ""))
            details.append({"index": int(row[1:-2]) if row.startswith("第") and row.endswith("个点") else None,
                            "point_id": params.get("point_id", ""), "message": error.message})
        raise ApiError(422, "invalid_points", f"{len(details)}个定位点有误，本批均未存储：{details[0]['message']}",
                       details) from None


class PointOut(Schema):
    point_id: str
    ts: dt.datetime
    lon: float
    lat: float
    accuracy: float | None
    source: str = Field(..., title="定位方式")


class PointQuery(Schema):
    start: dt.datetime = Field(..., title="起始时间")
    end: dt.datetime = Field(..., title="结束时间")


@router.get("/subjects/{subject_id}/points", response=list[PointOut], summary="查看对象行踪轨迹（留痕）")
def subject_points(request, subject_id: int, q: Query[PointQuery]):
    subject = get_scoped_or_404(request, Subject, subject_id)
    require_capability(request, "read_tracks")
    rows = actions.read_points(acting_user(request), subject, q.start, q.end, purpose="接口查看行踪轨迹")
    return [{"point_id": r["point_id"], "ts": r["ts"], "lon": r["lon"], "lat": r["lat"], "accuracy": r["accuracy"],
             "source": r["source__kind"]} for r in rows]


class AlertOut(Schema):
    id: int
    kind: str
    status: str
    subject_id: int
    occurred_on: dt.date
    summary: str


@router.get("/alerts/{alert_id}", response=AlertOut, summary="预警")
def get_alert(request, alert_id: int):
    return get_scoped_or_404(request, Alert, alert_id)
