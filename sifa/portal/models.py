"""Public portal records: one-time SMS codes, tracking codes (查询码) and idempotent submissions.

A citizen is known only by a mobile number they have proven to hold. The number itself is not kept here: rows
carry an HMAC digest of it (to find "my" rows) and its last four digits (for the public lookup), so this app
holds the minimum personal information it needs (PIPL Art 6)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class PhoneChallenge(models.Model):
    """A one-time code sent by SMS. Only a keyed hash of the code is stored; it expires and allows few tries."""

    mobile_digest = models.CharField(max_length=64, db_index=True)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        ordering = ["-id"]


class TrackingCode(models.Model):
    """查询码: a short, non-guessable code a citizen receives for an application, linked to any record."""

    code = models.CharField("查询码", max_length=16, unique=True)
    kind = models.CharField("事项类型", max_length=40, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    mobile_digest = models.CharField(max_length=64, db_index=True)
    mobile_last4 = models.CharField("手机尾号", max_length=4)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "查询码"
        verbose_name_plural = "查询码"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="portal_tracking_target")]

    def __str__(self):
        return self.code


class PortalSubmission(models.Model):
    """One accepted portal form, keyed by (citizen, form token): a repeated POST of the same form returns the
    first result instead of creating a second record (SECURITY.md G3)."""

    mobile_digest = models.CharField(max_length=64)
    token = models.CharField(max_length=64)
    payload_hash = models.CharField(max_length=64)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "公众提交记录"
        verbose_name_plural = "公众提交记录"
        constraints = [models.UniqueConstraint(fields=["mobile_digest", "token"], name="uniq_portal_submission")]
