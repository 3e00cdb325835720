"""Small checks every line's actions make, each answering bad input with a Chinese ValidationError (or a
PermissionDenied for scope), so the wording is the same in every line:

    ensure_can_write(actor, org, "法律援助")      a business role, and `org` inside the actor's subtree
    not_future(day, "受理日期")                  no date after today
    not_before(day, earlier, "结案日期", "指派日期")
    choice("刑事辩护", Category, "案件类别")        a stored value or its Chinese label → the stored value
    required(text, "案情摘要")                     stripped text, or “请填写案情摘要。”
    money(value, "涉案金额")                       Decimal(…, 2 places) ≥ 0, or None for empty
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from .access import reaches
from .roles import has_capability


def today() -> dt.date:
    return timezone.localdate()


def ensure_can_write(actor, org, line: str = "该") -> None:
    if not has_capability(actor, "write_records"):
        raise PermissionDenied(f"您的角色不能办理{line}业务。")
    if not reaches(actor, org):
        raise PermissionDenied("该记录不在您的管辖范围内。")


def not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > today():
        raise ValidationError(f"{label}不能晚于今天。")


def not_before(day: dt.date | None, earlier: dt.date | None, label: str, earlier_label: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise ValidationError(f"{label}（{day:%Y-%m-%d}）不能早于{earlier_label}（{earlier:%Y-%m-%d}）。")


def choice(value, choices, label: str) -> str:
    """Accept the stored value or the Chinese label of a choice (imports and the API send either)."""
    value = "" if value is None else str(value).strip()
    if value in choices.values:
        return value
    for stored, display in choices.choices:
        if value == display:
            return stored
    raise ValidationError(f"{label}“{value}”不在可选范围内（{'、'.join(str(x) for x in choices.labels)}）。")


def required(value, label: str, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。")
    if max_length is not None and len(text) > max_length:
        raise ValidationError(f"{label}不能超过{max_length}个字。")
    return text


def money(value, label: str, *, allow_zero: bool = True) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"{label}“{value}”不是有效的数字。")
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12") or (amount == 0 and not allow_zero):
        raise ValidationError(f"{label}应为{'不小于' if allow_zero else '大于'}0的金额（元）。")
    return amount.quantize(Decimal("0.01"))


def positive_int(value, label: str, maximum: int = 100000) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}应为正整数。")
    if not 1 <= number <= maximum:
        raise ValidationError(f"{label}应为1至{maximum}之间的整数。")
    return number
