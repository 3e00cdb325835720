"""The 队伍建设 line through its actions: records made and changed with one audit row each, Chinese refusals that
write nothing, another office's records out of reach, the 整改期限 of a 查摆问题 on the home page."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core import deadlines
from sifa.core.models import AuditEvent
from sifa.team import actions
from sifa.team.models import Clue, ClueStatus, Problem, ProblemStatus, Rule, SelfReport, TeamActivity
from tests.team.builders import activity, clue, days_ago, problem


def _verbs(obj):
    return list(AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
                .order_by("id").values_list("verb", flat=True))


def test_a_problem_found_and_rectified(tree, bureau_user):
    made = problem(bureau_user, tree["bureau"], found_on=days_ago(20))
    assert made.due_on == days_ago(20) + dt.timedelta(days=30) and made.status == ProblemStatus.PENDING
    with pytest.raises(ValidationError, match="整改完成日期（.*）不能早于查摆日期"):
        actions.rectify_problem(bureau_user, made, rectified_on=days_ago(21), measures="整改")
    with pytest.raises(ValidationError, match="请填写整改措施及结果"):
        actions.rectify_problem(bureau_user, made, rectified_on=days_ago(2), measures=" ")
    actions.rectify_problem(bureau_user, made, rectified_on=days_ago(2), measures="建立长效机制")
    made.refresh_from_db()
    assert (made.status, made.rectified_on) == (ProblemStatus.RECTIFIED, days_ago(2))
    with pytest.raises(ValidationError, match="已整改完毕"):
        actions.rectify_problem(bureau_user, made, rectified_on=days_ago(1), measures="再次")
    assert _verbs(made) == ["登记查摆问题", "查摆问题整改完毕"]


def test_a_clue_received_and_closed(tree, bureau_user):
    made = clue(bureau_user, tree["bureau"], on=days_ago(10))
    actions.close_clue(bureau_user, made, closed_on=days_ago(1), result="经核查不属实，予以了结")
    made.refresh_from_db()
    assert (made.status, made.closed_on) == (ClueStatus.CLOSED, days_ago(1))
    with pytest.raises(ValidationError, match="已办结"):
        actions.close_clue(bureau_user, made, closed_on=days_ago(1), result="再次")
    assert _verbs(made) == ["登记问题线索", "问题线索办结"]


def test_bad_input_writes_nothing(tree, bureau_user):
    bureau = tree["bureau"]
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="活动类别“开会”不在可选范围内"):
        actions.record_activity(bureau_user, org=bureau, kind="开会", held_on=days_ago(1), title="x")
    with pytest.raises(ValidationError, match="活动日期不能晚于今天"):
        activity(bureau_user, bureau, on=days_ago(-1))
    with pytest.raises(ValidationError, match="请填写活动日期"):
        actions.record_activity(bureau_user, org=bureau, kind="study", held_on=None, title="x")
    with pytest.raises(ValidationError, match="整改期限应晚于查摆日期"):
        problem(bureau_user, bureau, found_on=days_ago(5), due_on=days_ago(6))
    with pytest.raises(ValidationError, match="请填写干警姓名"):
        actions.record_self_report(bureau_user, org=bureau, reported_on=days_ago(1), officer="")
    with pytest.raises(ValidationError, match="请填写线索来源"):
        actions.receive_clue(bureau_user, org=bureau, received_on=days_ago(1), source="", summary="x")
    with pytest.raises(ValidationError, match="制定或修订“废止”不在可选范围内"):
        actions.adopt_rule(bureau_user, org=bureau, title="制度", adopted_on=days_ago(1), kind="废止")
    assert not any(m.objects.exists() for m in (TeamActivity, Problem, SelfReport, Clue, Rule))
    assert AuditEvent.objects.count() == before


def test_duplicates_are_refused(tree, bureau_user):
    bureau = tree["bureau"]
    actions.record_self_report(bureau_user, org=bureau, reported_on=days_ago(3), officer="王某", is_regular=True)
    with pytest.raises(ValidationError, match="王某在.*已登记"):
        actions.record_self_report(bureau_user, org=bureau, reported_on=days_ago(3), officer="王某")
    actions.adopt_rule(bureau_user, org=bureau, title="请销假制度", adopted_on=days_ago(3), kind="修订")
    with pytest.raises(ValidationError, match="已登记"):
        actions.adopt_rule(bureau_user, org=bureau, title="请销假制度", adopted_on=days_ago(3))
    assert Rule.objects.get().kind == "revised"


def test_another_office_can_neither_see_nor_change_the_records(tree, office_user, other_office_user):
    made = problem(office_user, tree["office_a"])
    item = clue(office_user, tree["office_a"])
    assert not Problem.objects.for_user(other_office_user).exists()
    with pytest.raises(PermissionDenied):
        actions.rectify_problem(other_office_user, made, rectified_on=days_ago(1), measures="越权")
    with pytest.raises(PermissionDenied):
        actions.close_clue(other_office_user, item, closed_on=days_ago(1), result="越权")
    with pytest.raises(PermissionDenied):
        activity(other_office_user, tree["office_a"])
    assert Problem.objects.get().status == ProblemStatus.PENDING
    assert Clue.objects.get().status == ClueStatus.HANDLING


def test_problem_deadlines_reach_the_home_page(tree, bureau_user):
    overdue = problem(bureau_user, tree["bureau"], found_on=days_ago(40), due_on=days_ago(2), description="逾期的问题")
    problem(bureau_user, tree["bureau"], found_on=days_ago(40), due_on=dt.date.today(), description="今天到期的问题")
    done = problem(bureau_user, tree["bureau"], found_on=days_ago(40), due_on=days_ago(5), description="已整改的问题")
    actions.rectify_problem(bureau_user, done, rectified_on=days_ago(6), measures="已整改")
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "队伍建设"]
    assert [(i.title.split("：")[1], i.state) for i in items] == [("逾期的问题", "超期"), ("今天到期的问题", "临期")]
    assert items[0].url.endswith(f"/team/problems/{overdue.pk}/")
    assert deadlines.summary_for(bureau_user).by_kind["队伍建设"] == {"超期": 1, "临期": 1}
