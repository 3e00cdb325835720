from django.apps import AppConfig


class LegalityConfig(AppConfig):
    name = "sifa.legality"
    label = "legality"
    verbose_name = "合法性审查"

    def ready(self):
        from . import integration

        integration.register_all()
