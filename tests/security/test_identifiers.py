"""居民身份证号码 (GB 11643), 统一社会信用代码 (GB 32100) and mobile numbers: real check digits, computed here
independently of the code under test, and corrupted ones."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from sifa.core import identifiers as ids

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def gb11643(first17: str) -> str:
    """The check digit by the standard's own table (ISO 7064 MOD 11-2)."""
    return first17 + ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def gb32100(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return first17 + USCC_ALPHABET[(31 - total % 31) % 31]


def corrupt_last(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def messages(exc: ValidationError) -> str:
    return "".join(exc.messages)


VALID_IDS = [
    "11010519491231002X",             # GB 11643-1999 worked example (female, 1949-12-31)
    "360426199101010071",             # python-stdnum's example
    gb11643("34132119900101123"),     # 砀山县, male
    gb11643("34132119500101124"),     # 砀山县 with a 1950 birth year: python-stdnum would wrongly reject it
    gb11643("33078319800607002"),     # 东阳市 (a city only since 1988) with a 1980 birth year
    gb11643("81000019900101001"),     # 港澳居民居住证 numbers share the structure
]


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_resident_ids_pass(number):
    assert ids.validate_resident_id(number) == number


@pytest.mark.parametrize("number", VALID_IDS)
def test_corrupted_check_digit_is_refused(number):
    with pytest.raises(ValidationError) as exc:
        ids.validate_resident_id(corrupt_last(number))
    assert exc.value.code == "id_checksum"
    assert "校验位" in messages(exc.value)


def test_swapped_digits_are_refused():
    number = gb11643("34132119900101123")
    swapped = number[:14] + number[15] + number[14] + number[16:]
    assert swapped != number
    with pytest.raises(ValidationError):
        ids.validate_resident_id(swapped)


def test_birth_date_and_sex_are_derived():
    parsed = ids.parse_resident_id("11010519491231002X")
    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "女"
    assert parsed.region_code == "110105"
    male = gb11643("34132119900101123")
    assert ids.sex(male) == "男"
    assert ids.birth_date(male) == datetime.date(1990, 1, 1)
    assert ids.parse_resident_id(male).age_on(datetime.date(2020, 1, 1)) == 30
    assert ids.parse_resident_id(male).age_on(datetime.date(2019, 12, 31)) == 29


def test_typed_variants_are_normalised():
    number = "11010519491231002X"
    assert ids.validate_resident_id(" 110105 19491231 002x ") == number
    full_width = "１１０１０５１９４９１２３１００２ｘ"
    assert ids.validate_resident_id(full_width) == number


@pytest.mark.parametrize("number, code, words", [
    ("110105491231002", "id_legacy", "15位"),
    ("1101051949123100", "id_format", "18位"),
    ("11010519491231002Y", "id_format", "18位"),
    (gb11643("99010519491231002"), "id_region", "省级"),
    (gb11643("34132119900230123"), "id_birth_date", "出生日期"),   # 30 February
    (gb11643("34132121000101123"), "id_birth_date", "出生日期"),   # born in 2100
    ("", "id_required", "请填写"),
])
def test_bad_ids_get_a_chinese_reason(number, code, words):
    with pytest.raises(ValidationError) as exc:
        ids.validate_resident_id(number)
    assert exc.value.code == code
    assert words in messages(exc.value)


def test_legacy_number_is_upgraded_only_on_request():
    assert ids.upgrade_legacy_resident_id("110105491231002") == "11010519491231002X"
    with pytest.raises(ValidationError):
        ids.upgrade_legacy_resident_id("11010519491231002X")


VALID_USCC = ["91110000600037341L", gb32100("91341321MA2N0QXK0"), gb32100("12341321003095166")]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_credit_codes_pass(code):
    assert ids.validate_credit_code(code.lower()) == code


@pytest.mark.parametrize("code", VALID_USCC)
def test_corrupted_credit_codes_are_refused(code):
    with pytest.raises(ValidationError) as exc:
        ids.validate_credit_code(corrupt_last(code))
    assert exc.value.code == "uscc_checksum"
    assert "校验位" in messages(exc.value)


@pytest.mark.parametrize("code", ["9111000060003734", "9111000060003734IL", "A1110000600037341L"])
def test_malformed_credit_codes_are_refused(code):
    with pytest.raises(ValidationError) as exc:
        ids.validate_credit_code(code)
    assert "18位" in messages(exc.value)


@pytest.mark.parametrize("typed", ["13812341234", "+86 138 1234 1234", "0086-138-1234-1234", "8613812341234",
                                   "１３８１２３４１２３４"])
def test_mobile_numbers_normalise(typed):
    assert ids.validate_mobile(typed) == "13812341234"


@pytest.mark.parametrize("typed", ["12812341234", "1381234123", "138123412345", "0557-8021234", "abc"])
def test_bad_mobile_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as exc:
        ids.validate_mobile(typed)
    assert "11位" in messages(exc.value)


class PartyForm(forms.Form):
    id_number = ids.ResidentIDField(label="身份证号码")
    credit_code = ids.CreditCodeField(label="统一社会信用代码", required=False)
    mobile = ids.MobileField(label="手机号码", required=False)


def test_form_fields_return_canonical_values():
    form = PartyForm({"id_number": "11010519491231002x", "credit_code": "91110000600037341l",
                      "mobile": "+86 13812341234"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"id_number": "11010519491231002X", "credit_code": "91110000600037341L",
                                 "mobile": "13812341234"}


def test_form_fields_show_chinese_errors():
    form = PartyForm({"id_number": "110105194912310021", "credit_code": "91110000600037341X",
                      "mobile": "12345"})
    assert not form.is_valid()
    assert "校验位" in form.errors["id_number"][0]
    assert "校验位" in form.errors["credit_code"][0]
    assert "11位" in form.errors["mobile"][0]
    assert PartyForm({}).errors["id_number"] == ["这个字段是必填项。"]


def test_validators_work_on_model_fields():
    from django.db import models

    field = models.CharField(max_length=18, validators=[ids.validate_resident_id])
    field.run_validators("11010519491231002X")
    with pytest.raises(ValidationError):
        field.run_validators("110105194912310021")
