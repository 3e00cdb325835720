from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import deployment, lookups, signals  # noqa: F401  audit hooks, start-up checks

        lookups.register()
        from django.db.backends.signals import connection_created

        from .audit_guard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="sifa_audit_guard")
