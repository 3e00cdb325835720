from django.apps import AppConfig


class LegalAidConfig(AppConfig):
    name = "sifa.legalaid"
    label = "legalaid"
    verbose_name = "法律援助与法律咨询"

    def ready(self):
        from . import integration

        integration.register_all()
