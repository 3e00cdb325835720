"""智慧矫正 records: location tracks (行踪轨迹), permitted areas, screening runs, alerts and their 核查 (DOMAIN.md §5,
《社区矫正法》第二十六条 信息化核查, 第二十九条 电子定位).

Location tracks are sensitive personal information (SECURITY.md E1, E3): only the corrections officers responsible
for a subject (the subject's 司法所 and the county's corrections organ) read them, every read is audited
(actions.read_points), and they are purged after 解矫 plus the retention period (conf.retention_days).

`LocationPoint` is the one large table (a county-year is some 30 million rows), so it is not a ScopedModel: a row
is a subject, a source, the source's point id, a time, WGS84 coordinates and an accuracy — no org path, no
timestamps — and its scope is its subject's (`LocationPoint.objects.for_user`). Every other record here is a
corrections record, scoped like the subject it belongs to.

Changes happen only through sifa.tracks.actions.
"""

from __future__ import annotations

from django.db import models

from sifa.core.models import ScopedQuerySet
from sifa.corrections import access
from sifa.corrections.models import CorrectionsRecord, Subject


class Crs(models.TextChoices):
    WGS84 = "wgs84", "WGS84/CGCS2000（卫星定位、官方地图）"
    GCJ02 = "gcj02", "GCJ-02（国内互联网地图）"


class SourceKind(models.TextChoices):
    PHONE = "phone", "手机定位"
    DEVICE = "device", "电子定位装置"
    APP = "app", "APP签到"


class SourceQuerySet(ScopedQuerySet):
    def reach_filter(self, user):
        """Sources of the user's corrections scope, and those of the county organ above it (a 司法所's officers
        upload with the county's sources)."""
        root = access.scope_root(user)
        if root is None:
            return None
        return models.Q(org_path__startswith=root.path) | models.Q(org=access.county_of(root))


class TrackSource(CorrectionsRecord):
    """Where points come from (a carrier's phone-location feed, a bracelet gateway, the check-in app, an upload),
    with the coordinate system its coordinates are in. Owned by the county's corrections organ."""

    name = models.CharField("来源名称", max_length=100)
    kind = models.CharField("定位方式", max_length=10, choices=SourceKind.choices)
    crs = models.CharField("坐标系", max_length=8, choices=Crs.choices, default=Crs.WGS84)
    active = models.BooleanField("启用", default=True)

    objects = SourceQuerySet.as_manager()
    detail_url_name = "tracks:source_list"

    class Meta:
        verbose_name = "轨迹来源"
        verbose_name_plural = "轨迹来源"
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="tracks_source_org_name")]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}，{self.crs.upper()}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tracks:source_list")


class PointQuerySet(models.QuerySet):
    def for_user(self, user):
        """Points of the subjects the user is responsible for, and only for holders of `read_tracks` (the
        corrections officers): nothing for leaders, other lines or administrators."""
        from sifa.core.roles import has_capability

        if not has_capability(user, "read_tracks") or access.scope_root(user) is None:
            return self.none()
        return self.filter(subject__in=Subject.objects.for_user(user).values("pk"))


class LocationPoint(models.Model):
    """One location fix, in WGS84 (converted on ingestion from the source's system). Compact on purpose."""

    id = models.BigAutoField(primary_key=True)
    # Both foreign keys are served by the composite indexes below; no separate single-column indexes.
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+", verbose_name="社区矫正对象",
                                db_index=False)
    source = models.ForeignKey(TrackSource, on_delete=models.PROTECT, related_name="+", verbose_name="来源",
                               db_index=False)
    point_id = models.CharField("定位点编号", max_length=64)
    ts = models.DateTimeField("定位时间")
    lon = models.FloatField("经度")
    lat = models.FloatField("纬度")
    accuracy = models.FloatField("定位精度（米）", null=True, blank=True)

    objects = PointQuerySet.as_manager()

    class Meta:
        verbose_name = "定位点"
        verbose_name_plural = "定位点"
        indexes = [models.Index(fields=["subject", "ts"], name="tracks_point_subject_ts")]
        constraints = [models.UniqueConstraint(fields=["source", "point_id"], name="tracks_point_source_pid")]

    def __str__(self):
        return f"定位点 {self.point_id}"


class AreaKind(models.TextChoices):
    COUNTY = "county", "执行地县（市、区）边界"
    EXTRA = "extra", "经批准的其他活动区域"


class PermittedArea(CorrectionsRecord):
    """A permitted area: the county boundary of a place of execution (owned by the county bureau; the packaged
    boundary applies when none is uploaded) or an extra area approved for one subject (a workplace across the
    border), valid from/to. `geojson` is the upload as given; `crs` says its system."""

    kind = models.CharField("区域类别", max_length=8, choices=AreaKind.choices)
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                verbose_name="社区矫正对象")
    name = models.CharField("名称", max_length=100)
    crs = models.CharField("坐标系", max_length=8, choices=Crs.choices, default=Crs.WGS84)
    geojson = models.TextField("GeoJSON")
    features = models.PositiveIntegerField("要素数", default=0)
    valid_from = models.DateField("起始日", null=True, blank=True)
    valid_to = models.DateField("截止日", null=True, blank=True)
    basis = models.CharField("批准依据", max_length=200, blank=True)
    active = models.BooleanField("有效", default=True)

    detail_url_name = "tracks:area_list"

    class Meta:
        verbose_name = "准许活动区域"
        verbose_name_plural = "准许活动区域"
        ordering = ["kind", "-id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tracks:area_list")


