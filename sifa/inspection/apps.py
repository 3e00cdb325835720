from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "sifa.inspection"
    label = "inspection"
    verbose_name = "法治督察"

    def ready(self):
        from . import integration

        integration.register_all()
