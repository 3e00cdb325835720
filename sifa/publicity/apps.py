from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "sifa.publicity"
    label = "publicity"
    verbose_name = "普法与依法治理"

    def ready(self):
        from . import integration

        integration.register_all()
