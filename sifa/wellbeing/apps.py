from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "sifa.wellbeing"
    label = "wellbeing"
    verbose_name = "心理评估与预警"

    def ready(self):
        from . import integration

        integration.register_all()
