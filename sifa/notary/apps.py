from django.apps import AppConfig


class NotaryConfig(AppConfig):
    name = "sifa.notary"
    label = "notary"
    verbose_name = "公证"

    def ready(self):
        from . import integration

        integration.register_all()
