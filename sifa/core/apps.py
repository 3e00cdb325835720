from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import lookups, signals  # noqa: F401  login/logout audit hooks

        lookups.register()
