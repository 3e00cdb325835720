from django.apps import AppConfig


class ScopeAppConfig(AppConfig):
    name = "tests.scopeapp"
    label = "scopeapp"
    verbose_name = "数据范围测试"
    default_auto_field = "django.db.models.BigAutoField"
