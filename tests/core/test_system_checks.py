"""`make demo` and `sifa migrate` print no wall of system-check warnings: SQLite ignores the covering indexes'
INCLUDE columns by design (they serve PostgreSQL), so its W040 is silenced — and only that one."""

import io

from django.conf import settings
from django.core.management import call_command


def test_the_system_check_prints_no_include_index_warning(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("check", databases=["default"], stdout=out, stderr=err)  # as migrate runs it
    printed = out.getvalue() + err.getvalue()
    assert "W040" not in printed and "non-key columns" not in printed
    assert "System check identified no issues" in printed


def test_only_w040_is_silenced_and_only_on_sqlite():
    silenced = set(getattr(settings, "SILENCED_SYSTEM_CHECKS", []))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert silenced == {"models.W040"}
    else:
        assert "models.W040" not in silenced
