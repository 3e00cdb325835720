"""What a cell may carry out of the system: formula injection neutralised (SECURITY.md F4) and sensitive
personal information masked (SECURITY.md E2)."""

import re

from .columns import FORMULA_TRIGGERS, ColumnType

# XML 1.0 cannot carry these control characters; a spreadsheet would be refused by Excel with them in it.
ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS):
        value = "'" + value
    return ILLEGAL_XML_CHARS.sub("", value)


def _keep_ends(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail:]


def mask_id(value) -> str:
    """居民身份证号码: "341321199001011234" → "3413**********1234"."""
    return _keep_ends(str(value or "").strip().upper(), 4, 4)


def mask_mobile(value) -> str:
    """手机号码: "13812341234" → "138****1234"."""
    return _keep_ends(re.sub(r"[\s\-]", "", str(value or "")), 3, 4)


def mask_other(value) -> str:
    """Any other sensitive text: the first character stays."""
    text = str(value or "").strip()
    return text[:1] + "*" * min(max(len(text) - 1, 0), 6)


MASK_BY_TYPE = {ColumnType.ID_NUMBER: mask_id, ColumnType.MOBILE: mask_mobile}


def mask(column, value):
    """The value of `column` as it may leave the system."""
    if value is None or value == "" or not column.sensitive:
        return value
    return MASK_BY_TYPE.get(column.type, mask_other)(value)
