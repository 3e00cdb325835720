"""Add the engine's test-only line to a running test session (see tests/scopeapp/install.py for why it is done
with `apps.set_installed_apps`). It has a migration, so its tables are created after core's: an app without
migrations is synced first, and PostgreSQL refuses its foreign keys to core tables that do not exist yet."""

from django.apps import apps
from django.conf import settings

APP = "tests.indicators_testapp"


def install() -> None:
    if APP in settings.INSTALLED_APPS:
        return
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, APP]
    apps.set_installed_apps(settings.INSTALLED_APPS)
