"""What a cell may carry out of the system: formula injection neutralised (SECURITY.md F4) and sensitive
personal information masked with sifa.core.masking (SECURITY.md E2)."""

from sifa.core import controlchars, masking

from .columns import FORMULA_TRIGGERS, ColumnType


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS):
        value = "'" + value
    return controlchars.strip(value)  # XML 1.0 cannot carry them: Excel would refuse the file


MASK_BY_TYPE = {ColumnType.ID_NUMBER: "id", ColumnType.MOBILE: "mobile"}


def mask(column, value):
    """The value of `column` as it may leave the system: sensitive columns get the platform's mask for their
    type ("3413**********1234", "138****1234"), or the one the column names (`Column.mask`)."""
    if value is None or value == "" or not column.sensitive:
        return value
    kind = column.mask or MASK_BY_TYPE.get(column.type)
    return masking.MASKS[kind](value) if kind else masking.mask_auto(value)
