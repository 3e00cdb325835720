from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import deployment, lookups, signals  # noqa: F401  audit hooks, start-up checks

        lookups.register()