class RunStatus(models.TextChoices):
    DONE = "done", "已完成"
    FAILED = "failed", "未完成"


class ScreeningRun(CorrectionsRecord):
    """One screening of the stored points of an org's subjects over a period; its alerts were written with it."""

    period_start = models.DateField("排查起始日")
    period_end = models.DateField("排查截止日")
    run_at = models.DateTimeField("排查时间")
    run_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name="排查人")
    buffer_m = models.FloatField("边界缓冲（米）")
    min_minutes = models.FloatField("最短持续（分钟）")
    min_points = models.PositiveIntegerField("最少点数")
    gap_hours = models.FloatField("断档（小时）")
    subjects = models.PositiveIntegerField("排查人数", default=0)
    points = models.PositiveIntegerField("定位点数", default=0)
    episodes = models.PositiveIntegerField("发现外出段数", default=0)
    found = models.PositiveIntegerField("发现人数", default=0)
    new_alerts = models.PositiveIntegerField("新增预警", default=0)

    detail_url_name = "tracks:run_detail"

    class Meta:
        verbose_name = "轨迹排查"
        verbose_name_plural = "轨迹排查"
        ordering = ["-run_at", "-id"]
        indexes = [models.Index(fields=["org_path", "period_end"], name="tracks_run_scope_end")]

    def __str__(self):
        return f"轨迹排查 {self.period_start}至{self.period_end}"


class ScreenedSubject(CorrectionsRecord):
    """A subject covered by a run (had points in its period): the basis of 排查人数 and 发现人数."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="screened", verbose_name="排查")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+", verbose_name="社区矫正对象")
    period_end = models.DateField("排查截止日")
    points = models.PositiveIntegerField("定位点数")
    episodes = models.PositiveIntegerField("外出段数", default=0)
    found = models.BooleanField("发现私自外出", default=False)

    detail_url_name = "tracks:run_detail"

    class Meta:
        verbose_name = "排查对象"
        verbose_name_plural = "排查对象"
        ordering = ["run_id", "subject_id"]
        indexes = [models.Index(fields=["org_path", "period_end"], name="tracks_screened_scope_end")]
        constraints = [models.UniqueConstraint(fields=["run", "subject"], name="tracks_screened_run_subject")]

    def __str__(self):
        return f"{self.subject.name} 排查{self.period_end}"

    def detail_pk(self):
        return self.run_id


class AlertKind(models.TextChoices):
    DEPARTURE = "departure", "疑似私自外出"
    SILENCE = "silence", "失联（无定位）"
    OFFENCE = "offence", "涉嫌违法犯罪（二次排查）"


class AlertStatus(models.TextChoices):
    OPEN = "open", "待核查"
    CONFIRMED = "confirmed", "核查属实"
    EXCLUDED = "excluded", "已排除"


class Alert(CorrectionsRecord):
    """A finding for the subject's 司法所 to check (核查): an episode outside the permitted area (with its
    evidence), a silence (no points for too long) or a hit on the police's list of new offences."""

    kind = models.CharField("预警类别", max_length=10, choices=AlertKind.choices)
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+", verbose_name="社区矫正对象")
    run = models.ForeignKey(ScreeningRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts",
                            verbose_name="排查")
    occurred_on = models.DateField("发生日期")
    start_at = models.DateTimeField("起始时间", null=True, blank=True)
    end_at = models.DateTimeField("结束时间", null=True, blank=True)
    minutes = models.FloatField("持续（分钟）", default=0)
    points = models.PositiveIntegerField("区域外点数", default=0)
    max_distance_m = models.PositiveIntegerField("最远距离（米）", default=0)
    summary = models.CharField("摘要", max_length=300)
    evidence = models.JSONField("证据", default=dict, blank=True)
    status = models.CharField("核查状态", max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN,
                              db_index=True)
    handled_on = models.DateField("核查日期", null=True, blank=True)
    handled_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="核查人")
    finding = models.TextField("核查情况", blank=True)
    sanction = models.ForeignKey("corrections.RewardSanction", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="移送的考核奖惩")
    dedupe_key = models.CharField(max_length=120, editable=False)

    detail_url_name = "tracks:alert_detail"

    class Meta:
        verbose_name = "轨迹预警"
        verbose_name_plural = "轨迹预警"
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["org_path", "occurred_on"], name="tracks_alert_scope_on"),
                   models.Index(fields=["org_path", "handled_on"], name="tracks_alert_scope_handled"),
                   models.Index(fields=["subject", "occurred_on"], name="tracks_alert_subject_on")]
        constraints = [models.UniqueConstraint(fields=["subject", "kind", "dedupe_key"], name="tracks_alert_once")]

    def __str__(self):
        return f"{self.subject.name} {self.get_kind_display()}（{self.occurred_on}）"


class PoliceList(CorrectionsRecord):
    """An imported police list of persons involved in new offences (二次排查). Only the hits are kept (as
    alerts); the list's other rows — people who are not subjects — are never stored."""

    received_on = models.DateField("收到日期")
    provider = models.CharField("提供单位", max_length=100)
    file_name = models.CharField("文件名", max_length=200)
    rows = models.PositiveIntegerField("名单人数", default=0)
    hits = models.PositiveIntegerField("比中人数", default=0)

    detail_url_name = "tracks:police_list"

    class Meta:
        verbose_name = "涉案人员名单"
        verbose_name_plural = "涉案人员名单"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_path", "received_on"], name="tracks_police_scope_on")]

    def __str__(self):
        return f"{self.provider} {self.received_on} 名单"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tracks:police_list")
