from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "sifa.litigation"
    label = "litigation"
    verbose_name = "行政应诉"

    def ready(self):
        from . import integration

        integration.register_all()
        from sifa.core import daily

        from .reminders import remind_deadlines

        daily.register("行政复议、应诉期限提醒", remind_deadlines, order=20)
