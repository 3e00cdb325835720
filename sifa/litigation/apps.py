from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "sifa.litigation"
    label = "litigation"
    verbose_name = "行政应诉"

    def ready(self):
        from . import integration

        integration.register_all()
