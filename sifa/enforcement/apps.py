from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "sifa.enforcement"
    label = "enforcement"
    verbose_name = "行政执法协调监督"

    def ready(self):
        from . import integration

        integration.register_all()
