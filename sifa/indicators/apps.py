from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "sifa.indicators"
    label = "indicators"
    verbose_name = "统计指标"
