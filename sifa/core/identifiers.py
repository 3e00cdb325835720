"""Identifiers: 居民身份证号码 (GB 11643), 统一社会信用代码 (GB 32100), mobile numbers.
Validation uses python-stdnum's checksum implementations; messages are Chinese."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric, uscc

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_resident_id(value: str) -> str:
    """Returns the compact, upper-case number or raises ValidationError with the reason."""
    compact = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", compact):
        raise ValidationError("身份证号码应为18位，前17位为数字，最后一位为数字或X。", code="id_format")
    try:
        return ric.validate(compact)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="id_checksum")
    except stdnum_exceptions.InvalidComponent:
        raise ValidationError("身份证号码中的出生日期或地区码无效。", code="id_component")
    except stdnum_exceptions.ValidationError:
        raise ValidationError("身份证号码无效。", code="id_invalid")


def birth_date(resident_id: str) -> date:
    return ric.get_birth_date(validate_resident_id(resident_id))


def sex(resident_id: str) -> str:
    """男 or 女, from the parity of the 17th digit."""
    return "男" if int(validate_resident_id(resident_id)[16]) % 2 == 1 else "女"


def validate_credit_code(value: str) -> str:
    compact = (value or "").strip().upper()
    try:
        return uscc.validate(compact)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError("统一社会信用代码校验位不正确，请核对。", code="uscc_checksum")
    except stdnum_exceptions.ValidationError:
        raise ValidationError("统一社会信用代码应为18位，且只含数字和大写字母（不含I、O、Z、S、V）。", code="uscc_invalid")


def validate_mobile(value: str) -> str:
    compact = re.sub(r"[\s-]", "", value or "")
    if compact.startswith("+86"):
        compact = compact[3:]
    if not MOBILE_RE.fullmatch(compact):
        raise ValidationError("手机号码应为以1开头的11位数字。", code="mobile_invalid")
    return compact
