"""Own inbox and own jobs: nobody reads another person's."""

from sifa.core.models import Job, Notification
from tests import factories

from .conftest import denied_rows


def test_inbox_lists_own_messages_and_filters_unread(api, office_user, other_office_user):
    mine = Notification.objects.create(user=office_user, title="调解案件已指派给您")
    Notification.objects.create(user=office_user, title="已读消息", read_at="2026-01-05T09:00:00+08:00")
    Notification.objects.create(user=other_office_user, title="别人的消息")
    assert [n["title"] for n in api.get("notifications").json()["items"]] == ["已读消息", "调解案件已指派给您"]
    assert [n["id"] for n in api.get("notifications", unread="true").json()["items"]] == [mine.pk]


def test_mark_read_and_read_all(api, office_user):
    first, second = (Notification.objects.create(user=office_user, title=t) for t in ("一", "二"))
    response = api.post(f"notifications/{first.pk}/read")
    assert response.status_code == 200 and response.json()["read_at"]
    assert api.post("notifications/read-all").json() == {"marked": 1}
    second.refresh_from_db()
    assert second.read_at is not None


def test_another_persons_message_is_404_and_untouched(api, tree):
    colleague = factories.user(tree["office_a"])
    theirs = Notification.objects.create(user=colleague, title="私信")
    assert api.post(f"notifications/{theirs.pk}/read").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert denied_rows("core.notification", theirs.pk).exists()


def test_jobs_are_own_only(api, office_user, other_office_user):
    mine = Job.objects.create(name="生成年度工作报告", task="x", user=office_user, status="running", progress=40)
    theirs = Job.objects.create(name="导出台账", task="x", user=other_office_user)
    listed = api.get("jobs").json()
    assert [j["id"] for j in listed["items"]] == [mine.pk]
    detail = api.get(f"jobs/{mine.pk}").json()
    assert (detail["status"], detail["status_label"], detail["progress"]) == ("running", "进行中", 40)
    assert api.get(f"jobs/{theirs.pk}").status_code == 404
    assert api.get("jobs", status="done").json()["total"] == 0
    assert api.get("jobs", status="whatever").status_code == 422
