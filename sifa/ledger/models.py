"""The history of imports: who imported what into which unit, how it went, and the per-cell error report."""

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    IMPORTED = "imported", "已导入"
    VALIDATED = "validated", "校验通过（未写入）"
    REJECTED = "rejected", "未导入（有错误）"


class ImportRun(models.Model):
    kind = models.CharField("台账类型", max_length=50)
    kind_name = models.CharField("台账名称", max_length=50)
    org = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="目标机构")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name="导入人")
    filename = models.CharField("文件名", max_length=200, blank=True)
    dry_run = models.BooleanField("仅校验", default=False)
    status = models.CharField("结果", max_length=20, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField("数据行数", default=0)
    imported = models.PositiveIntegerField("导入行数", default=0)
    error_count = models.PositiveIntegerField("错误数", default=0)
    # [[row, column, value, reason], ...], at most SIFA_LEDGER_MAX_ERRORS; sensitive values are masked.
    errors = models.JSONField("错误明细", default=list, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-id"]

    @property
    def errors_truncated(self) -> bool:
        return self.error_count > len(self.errors)

    @property
    def summary(self) -> str:
        if self.status == ImportStatus.REJECTED:
            more = f"（仅列出前{len(self.errors)}处）" if self.errors_truncated else ""
            return f"发现{self.error_count}处错误{more}，整个文件未导入，没有写入任何数据。请按错误报告修改后重新上传。"
        if self.status == ImportStatus.VALIDATED:
            return f"校验通过：共{self.rows}行，可以导入。本次为“仅校验”，没有写入任何数据。"
        return f"导入成功：共导入{self.imported}行{self.kind_name}到“{self.org.name}”。"

    def __str__(self):
        return f"{self.kind_name} · {self.get_status_display()}"
