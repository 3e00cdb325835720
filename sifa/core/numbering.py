"""Case numbers (案号/文书编号): “（2026）砀司调字第12号”, one sequence per business line, org unit and year.

`next_case_number` locks the counter row (SELECT … FOR UPDATE) inside a transaction, so concurrent creations
never get the same number. Call it inside the transaction that saves the record: if that transaction rolls
back, the number is given back with it, so numbers have no gaps either.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import CaseNumberCounter, OrgUnit

DEFAULT_FORMAT = "（{year}）{prefix}字第{number}号"


def case_number_format() -> str:
    """The layout of a number; settings.SIFA_CASE_NUMBER_FORMAT may override it. Fields: {year}, {prefix},
    {number} (use e.g. {number:04d} for zero padding)."""
    return getattr(settings, "SIFA_CASE_NUMBER_FORMAT", DEFAULT_FORMAT)


def format_case_number(year: int, prefix: str, number: int, fmt: str | None = None) -> str:
    return (fmt or case_number_format()).format(year=year, prefix=prefix, number=number)


def next_sequence(line_code: str, org: OrgUnit, year: int) -> int:
    """The next number of (line, org, year), starting at 1."""
    if not line_code or len(line_code) > CaseNumberCounter._meta.get_field("line").max_length:
        raise ValidationError(f"业务代码“{line_code}”不正确。")
    if not 1949 <= int(year) <= 9999:
        raise ValidationError(f"年度“{year}”不正确。")
    with transaction.atomic():
        counters = CaseNumberCounter.objects.select_for_update()
        counter = counters.filter(line=line_code, org=org, year=year).first()
        if counter is None:
            try:
                # A savepoint, so losing the race to create the row leaves the outer transaction usable.
                with transaction.atomic():
                    counter = CaseNumberCounter.objects.create(line=line_code, org=org, year=year, last=0)
            except IntegrityError:
                counter = counters.get(line=line_code, org=org, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last


def next_case_number(line_code: str, org: OrgUnit, year: int, prefix: str, fmt: str | None = None) -> str:
    """The next case number, e.g. next_case_number("mediation", office, 2026, "砀司调") → “（2026）砀司调字第12号”."""
    return format_case_number(year, prefix, next_sequence(line_code, org, year), fmt)
