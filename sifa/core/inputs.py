"""Small checks every line's actions make on their input, each raising ValidationError with a Chinese message.

    kind = inputs.choice(value, SanctionKind, "奖惩类别")     # stored value or its Chinese label
    name = inputs.required(name, "姓名", max_length=50)
    inputs.not_future(day, "走访日期")
    inputs.not_before(end, start, "截止日", "起始日")
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def choice(value, choices, label: str) -> str:
    """Accept a choice's stored value or its Chinese label (imports and the API send either). `choices` is a
    TextChoices class or a sequence of (value, label) pairs."""
    pairs = list(choices.choices) if hasattr(choices, "choices") else list(choices)
    text = "" if value is None else str(value).strip()
    for stored, display in pairs:
        if text == str(stored) or text == str(display):
            return str(stored)
    raise ValidationError(f"{label}“{text}”不在可选范围内（{'、'.join(str(d) for _, d in pairs)}）。")


def required(value, label: str, max_length: int | None = None) -> str:
    text = ("" if value is None else str(value)).strip()
    if not text:
        raise ValidationError(f"请填写{label}。")
    if max_length is not None and len(text) > max_length:
        raise ValidationError(f"{label}不能超过{max_length}个字。")
    return text


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


def not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > today():
        raise ValidationError(f"{label}不能晚于今天。")


def not_before(day: dt.date | None, earlier: dt.date | None, label: str, earlier_label: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise ValidationError(f"{label}（{day:%Y-%m-%d}）不能早于{earlier_label}（{earlier:%Y-%m-%d}）。")


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
