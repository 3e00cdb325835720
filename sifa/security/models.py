"""Records of the security controls themselves: break-glass grants and audit-log archives."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

UNMASK_GRANT_HOURS = 3


class UnmaskGrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())

    def for_field(self, user, obj, field: str):
        return self.filter(user=user, model_label=obj._meta.label_lower, object_id=str(obj.pk), field=field)


class UnmaskGrant(models.Model):
    """Break-glass (SECURITY.md B3): `user` may see the clear value of one sensitive field of one record until
    `expires_at`. Created only with a typed reason; the reason is also in the UNMASK audit row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unmask_grants",
                             verbose_name="用户")
    model_label = models.CharField("对象类型", max_length=100)
    object_id = models.CharField("对象编号", max_length=64)
    field = models.CharField("字段", max_length=64)
    reason = models.CharField("事由", max_length=500)
    granted_at = models.DateTimeField("授权时间", default=timezone.now)
    expires_at = models.DateTimeField("失效时间", db_index=True)

    objects = UnmaskGrantQuerySet.as_manager()

    class Meta:
        verbose_name = "解除脱敏授权"
        verbose_name_plural = "解除脱敏授权"
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "model_label", "object_id", "field"], name="unmask_grant_lookup")]

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.granted_at + timedelta(hours=UNMASK_GRANT_HOURS)
        super().save(*args, **kwargs)


class AuditArchive(models.Model):
    """One purge of old audit rows (SECURITY.md C2): rows up to `last_id` were written to an archive file and
    removed; `last_hash` anchors the chain of the rows that remain."""

    before = models.DateField("截止日期（不含）")
    first_id = models.BigIntegerField("首条编号")
    last_id = models.BigIntegerField("末条编号")
    row_count = models.PositiveIntegerField("条数")
    last_hash = models.CharField("末条哈希", max_length=64)
    archive_name = models.CharField("归档文件", max_length=300)
    archive_sm3 = models.CharField("归档文件SM3摘要", max_length=64)
    performed_by = models.CharField("执行人", max_length=150)
    performed_at = models.DateTimeField("执行时间", default=timezone.now)

    class Meta:
        verbose_name = "审计日志归档"
        verbose_name_plural = "审计日志归档"
        ordering = ["-last_id"]


class SubmissionKey(models.Model):
    """One staff form submission (by its one-time form token) or one API request (by its Idempotency-Key), kept
    so that a repeat is answered with the first result instead of writing again (sifa.security.idempotency)."""

    key = models.CharField("键", max_length=64, unique=True)
    request_hash = models.CharField("请求摘要", max_length=64)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    status_code = models.PositiveSmallIntegerField("响应状态", null=True, blank=True)  # None: still in flight
    location = models.CharField("跳转地址", max_length=500, blank=True)
    body = models.TextField("响应内容", blank=True)
    content_type = models.CharField("响应类型", max_length=100, blank=True)

    class Meta:
        verbose_name = "防重复提交记录"
        verbose_name_plural = "防重复提交记录"
