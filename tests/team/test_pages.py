"""The 队伍建设 pages as the bureau's staff use them: create each record, rectify a problem and close a clue on
their pages, Chinese refusals with status 400, another office's record is 404, roles outside the bureau's (a mediator) have no such pages,
and the activities list exports its ledger."""

import pytest
from django.urls import reverse

from sifa.core.models import Role
from sifa.team.models import Clue, ClueStatus, Problem, ProblemStatus, Rule, SelfReport, TeamActivity
from tests import factories
from tests.team.builders import clue, days_ago, problem


@pytest.fixture
def staff(client, bureau_user):
    client.force_login(bureau_user)
    return client


def test_records_created_through_the_pages(staff):
    posts = [
        ("team:activity_create", {"kind": "study", "held_on": days_ago(3).isoformat(), "title": "党史学习教育专题学习",
                                  "participants": "30"}, TeamActivity),
        ("team:problem_create", {"description": "有案不立", "category": "chronic",
                                 "found_on": days_ago(3).isoformat()}, Problem),
        ("team:selfreport_create", {"reported_on": days_ago(3).isoformat(), "officer": "王某", "is_regular": "on",
                                    "matter": "个人事项"}, SelfReport),
        ("team:clue_create", {"received_on": days_ago(3).isoformat(), "source": "县纪委监委转办",
                              "summary": "线索"}, Clue),
        ("team:rule_create", {"title": "请销假制度", "kind": "new", "adopted_on": days_ago(3).isoformat()}, Rule),
    ]
    for url_name, data, model in posts:
        assert "登记" in staff.get(reverse(url_name)).content.decode()
        made = staff.post(reverse(url_name), data)
        assert made.status_code == 302, (url_name, made.content.decode()[:800])
        record = model.objects.get()
        assert made["Location"] == record.get_absolute_url()
        assert staff.get(made["Location"]).status_code == 200
    assert SelfReport.objects.get().is_regular
    lists = ["team:activity_list", "team:problem_list", "team:selfreport_list", "team:clue_list", "team:rule_list"]
    for url_name in lists:
        assert staff.get(reverse(url_name)).status_code == 200


def test_a_refusal_is_shown_on_the_form(staff):
    refused = staff.post(reverse("team:problem_create"), {
        "description": "问题", "category": "chronic", "found_on": days_ago(3).isoformat(),
        "due_on": days_ago(5).isoformat()})
    assert refused.status_code == 400 and "整改期限应晚于查摆日期" in refused.content.decode()
    assert not Problem.objects.exists()


def test_rectify_and_close_on_the_record_pages(staff, tree, bureau_user):
    made = problem(bureau_user, tree["bureau"], found_on=days_ago(10))
    page = staff.get(reverse("team:problem_detail", args=[made.pk])).content.decode()
    assert reverse("team:problem_rectify", args=[made.pk]) in page
    done = staff.post(reverse("team:problem_rectify", args=[made.pk]),
                      {"rectified_on": days_ago(1).isoformat(), "measures": "建立长效机制"})
    assert done.status_code == 302
    assert Problem.objects.get().status == ProblemStatus.RECTIFIED
    page = staff.get(reverse("team:problem_detail", args=[made.pk])).content.decode()
    assert reverse("team:problem_rectify", args=[made.pk]) not in page and "建立长效机制" in page
    item = clue(bureau_user, tree["bureau"], on=days_ago(5))
    assert staff.post(reverse("team:clue_close", args=[item.pk]),
                      {"closed_on": days_ago(1).isoformat(), "result": "已办结"}).status_code == 302
    assert Clue.objects.get().status == ClueStatus.CLOSED


def test_other_offices_and_office_roles_are_kept_out(client, tree, office_user, other_office_user):
    made = problem(office_user, tree["office_a"])
    client.force_login(other_office_user)
    assert client.get(reverse("team:problem_detail", args=[made.pk])).status_code in (403, 404)
    assert client.post(reverse("team:problem_rectify", args=[made.pk]),
                       {"rectified_on": days_ago(1).isoformat(), "measures": "越权"}).status_code in (403, 404)
    assert Problem.objects.get().status == ProblemStatus.PENDING
    client.force_login(office_user)
    assert client.get(reverse("team:problem_detail", args=[made.pk])).status_code == 200
    mediator = factories.user(tree["office_a"], role=Role.MEDIATOR, username="mediator_a")
    client.force_login(mediator)  # not a bureau role (core.roles.TOOL_ROLES "team:")
    assert client.get(reverse("team:activity_list")).status_code == 403


def test_the_dashboard_shows_the_line(staff, tree, bureau_user):
    problem(bureau_user, tree["bureau"], found_on=days_ago(3))
    page = staff.get(reverse("reports:dashboard")).content.decode()
    assert "队伍建设" in page and "查摆顽瘴痼疾" in page
