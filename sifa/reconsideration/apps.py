from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "sifa.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"

    def ready(self):
        from . import integration

        integration.register_all()
