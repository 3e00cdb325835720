from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "sifa.visits"
    label = "visits"
    verbose_name = "远程会见预约"

    def ready(self):
        from . import integration

        integration.register_all()
