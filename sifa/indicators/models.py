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
