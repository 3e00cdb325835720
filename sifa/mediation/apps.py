from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "sifa.mediation"
    label = "mediation"
    verbose_name = "人民调解"

    def ready(self):
        from . import integration

        integration.register_all()
