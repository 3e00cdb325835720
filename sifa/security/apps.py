from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "sifa.security"
    label = "security"
    verbose_name = "安全保密"

    def ready(self):
        from sifa.core.navigation import NavEntry, register

        register(NavEntry(section="安全审计", label="审计日志查询", url_name="security:audit_search",
                          capability="read_audit", order=900))
