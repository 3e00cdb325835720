"""One truth for deadlines (issue 13, item 2): the home page, the 期限事项 page, the dashboard's overdue page and the
API show the same 超期/临期 figures (core.deadlines.summary_for); the home page puts today's and newly overdue work
first, groups the rest by line and folds items overdue for months into one line."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sifa.core import deadlines
from sifa.core.home import home_context
from sifa.core.models import Role
from sifa.reports import dashboard
from tests import factories


@pytest.fixture
def work(tree):
    """A line's open work in 砀城司法所: 6 overdue of which 4 for months, 1 due today, 1 due tomorrow."""
    today = timezone.localdate()
    dues = [today - dt.timedelta(days=d) for d in (400, 380, 200, 120)] + [today - dt.timedelta(days=2),
                                                                         today - dt.timedelta(days=3)]
    dues += [today, today + dt.timedelta(days=1)]
    org = tree["office_a"]

    def source(user):
        if user.org_id is None or not org.path.startswith(user.org.path):
            return []
        return [deadlines.DueItem.make(title=f"事项{d:%m%d}", url="/orgs/", due=d, org=org, kind="测试条线",
                                       today=today) for d in dues]

    deadlines.register_source(source)
    yield {"today": today, "dues": dues}
    deadlines.unregister_source(source)


def _figures(client, user):
    client.force_login(user)
    home = home_context(user)
    page = client.get(reverse("core:due"))
    api = client.get("/api/v1/due").json()
    board = dashboard._overdue(user, user.org, 30)
    return {"home": (home["overdue_count"], home["near_count"]),
            "due_page": (page.context["summary"].overdue, page.context["summary"].near),
            "api": (api["overdue"], api["near"]),
            "dashboard": (board["overdue"], board["near"])}


@pytest.mark.parametrize("role", [Role.LEADER, Role.SECTION_STAFF, Role.OFFICE_STAFF, Role.MEDIATOR])
def test_every_page_and_the_api_give_the_same_figures(client, tree, work, role):
    org = tree["bureau"] if role in (Role.LEADER, Role.SECTION_STAFF) else tree["office_a"]
    user = factories.user(org, role, username=f"truth_{role}")
    figures = _figures(client, user)
    assert len(set(figures.values())) == 1, figures
    assert figures["home"] == (6, 2)          # today's and tomorrow's are 临期


def test_outside_the_unit_all_pages_say_zero(client, tree, work):
    figures = _figures(client, factories.user(tree["office_b"], Role.OFFICE_STAFF, username="truth_b"))
    assert set(figures.values()) == {(0, 0)}


def test_the_home_page_puts_today_first_groups_by_line_and_folds_the_old(client, tree, work):
    user = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="truth_home")
    context = home_context(user)
    today = work["today"]
    first = [i.due for i in context["due_first"]]
    assert today in first and today - dt.timedelta(days=2) in first and today - dt.timedelta(days=3) in first
    assert all(d >= today - dt.timedelta(days=deadlines.NEWLY_OVERDUE_DAYS) for d in first)
    [group] = context["due_by_line"]
    assert group["kind"] == "测试条线" and (group["overdue"], group["near"]) == (6, 2)
    assert all(not (i.state == deadlines.OVERDUE and i.due < today - dt.timedelta(days=90)) for i in group["items"])
    assert context["long_overdue_count"] == 4
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "另有 4 件已超期90日以上" in html and reverse("core:due") + "?long=1" in html
    long_page = client.get(reverse("core:due") + "?long=1")
    assert len(long_page.context["items"]) == 4


def test_recent_records_are_the_users_own(client, tree):
    from sifa.mediation import actions

    user = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="truth_recent")
    other = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="truth_other")
    mine = actions.record_screening(user, org=tree["office_a"], held_on=timezone.localdate(), scope="全村")
    actions.record_screening(other, org=tree["office_a"], held_on=timezone.localdate(), scope="全镇")
    recent = home_context(user)["recent"]
    assert [r.url for r in recent] == [mine.get_absolute_url()]
    assert recent[0].line == "人民调解" and recent[0].note == "登记矛盾纠纷排查"
