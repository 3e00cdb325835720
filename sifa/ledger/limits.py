"""The limits an import works within; each can be set in settings (or the environment through settings)."""

from django.conf import settings


def max_upload_bytes() -> int:
    return settings.SIFA_UPLOAD_MAX_BYTES


def max_uncompressed_bytes() -> int:
    return getattr(settings, "SIFA_LEDGER_MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "SIFA_LEDGER_MAX_ROWS", 200_000)


def max_empty_run() -> int:
    """Reading stops after this many empty rows in a row: a sheet of a million blank rows ends quickly."""
    return getattr(settings, "SIFA_LEDGER_MAX_EMPTY_RUN", 1000)


def max_reported_errors() -> int:
    return getattr(settings, "SIFA_LEDGER_MAX_ERRORS", 5000)


def batch_size() -> int:
    return getattr(settings, "SIFA_LEDGER_BATCH_SIZE", 2000)
