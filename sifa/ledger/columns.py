"""Columns of a record kind and how one spreadsheet cell becomes one clean value.

Each column type has a parser: it takes what openpyxl (or our streaming reader) found in the cell and returns
the Python value to hand to the line's action, or raises `CellInvalid` with the Chinese reason a clerk can act
on. Checks that need the database (does this 区划代码 exist?) are not done here but in batches by the importer.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from sifa.core import controlchars, identifiers


class ColumnType:
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"
    ENUM = "enum"
    BOOL = "bool"
    ID_NUMBER = "id-number"
    CREDIT_CODE = "credit-code"
    MOBILE = "mobile"
    DIVISION_CODE = "division-code"
    ORG_CODE = "org-code"

    LABELS = {
        TEXT: "文本", INT: "整数", DECIMAL: "数字", DATE: "日期", ENUM: "下拉选项", BOOL: "是/否",
        ID_NUMBER: "居民身份证号码", CREDIT_CODE: "统一社会信用代码", MOBILE: "手机号码",
        DIVISION_CODE: "行政区划代码", ORG_CODE: "机构代码",
    }
    # Types whose values are codes: the template formats these columns as text so Excel keeps leading zeros
    # and does not turn an 18-digit ID number into 3.41321E+17.
    TEXTUAL = {TEXT, ENUM, ID_NUMBER, CREDIT_CODE, MOBILE, DIVISION_CODE, ORG_CODE}


class CellInvalid(Exception):
    """A cell's value is not acceptable; the message is the Chinese reason shown in the error report."""


TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "有"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "无"}
DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
DIVISION_CODE_RE = re.compile(r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")
# Characters that make a spreadsheet program treat a cell as a formula (SECURITY.md F4). Our exports prefix
# such text with an apostrophe; an import strips that apostrophe again so a round trip keeps the value.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


@dataclass(frozen=True)
class Column:
    header: str                    # the Chinese column header, exactly as in the template
    key: str                       # the keyword the line's action receives
    type: str = ColumnType.TEXT
    required: bool = False
    choices: tuple = ()            # enum: ((stored value, 中文标签), ...); the cell holds the label
    max_length: int | None = None
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None
    sensitive: bool = False        # masked in exports and error reports
    mask: str = ""                 # which sifa.core.masking mask ("name", "address"…); default: by type
    example: object = ""           # the value shown in the template's example row
    help: str = ""                 # one sentence for 填表说明
    check_exists: bool = True      # division-code / org-code: must name an existing record (org: in scope)

    def __post_init__(self):
        if self.type not in ColumnType.LABELS:
            raise ValueError(f"unknown column type {self.type!r}")
        if self.type == ColumnType.ENUM and not self.choices:
            raise ValueError(f"enum column {self.key!r} needs choices")

    @property
    def choice_labels(self) -> list[str]:
        return [label for _, label in self.choices]

    def rules(self) -> str:
        """The column's rules in words, for the instructions sheet."""
        parts = ["必填" if self.required else "选填", ColumnType.LABELS[self.type]]
        if self.type == ColumnType.ENUM:
            parts.append("可选：" + "、".join(self.choice_labels))
        if self.type == ColumnType.BOOL:
            parts.append("填“是”或“否”")
        if self.type == ColumnType.DATE:
            parts.append("如 2024-03-01")
        if self.max_length:
            parts.append(f"不超过{self.max_length}个字")
        if self.min_value is not None:
            parts.append(f"不小于{self.min_value}")
        if self.max_value is not None:
            parts.append(f"不大于{self.max_value}")
        if self.type == ColumnType.DIVISION_CODE and self.check_exists:
            parts.append("须为系统中已有的区划代码")
        if self.type == ColumnType.ORG_CODE and self.check_exists:
            parts.append("须为导入目标机构或其下级机构的代码")
        if self.sensitive:
            parts.append("敏感信息，导出时脱敏")
        return "；".join(parts)

    def parse(self, raw):
        """The clean value of a cell, or CellInvalid. An empty optional cell is "" for text-like columns
        (as Django's CharField keeps it) and None for numbers, dates and yes/no."""
        if isinstance(raw, str):
            if controlchars.contains(raw):
                raise CellInvalid("单元格" + controlchars.REFUSAL)
            raw = raw.strip()
            if raw[:1] == "'" and raw[1:2] in FORMULA_TRIGGERS and raw[1:2]:
                raw = raw[1:]
        if raw is None or raw == "":
            if self.required:
                raise CellInvalid("必填项，不能为空。")
            return "" if self.type in ColumnType.TEXTUAL else None
        value = PARSERS[self.type](self, raw)
        if self.max_length and isinstance(value, str) and len(value) > self.max_length:
            raise CellInvalid(f"长度为{len(value)}个字，超过上限{self.max_length}个字。")
        if self.min_value is not None and value < self.min_value:
            raise CellInvalid(f"不能小于{self.min_value}。")
        if self.max_value is not None and value > self.max_value:
            raise CellInvalid(f"不能大于{self.max_value}。")
        return value


def _number_text(raw) -> str:
    """Text of a cell that Excel may have stored as a number (13800138000.0 → "13800138000")."""
    if isinstance(raw, bool):
        raise CellInvalid("应为文本，不能是逻辑值。")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime | date):
        raise CellInvalid("应为文本，但单元格是日期格式，请将该列设为文本格式后重新填写。")
    return str(raw).strip()


