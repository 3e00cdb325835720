"""The test database, migrated once per version of the code and copied for each test process.

Migrating every app from scratch costs about a minute of CPU, and `make test` starts many test processes (one per
pytest-xdist worker, one per browser-test file, the demo county's build), each of which used to migrate a database
of its own. Now the first process to need it migrates a template — a SQLite file or a PostgreSQL database named
after a fingerprint of the code and of the installed apps — and every process copies it before Django's own
set-up (`tests/conftest.py: django_db_setup`), which then finds every migration applied (`keepdb`). A change
anywhere in `sifa` or in the test apps gives a new fingerprint and one new migration; older templates are dropped.
"""

from __future__ import annotations

from pathlib import Path

from tests import dbcopy

FINGERPRINTED = [dbcopy.ROOT / "sifa", dbcopy.ROOT / "requirements.lock", Path(__file__).resolve(),
                 dbcopy.ROOT / "tests" / "settings.py", dbcopy.ROOT / "tests" / "scopeapp",
                 dbcopy.ROOT / "tests" / "indicators_testapp"]
PREFIX = "migrated"


def install_test_apps() -> None:
    """The suite's test-only lines, in every test process (and in the demo's build, so that both start from the
    same migrated template)."""
    from tests.indicators_testapp.install import install as install_indicators_testapp
    from tests.scopeapp.install import install as install_scopeapp

    install_scopeapp()
    install_indicators_testapp()


def fingerprint() -> str:
    from django.conf import settings

    return dbcopy.fingerprint(FINGERPRINTED, *settings.INSTALLED_APPS)


def copy_migrated(connection, target: str) -> None:
    """`target` (a SQLite path or PostgreSQL database name) becomes a freshly migrated database."""
    from django.core.management import call_command

    key = fingerprint()
    name = dbcopy.template_name(connection, PREFIX, key)
    with dbcopy.lock(connection.vendor, PREFIX):
        if not dbcopy.exists(connection, name):
            building = f"{name}.building" if dbcopy.is_sqlite(connection.settings_dict) else f"{name}_building"
            dbcopy.create_empty(connection, building)
            with dbcopy.pointed_at(connection, building):
                call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
                dbcopy.publish(connection, building, name)
            dbcopy.drop_stale(connection, PREFIX + "-", key)
        dbcopy.copy(connection, name, target)


def seed_test_database(connection) -> None:
    """Put a migrated copy where Django's test set-up will look for the test database."""
    copy_migrated(connection, connection.creation._get_test_db_name())
