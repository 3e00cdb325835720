"""站内消息: notify(), the top-bar badge, opening and marking messages, SMS after commit."""

import pytest

from sifa.core import notify
from sifa.core.models import AuditEvent, Notification
from sifa.core.models.audit import AuditEventType


def test_notify_fills_inbox_and_badge(logged_in, office_user):
    notify.notify(office_user, "调解案件已指派给您", body="请在3日内联系当事人。", link="/orgs/", category="指派")
    notify.notify(office_user, "系统维护通知")
    html = logged_in.get("/").content.decode()
    assert '<span class="badge" aria-label="未读2条">2</span>' in html
    assert "调解案件已指派给您" in html
    inbox = logged_in.get("/inbox/").content.decode()
    assert "请在3日内联系当事人。" in inbox and "指派" in inbox


def test_open_marks_read_and_follows_the_link(logged_in, office_user):
    note = notify.notify(office_user, "请核对机构信息", link="/orgs/")
    response = logged_in.post(f"/inbox/{note.pk}/open/")
    assert response.status_code == 302 and response.url == "/orgs/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "badge" not in logged_in.get("/inbox/").content.decode().split("</header>")[0]


def test_mark_read_and_mark_all(logged_in, office_user):
    first = notify.notify(office_user, "一")
    notify.notify(office_user, "二")
    notify.notify(office_user, "三")
    logged_in.post(f"/inbox/{first.pk}/read/")
    assert notify.unread_count(office_user) == 2
    assert len(logged_in.get("/inbox/", {"status": "unread"}).context["page"].object_list) == 2
    response = logged_in.post("/inbox/read-all/", follow=True)
    assert "已将 2 条消息标为已读" in response.content.decode()
    assert notify.unread_count(office_user) == 0


def test_others_messages_are_404_and_audited(logged_in, other_office_user):
    theirs = notify.notify(other_office_user, "他人的消息", link="/orgs/")
    assert logged_in.post(f"/inbox/{theirs.pk}/open/").status_code == 404
    assert logged_in.post(f"/inbox/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_type="core.notification",
                                     object_id=str(theirs.pk)).count() == 2
    assert "他人的消息" not in logged_in.get("/inbox/").content.decode()


def test_mark_read_needs_post(logged_in, office_user):
    note = notify.notify(office_user, "一")
    assert logged_in.get(f"/inbox/{note.pk}/read/").status_code == 405


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil"])
def test_links_must_stay_on_site(office_user, link):
    with pytest.raises(ValueError):
        notify.notify(office_user, "钓鱼", link=link)
    assert not Notification.objects.exists()


def test_stored_foreign_link_is_not_followed(logged_in, office_user):
    note = Notification.objects.create(user=office_user, title="旧数据", link="https://evil.example/")
    response = logged_in.post(f"/inbox/{note.pk}/open/")
    assert response.url == "/inbox/"


def test_sms_leaves_only_after_commit(office_user, django_capture_on_commit_callbacks):
    office_user.mobile = "13812345678"
    office_user.save()
    notify.LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify.notify(office_user, "社区矫正对象报到提醒", sms=True)
    assert notify.LoggingSMSBackend.last_text_to("13812345678") is None
    for callback in callbacks:
        callback()
    assert "社区矫正对象报到提醒" in notify.LoggingSMSBackend.last_text_to("13812345678")


def test_a_failing_sms_provider_does_not_break_the_action(office_user, settings, django_capture_on_commit_callbacks):
    settings.SIFA_SMS_BACKEND = "sifa.core.notify.HttpGatewaySMSBackend"  # no gateway configured: raises
    office_user.mobile = "13812345678"
    with django_capture_on_commit_callbacks(execute=True):
        note = notify.notify(office_user, "提醒", sms=True)
    assert Notification.objects.filter(pk=note.pk).exists()
