from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sifa.reports"
    label = "reports"
    verbose_name = "驾驶舱与工作报告"
