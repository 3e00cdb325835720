"""The 队伍建设 indicators on a small half-year, the report paragraph written from them (seed 000's sentence
pattern), and the demo builder's records giving seed 000's nine figures for 2021H1."""

import datetime as dt
import random

import pytest

from sifa.demo.registry import DemoContext
from sifa.indicators import engine
from sifa.reports import document
from sifa.team import actions, demo
from sifa.team.models import Problem

D = dt.date


@pytest.fixture
def half_2025(tree, bureau_user):
    user, bureau = bureau_user, tree["bureau"]
    for n in range(2):
        actions.record_activity(user, org=bureau, kind="training", held_on=D(2025, 3, 1 + n), title=f"轮训第{n + 1}期")
    for n in range(3):
        actions.record_activity(user, org=bureau, kind="study", held_on=D(2025, 2, 1 + n), title="集中学习")
    actions.record_activity(user, org=bureau, kind="seminar", held_on=D(2025, 4, 1), title="研讨")
    actions.record_activity(user, org=bureau, kind="collective", held_on=D(2025, 5, 1), title="主题党日")
    actions.record_activity(user, org=bureau, kind="study", held_on=D(2025, 7, 1), title="下半年的学习")
    fixed = actions.find_problem(user, org=bureau, description="顽疾一", found_on=D(2025, 3, 1))
    actions.rectify_problem(user, fixed, rectified_on=D(2025, 3, 20), measures="已整改")
    late = actions.find_problem(user, org=bureau, description="顽疾二", found_on=D(2025, 4, 1))
    actions.rectify_problem(user, late, rectified_on=D(2025, 8, 1), measures="下半年整改")
    actions.find_problem(user, org=bureau, description="其他问题", found_on=D(2025, 4, 1), category="other")
    for name, day, regular in (("王某", D(2025, 3, 1), True), ("王某", D(2025, 5, 1), True),
                               ("李某", D(2025, 3, 2), True), ("赵某", D(2025, 3, 3), False)):
        actions.record_self_report(user, org=bureau, reported_on=day, officer=name, is_regular=regular)
    for n in range(4):
        clue = actions.receive_clue(user, org=bureau, received_on=D(2025, 2, 1 + n), source="转办", summary="线索")
        if n < 3:
            actions.close_clue(user, clue, closed_on=D(2025, 3, 1) if n < 2 else D(2025, 7, 2), result="办结")
    actions.adopt_rule(user, org=bureau, title="制度一", adopted_on=D(2025, 1, 10))
    actions.adopt_rule(user, org=bureau, title="制度二", adopted_on=D(2025, 6, 30), kind="revised")
    return tree


def _value(code, period="2025H1", dims=None):
    return engine.evaluate(code, "341321", period, dims=dims or {}).value


def test_the_half_year_in_figures(half_2025):
    assert [_value(c) for c in ("team.training", "team.study", "team.seminar", "team.collective")] == [2, 3, 1, 1]
    assert _value("team.activities") == 7 and _value("team.activities", "2025") == 8
    assert (_value("team.problems"), _value("team.problems_rectified")) == (2, 1)  # 其他问题 is no 顽瘴痼疾
    assert _value("team.problems_rectified", "2025") == 2
    assert _value("team.self_reports") == 2  # 王某 once, 赵某 is not 正式干警
    assert (_value("team.clues"), _value("team.clues_closed"), _value("team.clue_close_rate")) == (4, 2, 50)
    assert _value("team.rules") == 2 and _value("team.rules", dims={"kind": "revised"}) == 1


def test_the_report_paragraph(half_2025):
    text = document.build("341321", "2025H1").plain_text()
    assert "我局组织干警参加政法干部政治轮训班2期，集中学习3次，组织研讨交流1次，集体活动1次。" in text
    assert "查摆顽瘴痼疾2个，已整改1个。" in text
    assert "共计2名正式干警主动向组织说明自身存在问题。" in text
    assert "涉及我局问题线索4条，办结率50%。" in text
    assert "制定完善规章制度2个。" in text


def test_the_demo_builder_gives_seed_000s_figures(tree, bureau_user):
    ctx = DemoContext(county=tree["county"], bureau=tree["bureau"], offices=[tree["office_a"], tree["office_b"]],
                      sections={}, units={}, committees=[], users={"section_staff": bureau_user},
                      today=dt.date.today(), rng=random.Random(1), log=lambda message: None)
    demo.build(ctx)
    figures = {code: _value(code, "2021H1") for code in (
        "team.training", "team.study", "team.seminar", "team.collective", "team.problems",
        "team.problems_rectified", "team.self_reports", "team.clues", "team.clue_close_rate", "team.rules")}
    assert figures == {"team.training": 3, "team.study": 42, "team.seminar": 11, "team.collective": 9,
                       "team.problems": 3, "team.problems_rectified": 3, "team.self_reports": 3, "team.clues": 5,
                       "team.clue_close_rate": 100, "team.rules": 8}
    text = document.build("341321", "2021H1").plain_text()
    assert "政治轮训班3期，集中学习42次，组织研讨交流11次，集体活动9次" in text
    assert "涉及我局问题线索5条，办结率100%" in text and "制定完善规章制度8个" in text
    count = Problem.objects.count()
    assert Problem.objects.filter(status="pending").count() == 1  # the live one for the home page
    demo.build(ctx)
    assert Problem.objects.count() == count
