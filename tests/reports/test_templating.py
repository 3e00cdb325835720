"""The sentence template language: placeholders, context words, number formats (DOMAIN §0: half-up rounding,
余/多/近 only from templates) and the rules for a writer's edit."""

from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest

from sifa.reports import templating
from sifa.reports.templating import Placeholder, TemplateError


def test_parse_text_placeholders_and_words():
    items = templating.parse("全{地域}排查{mediation.screenings}次，其中缓刑{c.reg[category=缓刑,sex=女]:1}人{{注}}")
    assert items[0] == "全"
    assert items[1] == Placeholder(raw="地域", word="地域")
    assert items[3].code == "mediation.screenings" and items[3].dims == ()
    reg = items[5]
    assert (reg.code, reg.dims, reg.fmt) == ("c.reg", (("category", "缓刑"), ("sex", "女")), "1")
    assert items[-1] == "人{注}"


def test_override_keeps_the_binding():
    p = templating.placeholders("排查{mediation.screenings:余=530}次")[0]
    assert (p.code, p.fmt, p.override) == ("mediation.screenings", "余", "530")
    assert p.binding == "mediation.screenings:余"
    assert p.with_override("") == "{mediation.screenings:余}"


@pytest.mark.parametrize(("template", "message"), [
    ("排查{mediation.screenings次", "花括号不配对"),
    ("排查}次", "花括号不配对"),
    ("全{县}", "占位符“{县}”不认识"),
    ("{Mediation.X}", "格式不正确"),
    ("{mediation.accepted:x}", "格式“x”不正确"),
    ("{mediation.accepted:9}", "格式“9”不正确"),
    ("{mediation.accepted=五百}", "不是有效数字"),
    ("{mediation.accepted[level]}", "应写作“维度=取值”"),
    ("句子\x07", "控制字符"),
    ("长" * 1001, "句子过长"),
])
def test_bad_templates_say_why_in_chinese(template, message):
    with pytest.raises(TemplateError) as exc:
        templating.parse(template)
    assert message in str(exc.value)


@pytest.mark.parametrize(("exact", "mode", "shown"), [
    (523, "余", "500余"), (500, "余", "500"), (73, "多", "70多"), (1543, "余", "1500余"), (174, "余", "170余"),
    (43210, "余", "4万余"), (29500, "近", "近3万"), (3987, "近", "近4000"), (7, "余", "7"), (0, "余", "0"),
    (123456, "余", "12万余"),
])
def test_approximations_come_from_the_template_only(exact, mode, shown):
    assert templating.approximate(Fraction(exact), mode) == shown


def _result(exact, decimals=2, unit="%"):
    value = None if exact is None else templating.round_half_up(exact, decimals)
    return SimpleNamespace(value=value, exact=None if exact is None else Fraction(exact), decimals=decimals,
                           unit=unit, display="—" if value is None else f"{value:.{decimals}f}")


@pytest.mark.parametrize(("num", "den", "places", "shown"), [
    (627, 640, 0, "98"),        # [000]: 97.97% written as 98%
    (7531, 7549, 2, "99.76"),   # [002]
    (748, 749, 0, "99.87"),     # [004]: rounding would claim 100% — keeps the indicator's decimals
    (749, 749, 0, "100"),
    (1, 1000, 0, "0.10"),       # would read 0% while not zero
    (1, 8, 0, "13"),            # half-up, not banker's (12.5 → 13)
])
def test_percent_decimals(num, den, places, shown):
    result = _result(Fraction(num * 100, den))
    assert templating.format_value(result, percent_places=places) == shown


def test_explicit_decimals_and_missing_value():
    assert templating.format_value(_result(Fraction(62700, 640)), "1") == "98.0"
    assert templating.format_value(_result(None)) == "—"
    count = _result(Fraction(5), decimals=0, unit="件")
    assert templating.format_value(count, percent_places=0) == "5"


def test_area_word_and_period_phrase():
    from sifa.indicators.periods import parse_period

    assert templating.area_word("砀山县", 6) == "县"
    assert templating.area_word("环翠区", 6) == "区"
    assert templating.area_word("东阳市", 6) == "市"
    assert templating.area_word("砀城镇", 9) == "镇"
    assert templating.area_word("红谷滩管理处", 9) == "镇"
    assert templating.period_phrase(parse_period("2021H1")) == "上半年"
    assert templating.period_phrase(parse_period("2021")) == "全年"
    assert templating.period_phrase(parse_period("截至2021-08-13")) == "截至目前"
    assert templating.period_phrase(parse_period("2021Q3")) == "第三季度"


ORIGINAL = "截至目前12348热线受理{mediation.accepted}件。"


def test_edit_may_reword_and_move_placeholders():
    items = templating.check_edit("通过12348热线，共受理纠纷{mediation.accepted}件。", ORIGINAL)
    assert [i.code for i in items if isinstance(i, Placeholder)] == ["mediation.accepted"]


def test_edit_may_not_type_a_figure_into_the_text():
    with pytest.raises(TemplateError) as exc:
        templating.check_edit("共受理纠纷530件。", ORIGINAL)
    assert "数字“530”没有绑定指标" in str(exc.value) and "{指标代码=数值}" in str(exc.value)
    with pytest.raises(TemplateError):
        templating.check_edit("共受理纠纷{mediation.accepted}件，较上年增长１２件。", ORIGINAL)  # full-width digits


def test_edit_may_override_a_figure_visibly():
    items = templating.check_edit("共受理纠纷{mediation.accepted=530}件。", ORIGINAL)
    assert items[1].override == "530"


def test_empty_edit_is_refused():
    with pytest.raises(TemplateError, match="句子不能为空"):
        templating.check_edit("   ", ORIGINAL)


def test_round_half_up_is_the_engines():
    assert templating.round_half_up(Fraction(25, 2), 0) == Decimal(13)