def _text(column, raw):
    return _number_text(raw)


def _int(column, raw):
    if isinstance(raw, bool):
        raise CellInvalid("应为整数。")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise CellInvalid(f"应为整数，不能有小数（{raw}）。")
    text = str(raw).replace(",", "").replace("，", "").strip()
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    raise CellInvalid("应为整数。")


def _decimal(column, raw):
    if isinstance(raw, bool):
        raise CellInvalid("应为数字。")
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        raise CellInvalid("应为数字。")
    if not value.is_finite():
        raise CellInvalid("应为数字。")
    return value


def _date(column, raw):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float):
        raise CellInvalid("日期格式不正确：单元格是数字而不是日期，请填写如 2024-03-01。")
    text = str(raw).strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                raise CellInvalid(f"日期“{text}”不存在。")
    raise CellInvalid("日期格式不正确，请填写如 2024-03-01。")


def _enum(column, raw):
    text = _number_text(raw)
    for value, label in column.choices:
        if text == label or text == value:
            return value
    shown = "、".join(column.choice_labels[:12]) + ("等" if len(column.choices) > 12 else "")
    raise CellInvalid(f"“{text}”不是可选值，可选：{shown}。")


def _bool(column, raw):
    if isinstance(raw, bool):
        return raw
    text = _number_text(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellInvalid("应填“是”或“否”。")


def _validated(validator, raw):
    try:
        return validator(raw)
    except ValidationError as exc:
        raise CellInvalid(" ".join(exc.messages))


def _id_number(column, raw):
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise CellInvalid("身份证号码被存成了数字，末几位可能已丢失；请将该列设为文本格式后重新填写。")
    return _validated(identifiers.validate_resident_id, str(raw))


def _credit_code(column, raw):
    return _validated(identifiers.validate_credit_code, _number_text(raw))


def _mobile(column, raw):
    return _validated(identifiers.validate_mobile, _number_text(raw))


def _division_code(column, raw):
    text = _number_text(raw)
    if not DIVISION_CODE_RE.match(text):
        raise CellInvalid("区划代码应为2、4、6、9或12位数字。")
    return text


def _org_code(column, raw):
    text = _number_text(raw)
    if len(text) > 40 or not re.fullmatch(r"[0-9A-Za-z_\-]+", text):
        raise CellInvalid("机构代码只能由字母、数字、“-”和“_”组成，且不超过40位。")
    return text


PARSERS = {
    ColumnType.TEXT: _text, ColumnType.INT: _int, ColumnType.DECIMAL: _decimal, ColumnType.DATE: _date,
    ColumnType.ENUM: _enum, ColumnType.BOOL: _bool, ColumnType.ID_NUMBER: _id_number,
    ColumnType.CREDIT_CODE: _credit_code, ColumnType.MOBILE: _mobile, ColumnType.DIVISION_CODE: _division_code,
    ColumnType.ORG_CODE: _org_code,
}
