from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "sifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import lookups, signals  # noqa: F401  login/logout audit hooks

        lookups.register()
        # Each line's workflow table (<app>/workflow.py) registers itself when imported; the home page's
        # 待我决定 needs them all, whether or not a page of the line has been served yet.
        autodiscover_modules("workflow")
