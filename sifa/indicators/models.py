"""Historical baselines: totals a bureau copies from its reports of the years before Sifa, so that 同比 works
from its first year. They are labelled with their source and are only ever a comparison basis — never the value
of the period being reported (see engine.compare)."""

from django.db import models

from sifa.core.models import ScopedModel


class Baseline(ScopedModel):
    indicator_code = models.CharField("指标代码", max_length=100)
    period_key = models.CharField("统计期间", max_length=40, help_text="如 2020、2020H1、2020Q3、2020-05")
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)
    source = models.CharField("数据来源", max_length=200, help_text="如“2020年工作总结”")
    note = models.TextField("备注", blank=True)
    entered_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="录入人")

    class Meta:
        verbose_name = "历史基数"
        verbose_name_plural = "历史基数"
        ordering = ["indicator_code", "-period_start"]
        constraints = [models.UniqueConstraint(fields=["indicator_code", "org", "period_key"],
                                               name="uniq_baseline_indicator_org_period")]

    def __str__(self):
        return f"{self.indicator_code} {self.period_key} 历史基数"

    @property
    def value_display(self) -> str:
        """The value as entered: 1234, 97.5 (no trailing zeros, never an exponent)."""
        return f"{self.value.normalize():f}"


# ------------------------------------------------------------------------------------------------ roll-ups
# Stored roll-ups (see rollups.py): internal summaries of records, never edited by hand and never shown as records.


class RollupPartition(models.Model):
    """The write generation of one county partition of one record model in one year: every saved, deleted or
    bulk-written record moves it (for the years its dates fall in) in the writing transaction, so a roll-up built
    at an older generation is known to be stale."""

    label = models.CharField("模型", max_length=100)
    partition = models.CharField("分区", max_length=12)
    year = models.PositiveSmallIntegerField("年度", default=0)
    generation = models.BigIntegerField("写入代数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "汇总分区"
        constraints = [models.UniqueConstraint(fields=["label", "partition", "year"], name="uniq_rollup_partition_year")]


class RollupState(models.Model):
    """Which generation of a partition-year the stored roll-up of an indicator (and breakdown column) was built at."""

    code = models.CharField("指标代码", max_length=100)
    fingerprint = models.CharField("口径指纹", max_length=12)
    column = models.CharField("分组字段", max_length=100, blank=True)
    partition = models.CharField("分区", max_length=12)
    year = models.PositiveSmallIntegerField("年度", default=0)
    generation = models.BigIntegerField("构建时写入代数")
    built_at = models.DateTimeField("构建时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "汇总状态"
        constraints = [models.UniqueConstraint(fields=["code", "fingerprint", "column", "partition", "year"],
                                               name="uniq_rollup_state_year")]


class Rollup(models.Model):
    """One indicator's aggregate over the records of one org unit in one month (and one value of a breakdown
    column): the sum of these rows over whole months equals the aggregate over the records."""

    code = models.CharField("指标代码", max_length=100)
    fingerprint = models.CharField("口径指纹", max_length=12)
    column = models.CharField("分组字段", max_length=100, blank=True)
    partition = models.CharField("分区", max_length=12)
    org_path = models.CharField("机构路径", max_length=400)
    month = models.DateField("月份")
    choice = models.CharField("分组值", max_length=200, blank=True)
    value = models.DecimalField("数值", max_digits=30, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = "指标月汇总"
        indexes = [models.Index(fields=["code", "fingerprint", "column", "partition", "month"],
                                include=["org_path", "choice", "value"], name="ind_rollup_lookup")]


class RollupTotal(models.Model):
    """One indicator's aggregate over all the records of one county partition in one month (and one value of a
    breakdown column): the sum of that partition's Rollup rows, so a province-wide figure reads a row per county
    and month instead of one per unit."""

    code = models.CharField("指标代码", max_length=100)
    fingerprint = models.CharField("口径指纹", max_length=12)
    column = models.CharField("分组字段", max_length=100, blank=True)
    partition = models.CharField("分区", max_length=12)
    month = models.DateField("月份")
    choice = models.CharField("分组值", max_length=200, blank=True)
    value = models.DecimalField("数值", max_digits=30, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = "指标分区月汇总"
        indexes = [models.Index(fields=["code", "fingerprint", "column", "partition", "month"],
                                include=["choice", "value"], name="ind_rollup_total_lookup")]
