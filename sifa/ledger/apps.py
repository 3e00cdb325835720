from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "sifa.ledger"
    label = "ledger"
    verbose_name = "台账导入导出"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from sifa.core import navigation

        from . import builtin_kinds  # noqa: F401  机构、常住人口

        # Each business line declares its kinds in its own `ledger.py`.
        autodiscover_modules("ledger")
        # Business staff import their lines' records; the system administrator (who holds neither "import"
        # nor case-record rights) maintains org units and population through the same page.
        for capability in ("import", "manage_orgs"):
            navigation.register(navigation.NavEntry(section="台账", label="台账导入导出", url_name="ledger:index",
                                                    capability=capability, order=900))
