"""Role changes as records: a system administrator's proposal waiting for the security administrator, or the
security administrator's own change, each with its reason, so who asked, who decided and why stays visible."""

from django.db import models

from sifa.core.models import Role


class RoleRequestStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"


class RoleRequest(models.Model):
    user = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+", verbose_name="账号")
    from_role = models.CharField("原角色", max_length=30, choices=Role.choices)
    to_role = models.CharField("拟任角色", max_length=30, choices=Role.choices)
    reason = models.CharField("事由", max_length=200)
    status = models.CharField("状态", max_length=10, choices=RoleRequestStatus.choices,
                              default=RoleRequestStatus.PENDING, db_index=True)
    requested_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="申请人")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="审核人")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.CharField("审核意见", max_length=200, blank=True)

    class Meta:
        verbose_name = "角色变更"
        verbose_name_plural = "角色变更"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="pending"),
                                    name="uniq_pending_role_request_per_user"),
        ]

    def __str__(self):
        return f"{self.user} {self.get_from_role_display()}→{self.get_to_role_display()}"
