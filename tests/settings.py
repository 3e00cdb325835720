"""Settings of the test suite (pytest-django's DJANGO_SETTINGS_MODULE): production's, with three test-only changes.

1. Passwords are hashed with a test-sized Argon2id (tests/hashers.py): the same algorithm and encoding as
   production, at a thousandth of the cost. tests/security checks the production parameters explicitly
   (`import sifa.settings`).
2. On SQLite the test database is a file of its own per process, not Django's shared-cache in-memory database.
   pytest-django's live server hands the test's one in-memory connection to every request thread; two requests
   at once (a double-tapped submit) then ran on one connection, and a thread without the shared connection met
   "database table is locked". With a file, every thread has its own connection and WAL with a busy timeout
   serialises the writers as in production. The file lives on tmpfs (/dev/shm) where there is one.
3. SIFA_TEST_DB_SUFFIX gives processes running side by side (tools/run_tests.py's browser files, engineers
   sharing one PostgreSQL) test databases of their own.
"""

import atexit
import os
import shutil
import tempfile

from sifa.settings import *  # noqa: F403
from sifa.settings import DATABASES, PASSWORD_HASHERS

PASSWORD_HASHERS = ["tests.hashers.QuickArgon2Hasher", *PASSWORD_HASHERS]

_SUFFIX = os.environ.get("SIFA_TEST_DB_SUFFIX", "")
_default = DATABASES["default"]


def _sweep_dead(parent: str) -> None:
    """Test databases left by processes that were killed (tmpfs is memory): removed by the next test process."""
    for entry in os.scandir(parent):
        pid = entry.name.split("-")[2] if entry.name.startswith("sifa-test-") else ""
        if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
            shutil.rmtree(entry.path, ignore_errors=True)


if _default["ENGINE"].endswith("sqlite3"):
    _parent = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    _sweep_dead(_parent)
    _dir = tempfile.mkdtemp(prefix=f"sifa-test-{os.getpid()}-{_SUFFIX}-", dir=_parent)
    atexit.register(shutil.rmtree, _dir, ignore_errors=True)
    _default["TEST"] = {"NAME": os.path.join(_dir, "test.sqlite3")}
elif _SUFFIX:
    _default["TEST"] = {"NAME": f"test_{_default['NAME']}_{_SUFFIX}"}
