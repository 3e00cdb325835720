"""The home page per role and the shell around every page."""

import datetime as dt

import pytest
from django.utils import timezone

from sifa.core import deadlines, home, notify
from sifa.core.models import Role
from tests import factories


@pytest.fixture
def due_source():
    def source(user):
        today = timezone.localdate()
        return [
            deadlines.DueItem(title="王某与李某相邻纠纷", url="/orgs/", due=today - dt.timedelta(days=2),
                              state=deadlines.OVERDUE, kind="人民调解"),
            deadlines.DueItem(title="法律援助申请审查", url="/orgs/", due=today + dt.timedelta(days=1),
                              state=deadlines.NEAR, kind="法律援助"),
            deadlines.DueItem(title="远期事项", url="/orgs/", due=today + dt.timedelta(days=60),
                              state=deadlines.NORMAL, kind="公证"),
        ]

    deadlines.register_source(source)
    yield source
    deadlines.unregister_source(source)


@pytest.fixture
def recent_provider():
    def provider(user, limit):
        now = timezone.now()
        yield home.RecentRecord("（2024）砀调字第12号", "/orgs/", now - dt.timedelta(hours=1), "人民调解")
        yield home.RecentRecord("援助申请 2024-031", "/orgs/", now, "法律援助")

    def broken(user, limit):
        raise RuntimeError("line is down")

    home.register_recent("测试", provider)
    home.register_recent("坏来源", broken)
    yield provider
    home.unregister_recent(provider)
    home.unregister_recent(broken)


def test_staff_home_shows_todo_due_and_recent(logged_in, office_user, due_source, recent_provider):
    notify.notify(office_user, "新的指派任务")
    response = logged_in.get("/")
    html = response.content.decode()
    assert "新的指派任务" in html
    assert "王某与李某相邻纠纷" in html and "法律援助申请审查" in html and "远期事项" not in html
    assert response.context["overdue_count"] == 1 and response.context["near_count"] == 1
    titles = [r.title for r in response.context["recent"]]
    assert titles == ["援助申请 2024-031", "（2024）砀调字第12号"]  # newest first, broken source skipped
    assert "管理功能" not in html


def test_admin_home_has_admin_links_and_no_case_data(client, tree, due_source, recent_provider):
    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    client.force_login(admin)
    response = client.get("/")
    html = response.content.decode()
    assert "管理功能" in html and "三员分立" in html
    assert 'href="/jobs/"' in html
    assert "王某与李某相邻纠纷" not in html and "最近记录" not in html and "临期与超期事项" not in html


def test_recent_model_provider_is_scoped(office_user, tree):
    """register_recent_model goes through for_user, so nothing from another 司法所 shows."""
    memo_module = pytest.importorskip("tests.scopeapp.models")
    memo_module.Memo.objects.create(org=tree["office_a"], title="本所备忘")
    memo_module.Memo.objects.create(org=tree["office_b"], title="他所备忘")
    provider = home.register_recent_model("备忘", memo_module.Memo, "scopeapp:detail", title=lambda m: m.title)
    try:
        records = home.recent_records(office_user)
    finally:
        home.unregister_recent(provider)
    assert [(r.title, r.line) for r in records] == [("本所备忘", "备忘")]
    assert records[0].url.startswith("/scopeapp/memos/")


def test_shell_has_org_role_nav_and_mobile_toggle(logged_in, office_user):
    html = logged_in.get("/orgs/").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert office_user.org.name in html and "司法所工作人员" in html
    assert 'id="nav-toggle"' in html and 'for="nav-toggle"' in html
    assert "<details open><summary>基础信息</summary>" in html
    assert 'href="/orgs/" class="active" aria-current="page"' in html
    assert "<script" not in html  # the shell itself needs no JavaScript


def test_anonymous_pages_have_no_staff_chrome(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "nav-toggle" not in html and "sidenav" not in html
