from django.conf import settings
from django.db import models


class HolidaySchedule(models.Model):
    """One year's 放假/调休 days as the State Council's notice (国务院办公厅关于某年部分节假日安排的通知) publishes
    them, entered by a 系统管理员 when the notice comes out (sifa.core.actions.publish_holiday_schedule) for a
    year the bundled chinese-calendar does not carry yet. sifa.core.workdays reads it."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    holidays = models.JSONField("放假日期", default=list)            # ISO dates, sorted
    makeup_workdays = models.JSONField("调休上班日期", default=list)   # ISO dates (weekend days worked), sorted
    source = models.CharField("依据（通知文号）", max_length=200)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT,
                                     related_name="+")
    published_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = verbose_name_plural = "节假日安排"

    def __str__(self):
        return f"{self.year}年节假日安排"
