from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "sifa.corrections"
    label = "corrections"
    verbose_name = "社区矫正与安置帮教"

    def ready(self):
        from . import integration

        integration.register_all()
