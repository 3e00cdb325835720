import pytest
from django.template import Context, Template

from sifa.core import masking


@pytest.mark.parametrize("fn, value, expected", [
    (masking.mask_id, "341321199001011234", "3413**********1234"),
    (masking.mask_id, "11010519491231002x", "1101**********002X"),
    (masking.mask_mobile, "13812341234", "138****1234"),
    (masking.mask_mobile, "138 1234 1234", "138****1234"),
    (masking.mask_name, "张三", "张*"),
    (masking.mask_name, "张小三", "张*三"),
    (masking.mask_name, "欧阳小明", "欧**明"),
    (masking.mask_name, "王", "王"),
    (masking.mask_bank_card, "6222 0202 0011 2345 678", "***************5678"),
    (masking.mask_phone, "0557-8021234", "********1234"),
    (masking.mask_address, "安徽省宿州市砀山县砀城镇人民路1号", "安徽省宿州市****"),
    (masking.mask_text, "心理评估：……", "（已隐藏）"),
    (masking.mask_id, "", ""),
    (masking.mask_id, None, ""),
    (masking.mask_mobile, "1234", "****"),
])
def test_masks(fn, value, expected):
    assert fn(value) == expected


def test_masks_keep_no_run_of_digits_that_identifies():
    import re

    assert not re.search(r"\d{17}[\dXx]", masking.mask_id("341321199001011234"))
    assert not re.search(r"1[3-9]\d{9}", masking.mask_mobile("13812341234"))


class Declared:
    sensitive_fields = ("contact", "guardian")
    sensitive_masks = {"contact": "mobile"}


@pytest.mark.parametrize("field, value, expected", [
    ("contact", "13812341234", "138****1234"),              # declared on the model
    ("id_number", "341321199001011234", "3413**********1234"),  # by field name
    ("party_mobile", "13812341234", "138****1234"),
    ("guardian", "341321199001011234", "3413**********1234"),   # by the value's shape
    ("guardian", "13812341234", "138****1234"),
    ("guardian", "一段说明", "（已隐藏）"),
])
def test_mask_value_chooses_the_mask(field, value, expected):
    assert masking.mask_value(Declared, field, value) == expected


def test_masked_snapshot_for_audit_rows():
    class Party:
        sensitive_fields = ("id_number",)

        def __init__(self):
            self.name = "张小三"
            self.id_number = "341321199001011234"
            self.closed = None

    snap = masking.masked_snapshot(Party(), ["name", "id_number", "closed"])
    assert snap == {"name": "张小三", "id_number": "3413**********1234", "closed": None}


def test_template_filters():
    out = Template("{% load masking %}{{ i|mask_id }} {{ m|mask_mobile }} {{ n|mask_name }} {{ c|mask_bank_card }} "
                   "{{ x|mask }}").render(Context({
                       "i": "341321199001011234", "m": "13812341234", "n": "张小三", "c": "6222020200112345",
                       "x": "13812341234"}))
    assert out == "3413**********1234 138****1234 张*三 ************2345 138****1234"
