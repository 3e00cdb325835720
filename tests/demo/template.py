"""The demo county as a template database: built once, copied for each test process that reads it.

Building the county through the lines' actions takes minutes; copying a database takes a second. So the county
is built once into a template — a SQLite file, or a PostgreSQL database — named after a fingerprint of the code
that builds it (the `sifa` package, the lock file, this module): a run whose code is unchanged reuses the
template of the run before, a change anywhere in `sifa` builds a new one. Each test process copies the template
(PostgreSQL: `CREATE DATABASE … TEMPLATE`; SQLite: a file copy) and points its connection at the copy for the
duration of a test module (`use_copy`).

`tools/run_tests.py` starts `python -m tests.demo.template` beside the suite, so the template is usually ready
before the demo tests start; run alone, the first test process that needs it builds it. A file lock makes sure
only one process builds it while the others wait.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from pathlib import Path

from tests import dbcopy
from tests.migrated_db import copy_migrated, install_test_apps

ROOT = dbcopy.ROOT
FINGERPRINTED = [ROOT / "sifa", ROOT / "requirements.lock", Path(__file__).resolve(), ROOT / "tests" / "hashers.py",
                 ROOT / "tests" / "settings.py", ROOT / "tests" / "migrated_db.py", ROOT / "tests" / "dbcopy.py"]
PREFIX = "demo"


def fingerprint() -> str:
    """A hash of every file the demo build depends on (paths and contents)."""
    return dbcopy.fingerprint(FINGERPRINTED)


def media_dir(connection, key: str) -> Path:
    """Files the demo build stores (uploads, the demo logins), kept beside the template."""
    return dbcopy.cache_dir(connection.vendor) / f"demo-{key}-var"


@contextlib.contextmanager
def ready(log=print):
    """Yields (template name, fingerprint) of the current code's template, built first if there is none yet.
    The build lock is held meanwhile, so the template is not dropped (by a build of newer code) while the
    caller copies it."""
    from django.db import connections

    key = fingerprint()
    connection = connections["default"]
    name = dbcopy.template_name(connection, PREFIX, key)
    with dbcopy.lock(connection.vendor, "build"):
        if not dbcopy.exists(connection, name):
            started = time.monotonic()
            log(f"demo template: building {name}")
            _build(connection, name, key)
            log(f"demo template: built in {time.monotonic() - started:.0f} s")
        yield name, key


def _build(connection, name: str, key: str) -> None:
    """Start from the migrated template, build the county and every line's demo records into it, then publish
    it under its name in one step."""
    from django.test import override_settings

    from sifa.demo import county, registry

    building = f"{name}.building" if dbcopy.is_sqlite(connection.settings_dict) else f"{name}_building"
    copy_migrated(connection, building)
    var = media_dir(connection, key)
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    with dbcopy.pointed_at(connection, building):
        with override_settings(VAR_DIR=var, MEDIA_ROOT=var / "private"):
            ctx = county.build_county(log=lambda message: None)
            registry.autodiscover()
            registry.run_all(ctx, strict=True)
        dbcopy.publish(connection, building, name)
    dbcopy.drop_stale(connection, PREFIX + "-", key)


@contextlib.contextmanager
def use_copy(copy_dir: Path):
    """Within the block the default connection reads and writes a private copy of the demo template; the test
    database is back afterwards and the copy is dropped. Yields the directory of the demo's stored files."""
    from django.db import connections

    connection = connections["default"]
    sqlite = dbcopy.is_sqlite(connection.settings_dict)
    copy = str(copy_dir / "demo.sqlite3") if sqlite else f"{connection.settings_dict['NAME']}_demo"
    var = copy_dir / "var"
    with ready(log=lambda message: print(message, file=sys.stderr)) as (template, key):
        dbcopy.copy(connection, template, copy)
        shutil.copytree(media_dir(connection, key), var, dirs_exist_ok=True)
    with dbcopy.pointed_at(connection, copy):
        yield var
    if not sqlite:
        dbcopy.pg_execute(connection, f'DROP DATABASE IF EXISTS "{copy}"')


def main() -> int:
    """`python -m tests.demo.template`: build the template of the current code unless it exists."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    install_test_apps()
    with ready():
        return 0


if __name__ == "__main__":
    sys.exit(main())
