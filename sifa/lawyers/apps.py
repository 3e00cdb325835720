from django.apps import AppConfig


class LawyersConfig(AppConfig):
    name = "sifa.lawyers"
    label = "lawyers"
    verbose_name = "律师与法律服务管理"

    def ready(self):
        from . import integration

        integration.register_all()
