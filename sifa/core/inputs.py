"""Input checks beyond `action_checks` (whose choice, required, not_future, not_before and today are re-exported
here), each raising ValidationError with a Chinese message:

    text = inputs.optional(note, "备注", 500)        # stripped, may be empty, length-checked
    day = inputs.date(value, "走访日期")              # a date or an ISO string
    n = inputs.whole_number(months, "期限（月）", 1, 3)
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from .action_checks import choice, not_before, not_future, required, today

__all__ = ["choice", "date", "not_before", "not_future", "optional", "required", "today", "whole_number"]


def optional(value, label: str, max_length: int) -> str:
    text = ("" if value is None else str(value)).strip()
    if len(text) > max_length:
        raise ValidationError(f"{label}不能超过{max_length}个字。")
    return text


def date(value, label: str) -> dt.date:
    """A date from a date or an ISO string; datetimes are not dates."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"请正确填写{label}（年-月-日）。")


def whole_number(value, label: str, minimum: int = 0, maximum: int | None = None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}应为整数。")
    if isinstance(value, float) and value != number:
        raise ValidationError(f"{label}应为整数。")
    if number < minimum or (maximum is not None and number > maximum):
        upper = f"、不大于{maximum}" if maximum is not None else ""
        raise ValidationError(f"{label}应为不小于{minimum}{upper}的整数。")
    return number
