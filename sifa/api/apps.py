from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sifa.api"
    label = "api"
    verbose_name = "开放接口"

    def ready(self):
        from sifa.core import navigation

        for section, capability in (("个人事务", "read_records"), ("系统管理", "manage_orgs")):
            navigation.register(navigation.NavEntry(section, "接口令牌", "api:tokens", capability=capability, order=960))
            navigation.register(navigation.NavEntry(section, "接口说明", "api:docs", capability=capability, order=961))
