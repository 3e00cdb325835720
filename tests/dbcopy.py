"""Copying whole test databases: a SQLite file or a PostgreSQL database, built once under a file lock and copied
(a file copy; `CREATE DATABASE … TEMPLATE`). Used by the migrated template every test process starts from
(tests/migrated_db.py) and by the demo county's template (tests/demo/template.py)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"__pycache__", "vendor"}


def fingerprint(paths, *extra: str) -> str:
    """A hash of every file under `paths` (their paths and contents) and of `extra` strings."""
    digest = hashlib.sha256()
    for top in paths:
        files = [top] if top.is_file() else sorted(
            p for p in top.rglob("*") if p.is_file() and not SKIPPED_DIRS.intersection(p.relative_to(top).parts))
        for path in files:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:16]


def is_sqlite(settings_dict) -> bool:
    return settings_dict["ENGINE"].endswith("sqlite3")


def cache_dir(vendor: str) -> Path:
    """One folder per database engine (locks, stored files, SQLite templates), so that a SQLite build and a
    PostgreSQL build of the same code neither wait for nor clear each other."""
    from django.conf import settings

    path = Path(settings.VAR_DIR) / "test-demo" / vendor
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def lock(vendor: str, name: str):
    with open(cache_dir(vendor) / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pg_databases(connection) -> set[str]:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


def pg_execute(connection, sql: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def exists(connection, name: str) -> bool:
    if is_sqlite(connection.settings_dict):
        return Path(name).is_file()
    return name in pg_databases(connection)


def create_empty(connection, name: str) -> None:
    if is_sqlite(connection.settings_dict):
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
    else:
        pg_execute(connection, f'DROP DATABASE IF EXISTS "{name}"')
        pg_execute(connection, f'CREATE DATABASE "{name}"')


def copy(connection, source: str, target: str, attempts: int = 20) -> None:
    """`target` becomes a copy of `source` (replaced if it exists). PostgreSQL's CREATE DATABASE … TEMPLATE
    refuses while another session uses the template: tried again."""
    from django.db import DatabaseError

    connection.close()
    if is_sqlite(connection.settings_dict):
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return
    pg_execute(connection, f'DROP DATABASE IF EXISTS "{target}"')
    for attempt in range(attempts):
        try:
            pg_execute(connection, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
            return
        except DatabaseError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 + attempt * 0.25)


def publish(connection, building: str, name: str) -> None:
    """Make a finished build visible under its name in one step (a rename): no reader sees half a template."""
    if is_sqlite(connection.settings_dict):
        with connection.cursor() as cursor:  # one self-contained file, no write-ahead log beside it
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    if is_sqlite(connection.settings_dict):
        Path(building).replace(name)
    else:
        pg_execute(connection, f'ALTER DATABASE "{building}" RENAME TO "{name}"')


@contextlib.contextmanager
def pointed_at(connection, name: str):
    """Within the block the connection reads and writes the database `name`."""
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


def drop_stale(connection, prefix: str, keep_key: str) -> None:
    """Files and PostgreSQL databases starting with `prefix` whose name lacks `keep_key` (templates of older
    code) are dropped; a PostgreSQL database in use by a run of other code is left for a later run."""
    for path in cache_dir(connection.vendor).glob(f"{prefix}*"):
        if keep_key not in path.name and not path.name.endswith(".building"):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    if is_sqlite(connection.settings_dict):
        return
    pg_prefix = f"sifa_{prefix.rstrip('-')}_template_"
    for stale in pg_databases(connection):
        if stale.startswith(pg_prefix) and keep_key not in stale and not stale.endswith("_building"):
            with contextlib.suppress(Exception):
                pg_execute(connection, f'DROP DATABASE "{stale}"')


def template_name(connection, prefix: str, key: str) -> str:
    """A template's SQLite file path or PostgreSQL database name."""
    if is_sqlite(connection.settings_dict):
        return str(cache_dir(connection.vendor) / f"{prefix}-{key}.sqlite3")
    return f"sifa_{prefix}_template_{key}"
