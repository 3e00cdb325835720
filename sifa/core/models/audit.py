"""The append-only audit log (SECURITY.md C1–C3). Rows are chained with HMAC-SM3, so an edited or deleted row
breaks the chain, and a signed seal names the newest row, so cutting rows off the end is caught too. Triggers
refuse UPDATE and DELETE of audit rows (PostgreSQL and SQLite) and the removal of the current seal."""

from django.db import models


class AuditEventType(models.TextChoices):
    LOGIN_OK = "login_ok", "登录成功"
    LOGIN_FAIL = "login_fail", "登录失败"
    LOCKOUT = "lockout", "账号锁定"
    LOGOUT = "logout", "退出登录"
    PASSWORD_CHANGE = "password_change", "修改密码"
    ROLE_CHANGE = "role_change", "角色变更"
    ACTION = "action", "业务操作"
    READ_SENSITIVE = "read_sensitive", "查看敏感信息"
    UNMASK = "unmask", "解除脱敏"
    SEARCH_SENSITIVE = "search_sensitive", "检索敏感信息"
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"
    DENIED = "denied", "越权访问被拒绝"
    CONFIG = "config", "配置变更"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("审计日志只能追加，不能修改。")

    def delete(self):
        raise PermissionError("审计日志只能追加，不能删除。")


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    event = models.CharField("事件类型", max_length=30, choices=AuditEventType.choices, db_index=True)
    user = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+", verbose_name="用户")
    username = models.CharField("账号", max_length=150, blank=True, db_index=True)
    role = models.CharField("角色", max_length=30, blank=True)
    org_path = models.CharField("机构路径", max_length=400, blank=True, db_index=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    request_id = models.CharField("请求编号", max_length=36, blank=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    verb = models.CharField("操作", max_length=50, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    outcome = models.CharField("结果", max_length=20, default="success")
    reason = models.CharField("事由", max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志只能追加，不能删除。")


class AuditChainHead(models.Model):
    """A single row whose lock serialises appends, so the chain has no forks. The chain continues from the newest
    row's hash; `last_hash` is the anchor for when no row is left (the audit purge sets it)."""

    last_hash = models.CharField(max_length=64)


class AuditSeal(models.Model):
    """The signed head of the chain: the id and hash of the newest audit row, with an HMAC-SM3 over both.

    Each append inserts a new seal and deletes the one before it, in the same transaction as the audit row, so
    exactly one seal exists and it always names the newest row. Deleting the newest rows therefore leaves a seal
    naming a row that is gone, and a forged seal needs the chain key. Inserting instead of updating, and finding
    the previous seal by its row's id (never by the seals' own max), keeps a long transaction of appends linear on
    PostgreSQL (an updated row, or a scan over seals deleted in the same transaction, grows with every append)."""

    event_id = models.BigIntegerField("最新记录编号", unique=True)
    event_hash = models.CharField("最新记录哈希", max_length=64)
    mac = models.CharField("签名", max_length=64)

    class Meta:
        verbose_name = "审计链头签名"
        verbose_name_plural = "审计链头签名"
