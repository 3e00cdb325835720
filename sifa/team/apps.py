from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "sifa.team"
    label = "team"
    verbose_name = "队伍建设"

    def ready(self):
        from . import integration

        integration.register_all()
