"""Identifiers: 居民身份证号码 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015), mobile numbers.

Each validator normalises what people actually type (full-width digits, spaces, a lower-case x) and either
returns the canonical form or raises ValidationError with a Chinese message. They work as model-field
validators (`validators=[validate_resident_id]`) and behind the form fields below.

Decisions:
- 15-digit (first-generation) ID numbers are **rejected** by the validator: first-generation cards stopped being
  valid on 2013-01-01, so a 15-digit number typed today is a mistake or an old paper record. Old records can be
  converted explicitly with `upgrade_legacy_resident_id`, which inserts the century "19" and computes the check
  digit (GB 11643 appendix); nothing is upgraded silently.
- The address code is checked at province level only. python-stdnum's `ric.validate` also requires the county
  code to have existed in the birth year, which rejects real numbers: people born before a county was created
  or renamed carry its current code (e.g. 砀山县 341321 with a birth year of 1950). The county code is the place of
  household registration when the number was issued, not the place of birth.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric, uscc

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")

# GB/T 2260 province-level codes, plus 81/82/83 used by 港澳台居民居住证 numbers (same GB 11643 structure).
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
})
EARLIEST_BIRTH_YEAR = 1890


def _normalise(value) -> str:
    """Full-width to half-width, drop spaces and hyphens, upper-case."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"[\s\-]", "", text).upper()


@dataclass(frozen=True)
class ResidentID:
    number: str
    region_code: str
    birth_date: date
    sex: str  # 男 / 女

    @property
    def province_code(self) -> str:
        return self.region_code[:2]

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _birth_date(number: str) -> date:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期“%(d)s”不是有效日期。", code="id_birth_date",
                              params={"d": number[6:14]})
    if born.year < EARLIEST_BIRTH_YEAR or born > timezone.localdate():
        raise ValidationError("身份证号码中的出生日期“%(d)s”不合理。", code="id_birth_date",
                              params={"d": number[6:14]})
    return born


def parse_resident_id(value) -> ResidentID:
    """Validate an 18-digit 居民身份证号码 and return its parts. Raises ValidationError (Chinese message)."""
    number = _normalise(value)
    if not number:
        raise ValidationError("请填写身份证号码。", code="id_required")
    if re.fullmatch(r"\d{15}", number):
        raise ValidationError(
            "这是15位的第一代身份证号码，已于2013年起停止使用，请填写18位身份证号码。", code="id_legacy")
    if not RESIDENT_ID_RE.fullmatch(number):
        raise ValidationError("身份证号码应为18位：前17位为数字，最后一位为数字或X。", code="id_format")
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError("身份证号码前两位“%(p)s”不是有效的省级行政区划代码。", code="id_region",
                              params={"p": number[:2]})
    born = _birth_date(number)
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError("身份证号码校验位不正确，请逐位核对。", code="id_checksum")
    return ResidentID(number=number, region_code=number[:6], birth_date=born,
                      sex="男" if int(number[16]) % 2 == 1 else "女")


def validate_resident_id(value) -> str:
    """Model-field / form validator. Returns the canonical number (upper-case X)."""
    return parse_resident_id(value).number


def birth_date(resident_id) -> date:
    return parse_resident_id(resident_id).birth_date


def sex(resident_id) -> str:
    """男 or 女, from the parity of the 17th digit (the order code)."""
    return parse_resident_id(resident_id).sex


def upgrade_legacy_resident_id(value) -> str:
    """Convert a 15-digit first-generation number to 18 digits (insert "19", append the check digit).
    Only for explicit conversion of old paper records; the result is validated like any other number."""
    number = _normalise(value)
    if not re.fullmatch(r"\d{15}", number):
        raise ValidationError("只能转换15位数字的第一代身份证号码。", code="id_legacy_format")
    body = number[:6] + "19" + number[6:]
    return validate_resident_id(body + ric.calc_check_digit(body + "0"))


def validate_credit_code(value) -> str:
    """统一社会信用代码 (GB 32100): 18 characters, check digit over the 31-character alphabet."""
    compact = _normalise(value)
    if not compact:
        raise ValidationError("请填写统一社会信用代码。", code="uscc_required")
    try:
        return uscc.validate(compact)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError("统一社会信用代码校验位不正确，请逐位核对。", code="uscc_checksum")
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            "统一社会信用代码应为18位：前8位为数字，其余为数字或大写字母（不含I、O、Z、S、V）。", code="uscc_invalid")


def validate_mobile(value) -> str:
    """Mainland mobile number; accepts +86/0086 prefixes, spaces and hyphens. Returns the 11 digits."""
    compact = _normalise(value)
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            compact = compact[len(prefix):]
    if len(compact) == 13 and compact.startswith("86"):
        compact = compact[2:]
    if not MOBILE_RE.fullmatch(compact):
        raise ValidationError("手机号码应为以1开头的11位数字。", code="mobile_invalid")
    return compact


class _NormalisingField(forms.CharField):
    """A CharField whose clean() returns the canonical form produced by `normaliser`."""

    normaliser = None
    max_chars = 30

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", self.max_chars)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return type(self).normaliser(value)


class ResidentIDField(_NormalisingField):
    normaliser = staticmethod(validate_resident_id)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "title": "18位身份证号码"}


class CreditCodeField(_NormalisingField):
    normaliser = staticmethod(validate_credit_code)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "title": "18位统一社会信用代码"}


class MobileField(_NormalisingField):
    normaliser = staticmethod(validate_mobile)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "tel", "autocomplete": "tel"}
