"""SCL-90 scoring on hand-computed examples, and the positive-screen edges (exactly 160, exactly 43 positive
items, a factor score of exactly 2). Pure: no database."""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from sifa.wellbeing import questionnaires as q

from .answers import PUBLISHED, sheet, spread, with_items

SCALE = q.builtin_scale()
CODE = {name: code for code, name, _ in SCALE.factors}


def test_shipped_factor_table_is_the_published_one():
    assert {name: list(items) for _, name, items in SCALE.factors} == PUBLISHED
    assert sorted(n for _, _, items in SCALE.factors for n in items) == list(range(1, 91))
    assert [name for _, name, _ in SCALE.factors] == ["躯体化", "强迫症状", "人际关系敏感", "抑郁", "焦虑", "敌对",
                                                      "恐怖", "偏执", "精神病性", "其他"]
    assert SCALE.items[7] == "第7题"  # placeholder wording only: the real wording is under copyright


def test_all_ones_is_the_minimum():
    r = q.score(SCALE, sheet())
    assert (r.total, r.positive_items, r.positive, r.reasons) == (90, 0, False, [])
    assert set(r.factor_means.values()) == {1}


def test_worked_example_cycle():
    """Item n answered (n mod 5) + 1: 2,3,4,5,1,2,…  Hand-computed: total 18×15 = 270; 18 items scored 1, so 72
    positive; 敌对 (11,24,63,67,74,81) = 2+5+4+3+5+2 = 21 → 3.50; 躯体化 = 2+5+3+3+1+3+4+5+3+4+2+4 = 39 → 3.25;
    偏执 (8,18,43,68,76,83) = 4+4+4+4+2+4 = 22 → 3.67."""
    r = q.score(SCALE, {n: n % 5 + 1 for n in range(1, 91)})
    assert r.total == 270
    assert r.positive_items == 72
    assert r.factor_sums[CODE["敌对"]] == 21 and r.factor_means[CODE["敌对"]] == Fraction(7, 2)
    assert r.factor_sums[CODE["躯体化"]] == 39 and r.factor_means_text()[CODE["躯体化"]] == "3.25"
    assert r.factor_means_text()[CODE["偏执"]] == "3.67"
    assert r.positive
    assert len(r.reasons) == 3  # total, positive items and factor scores all exceed their cut-offs


def test_total_exactly_160_is_not_positive_and_161_is():
    # 35 items at 3 (+2 each = 70 over the minimum 90), fewer than half of any factor: every factor stays below 2
    items = spread(35, lambda n: (n - 1) // 2)
    answers = with_items(items, 3)
    r = q.score(SCALE, answers)
    assert (r.total, r.positive_items) == (160, 35)
    assert max(r.factor_means.values()) < 2
    assert not r.positive
    # 其他 has 2 of 7 at 3 (sum 11); one more at 2 gives 12/7 < 2 (抑郁, 6 of 13 at 3 = 25, would reach 26/13 = 2)
    spare = next(n for n in PUBLISHED["其他"] if answers[n] == 1)
    r = q.score(SCALE, {**answers, spare: 2})
    assert r.total == 161 and max(r.factor_means.values()) < 2
    assert r.positive and r.reasons == ["总分超过160分（总分161）"]


def test_exactly_43_positive_items_is_not_positive_and_44_is():
    items = spread(44, lambda n: n - 1)          # every factor keeps one item at 1, so no factor reaches 2
    r = q.score(SCALE, with_items(items[:43], 2))
    assert (r.total, r.positive_items) == (133, 43)
    assert not r.positive
    r = q.score(SCALE, with_items(items, 2))
    assert r.positive_items == 44 and max(r.factor_means.values()) < 2
    assert r.positive and r.reasons == ["阳性项目数超过43项（阳性项目数44）"]


def test_factor_mean_exactly_2_is_positive():
    r = q.score(SCALE, with_items(PUBLISHED["抑郁"], 2))      # 13 × 2 / 13 = 2
    assert r.factor_means[CODE["抑郁"]] == 2 and r.total == 103 and r.positive_items == 13
    assert r.positive and r.reasons == ["因子分达到2分（抑郁2.00）"]
    r = q.score(SCALE, with_items(PUBLISHED["抑郁"][:12], 2))  # 25 / 13 = 1.92
    assert not r.positive
    hostile = with_items(PUBLISHED["敌对"][:3], 3)            # 3+3+3+1+1+1 = 12 / 6 = 2
    assert q.score(SCALE, hostile).reasons == ["因子分达到2分（敌对2.00）"]


@pytest.mark.parametrize(("change", "message"), [
    ({12: 6}, "第12题的答案“6”不在1至5之间"),
    ({12: 0}, "第12题的答案“0”不在1至5之间"),
    ({12: "很轻"}, "第12题的答案“很轻”不是1至5之间的整数"),
    ({12: 2.5}, "第12题的答案“2.5”不是1至5之间的整数"),
    ({12: None}, "第12题未作答"),
    ({91: 1}, "没有第91题"),
])
def test_bad_answers_are_refused_in_chinese(change, message):
    answers = {**sheet(), **change}
    if change.get(12, 0) is None:
        del answers[12]
    with pytest.raises(ValidationError) as exc:
        q.score(SCALE, answers)
    assert message in exc.value.messages[0]


def test_missing_items_are_listed():
    answers = sheet()
    for n in (3, 5, 90):
        del answers[n]
    with pytest.raises(ValidationError) as exc:
        q.score(SCALE, answers)
    assert "第3、5、90题未作答（共3题）" in exc.value.messages[0]


def test_rules_are_data():
    definition = q.builtin_definition()
    definition["rules"][2]["op"] = ">"   # a bureau that reads “因子分超过2分” literally
    strict = q.parse_definition(definition)
    assert not q.score(strict, with_items(PUBLISHED["抑郁"], 2)).positive


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["factors"][0]["items"].append(3), "第3题同时属于因子“躯体化”和“强迫症状”"),
    (lambda d: d["items"].pop(), "缺少"),
    (lambda d: d["factors"][1]["items"].append(99), "第99题不在量表题目中"),
    (lambda d: d["rules"].append({"measure": "mood", "op": ">", "value": 1}), "第4条筛查规则不正确"),
    (lambda d: d.update(scale={"min": 5, "max": 1}), "评分范围5至1不正确"),
])
def test_broken_definitions_are_refused(mutate, message):
    definition = q.builtin_definition()
    mutate(definition)
    with pytest.raises(ValidationError) as exc:
        q.parse_definition(definition)
    assert message in exc.value.messages[0] or (message == "缺少" and "因子" in exc.value.messages[0])
