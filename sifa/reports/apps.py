from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sifa.reports"
    label = "reports"
    verbose_name = "驾驶舱与工作报告"

    def ready(self):
        from sifa.core import deadlines, navigation
        from sifa.indicators import tracking

        from . import kinds, registry
        from .models import Boundary

        registry.autodiscover()
        tracking.track(Boundary)
        navigation.register(navigation.NavEntry("统计分析", "驾驶舱", "reports:dashboard",
                                                capability="view_dashboard", order=78))
        navigation.register(navigation.NavEntry("统计分析", "工作总结", "reports:report",
                                                capability="view_reports", order=79))
        navigation.register(navigation.NavEntry("统计分析", "各类报告", "reports:kind",
                                                capability="view_reports", order=80))
        deadlines.register_source(kinds.due_items)
        navigation.register(navigation.NavEntry("统计分析", "法治驾驶舱", "reports:cockpit",
                                                capability="view_reports", order=77))
        navigation.register(navigation.NavEntry("统计分析", "地图边界", "reports:boundaries",
                                                capability="view_dashboard", order=82))
