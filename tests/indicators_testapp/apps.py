from django.apps import AppConfig


class IndicatorsTestAppConfig(AppConfig):
    name = "tests.indicators_testapp"
    label = "indicators_testapp"
    verbose_name = "指标引擎测试条线"
