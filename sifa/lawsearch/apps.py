from django.apps import AppConfig


class LawsearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sifa.lawsearch"
    verbose_name = "法搜"
