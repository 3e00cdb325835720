from django.apps import AppConfig


class AdminConsoleConfig(AppConfig):
    name = "sifa.admin_console"
    label = "admin_console"
    verbose_name = "系统管理"

    def ready(self):
        from sifa.core.navigation import NavEntry, register

        section = "系统管理"
        for order, label, url_name, capability in (
            (990, "机构管理", "admin_console:org_list", "manage_orgs"),
            (991, "常住人口", "admin_console:population", "manage_orgs"),
            (995, "节假日安排", "admin_console:holidays", "manage_config"),
            (992, "用户管理", "admin_console:user_list", "manage_users"),
            (993, "角色分配", "admin_console:role_list", "manage_roles"),
            (994, "账号解锁", "admin_console:lockout_list", "unlock_accounts"),
        ):
            register(NavEntry(section=section, label=label, url_name=url_name, capability=capability, order=order))
