"""Add the test-only app to a running test session.

pytest-django sets Django up before any conftest is imported, so INSTALLED_APPS cannot simply be extended in
settings; `apps.set_installed_apps` (the mechanism behind override_settings(INSTALLED_APPS=...)) re-populates
the registry instead. The app keeps a migration of its own: on PostgreSQL an unmigrated app's table is created
before the migrated apps' tables it points to, and fails."""

from django.apps import apps
from django.conf import settings
from django.urls import clear_url_caches

APP = "tests.scopeapp"


def install() -> None:
    if APP in settings.INSTALLED_APPS:
        return
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, APP]
    apps.set_installed_apps(settings.INSTALLED_APPS)
    settings.ROOT_URLCONF = "tests.urls"
    clear_url_caches()
