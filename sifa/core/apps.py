from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import access, deployment, lookups, signals  # noqa: F401  audit hooks, start-up checks

        access.install()
        lookups.register()
        from . import daily

        daily.register_platform_jobs()
        from django.db.backends.signals import connection_created

        from .audit_guard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="sifa_audit_guard")

        from django.db.models.signals import pre_save

        from .richtext import clean_instance

        pre_save.connect(clean_instance, dispatch_uid="sifa_free_text")  # markup never stored (SECURITY.md F2)

        # Each line's workflow table (<app>/workflow.py) registers itself when imported; the home page's
        # 待我决定 needs them all, whether or not a page of the line has been served yet.
        autodiscover_modules("workflow")
