from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "sifa.indicators"
    label = "indicators"
    verbose_name = "统计指标"

    def ready(self):
        from sifa.core import navigation

        from . import (
            checks,  # noqa: F401  system checks (indexes, references)
            registry,
            tracking,
        )

        registry.autodiscover()
        tracking.start()
        navigation.register(navigation.NavEntry("统计分析", "指标查询", "indicators:browser",
                                                capability="view_dashboard", order=80))
        navigation.register(navigation.NavEntry("统计分析", "历史基数", "indicators:baselines",
                                                capability="view_dashboard", order=81))
