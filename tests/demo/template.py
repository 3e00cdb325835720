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
import fcntl
import hashlib
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINTED = [ROOT / "sifa", ROOT / "requirements.lock", Path(__file__).resolve(), ROOT / "tests" / "hashers.py",
                 ROOT / "tests" / "settings.py"]
SKIPPED_DIRS = {"__pycache__", "vendor"}


def fingerprint() -> str:
    """A hash of every file the demo build depends on (paths and contents)."""
    digest = hashlib.sha256()
    for top in FINGERPRINTED:
        files = [top] if top.is_file() else sorted(
            p for p in top.rglob("*") if p.is_file() and not SKIPPED_DIRS.intersection(p.relative_to(top).parts))
        for path in files:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _is_sqlite(settings_dict) -> bool:
    return settings_dict["ENGINE"].endswith("sqlite3")


def cache_dir(vendor: str) -> Path:
    """One folder per database engine (its lock, its stored files; on SQLite the template too), so that a
    SQLite build and a PostgreSQL build of the same code neither wait for nor clear each other."""
    from django.conf import settings

    path = Path(settings.VAR_DIR) / "test-demo" / vendor
    path.mkdir(parents=True, exist_ok=True)
    return path


def template_name(connection, key: str) -> str:
    """The template's SQLite file path or PostgreSQL database name."""
    if _is_sqlite(connection.settings_dict):
        return str(cache_dir(connection.vendor) / f"demo-{key}.sqlite3")
    return f"sifa_demo_template_{key}"


def media_dir(connection, key: str) -> Path:
    """Files the demo build stores (uploads, the demo logins), kept beside the template."""
    return cache_dir(connection.vendor) / f"demo-{key}-var"


@contextlib.contextmanager
def _lock(vendor: str):
    with open(cache_dir(vendor) / "build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pg_databases(connection) -> set[str]:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


def _pg_execute(connection, sql: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def _exists(connection, name: str) -> bool:
    if _is_sqlite(connection.settings_dict):
        return Path(name).is_file()
    return name in _pg_databases(connection)


@contextlib.contextmanager
def ready(log=print):
    """Yields (template name, fingerprint) of the current code's template, built first if there is none yet.
    The build lock is held meanwhile, so the template is not dropped (by a build of newer code) while the
    caller copies it."""
    from django.db import connections

    key = fingerprint()
    connection = connections["default"]
    name = template_name(connection, key)
    with _lock(connection.vendor):
        if not _exists(connection, name):
            started = time.monotonic()
            log(f"demo template: building {name}")
            _build(connection, name, key)
            log(f"demo template: built in {time.monotonic() - started:.0f} s")
        yield name, key


def _build(connection, name: str, key: str) -> None:
    """Migrate a fresh database, build the county and every line's demo records into it, then publish it under
    its name in one step (a rename), so no reader ever sees a half-built template."""
    from django.core.management import call_command
    from django.test import override_settings

    from sifa.demo import county, registry

    sqlite = _is_sqlite(connection.settings_dict)
    building = f"{name}.building" if sqlite else f"{name}_building"
    saved = connection.settings_dict["NAME"]
    connection.close()
    if sqlite:
        Path(building).unlink(missing_ok=True)
    else:
        _pg_execute(connection, f'DROP DATABASE IF EXISTS "{building}"')
        _pg_execute(connection, f'CREATE DATABASE "{building}"')
    var = media_dir(connection, key)
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    connection.settings_dict["NAME"] = building
    try:
        call_command("migrate", verbosity=0, interactive=False)
        with override_settings(VAR_DIR=var, MEDIA_ROOT=var / "private"):
            ctx = county.build_county(log=lambda message: None)
            registry.autodiscover()
            registry.run_all(ctx, strict=True)
        if sqlite:
            with connection.cursor() as cursor:  # one self-contained file, no write-ahead log beside it
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved
    if sqlite:
        os.replace(building, name)
    else:
        _pg_execute(connection, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    _drop_stale(connection, name, key)


def _drop_stale(connection, keep: str, key: str) -> None:
    """Templates of older code (and their files) are dropped once a newer one is published."""
    for path in cache_dir(connection.vendor).glob("demo-*"):
        if key not in path.name:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    if _is_sqlite(connection.settings_dict):
        return
    for stale in _pg_databases(connection):
        if stale.startswith("sifa_demo_template_") and stale != keep:
            with contextlib.suppress(Exception):  # in use by a run of other code: left for a later run
                _pg_execute(connection, f'DROP DATABASE "{stale}"')


@contextlib.contextmanager
def use_copy(copy_dir: Path):
    """Within the block the default connection reads and writes a private copy of the demo template; the test
    database is back afterwards and the copy is dropped. Yields the directory of the demo's stored files."""
    from django.db import connections

    connection = connections["default"]
    saved = connection.settings_dict["NAME"]
    sqlite = _is_sqlite(connection.settings_dict)
    copy = str(copy_dir / "demo.sqlite3") if sqlite else f"{saved}_demo"
    var = copy_dir / "var"
    with ready(log=lambda message: print(message, file=sys.stderr)) as (template, key):
        connection.close()
        if sqlite:
            shutil.copyfile(template, copy)
        else:
            _pg_execute(connection, f'DROP DATABASE IF EXISTS "{copy}"')
            _copy_pg(connection, template, copy)
        shutil.copytree(media_dir(connection, key), var, dirs_exist_ok=True)
    connection.settings_dict["NAME"] = copy
    try:
        yield var
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved
        if not sqlite:
            _pg_execute(connection, f'DROP DATABASE IF EXISTS "{copy}"')


def _copy_pg(connection, template: str, copy: str, attempts: int = 20) -> None:
    """CREATE DATABASE … TEMPLATE refuses while another process copies the same template: try again."""
    from django.db import DatabaseError

    for attempt in range(attempts):
        try:
            _pg_execute(connection, f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
            return
        except DatabaseError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 + attempt * 0.25)


def main() -> int:
    """`python -m tests.demo.template`: build the template of the current code unless it exists."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    with ready():
        return 0


if __name__ == "__main__":
    sys.exit(main())
