"""Login lockout (SECURITY.md A2) and session limits (A3)."""

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from sifa.core.models import AuditEvent
from sifa.core.models.audit import AuditEventType
from tests import factories


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_wrong_password_gets_a_chinese_message(client, office_user):
    response = login(client, "clerk_a", "Wrong-Passw0rd!")
    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()


def test_five_failures_lock_for_thirty_minutes(client, office_user, other_office_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(4):
            assert login(client, "clerk_a", "Wrong-Passw0rd!").status_code == 200
        fifth = login(client, "clerk_a", "Wrong-Passw0rd!")
        assert fifth.status_code == 429

        locked = login(client, "clerk_a", factories.PASSWORD)
        html = locked.content.decode()
        assert locked.status_code == 429
        assert "账号已临时锁定" in html and "30分钟" in html
        assert "_auth_user_id" not in client.session

        [row] = AuditEvent.objects.filter(event=AuditEventType.LOCKOUT)
        assert (row.user_id, row.username, row.role, row.org_path) == (
            office_user.pk, "clerk_a", office_user.role, office_user.org.path)
        assert row.ip == "127.0.0.1" and row.request_id and row.outcome == "failure"
        fails = AuditEvent.objects.filter(event=AuditEventType.LOGIN_FAIL).order_by("id")
        assert fails.count() == 6 and fails.last().reason == "账号处于锁定期"

        # the lock is on this account from this address, not on everyone behind it
        assert login(client, "clerk_b", factories.PASSWORD).status_code == 302
        client.logout()

        traveller.move_to(start + timedelta(minutes=29))
        assert login(client, "clerk_a", factories.PASSWORD).status_code == 429
        traveller.move_to(start + timedelta(minutes=31))
        response = login(client, "clerk_a", factories.PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.get("/").status_code == 200


def test_session_key_rotates_at_login(client, office_user):
    session = client.session
    session["before_login"] = True
    session.save()
    old_key = session.session_key
    assert login(client, "clerk_a", factories.PASSWORD).status_code == 302
    new_key = client.cookies["sessionid"].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_logout_deletes_the_server_session(client, office_user):
    login(client, "clerk_a", factories.PASSWORD)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # replay the old cookie
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_idle_timeout_thirty_minutes(client, office_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        login(client, "clerk_a", factories.PASSWORD)
        key = client.cookies["sessionid"].value
        traveller.move_to(start + timedelta(minutes=29))
        assert client.get("/").status_code == 200  # activity renews the idle window
        traveller.move_to(start + timedelta(minutes=58))
        assert client.get("/").status_code == 200
        traveller.move_to(start + timedelta(minutes=58 + 31))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        call_command("clearsessions")  # scheduled, off the request path
        assert not Session.objects.filter(session_key=key).exists()


def test_absolute_limit_twelve_hours(client, office_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        login(client, "clerk_a", factories.PASSWORD)
        key = client.cookies["sessionid"].value
        elapsed = timedelta()
        while elapsed + timedelta(minutes=25) < timedelta(hours=12):
            elapsed += timedelta(minutes=25)
            traveller.move_to(start + elapsed)
            assert client.get("/").status_code == 200, elapsed
        traveller.move_to(start + timedelta(hours=12, minutes=5))
        response = client.get("/")
        assert response.status_code == 302
        assert not Session.objects.filter(session_key=key).exists()
        assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(event=AuditEventType.LOGOUT, user_id=office_user.pk).exists()


def test_authenticated_pages_are_not_cached(client, office_user):
    login(client, "clerk_a", factories.PASSWORD)
    assert client.get("/")["Cache-Control"] == "no-store"


def test_activity_renews_the_idle_window_without_a_write_per_request(client, office_user):
    """A page view saves the session only when its last renewal is a minute old or more; the idle window still
    runs from the latest renewal, never past 30 minutes of inactivity."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        login(client, "clerk_a", factories.PASSWORD)
        key = client.cookies["sessionid"].value
        expiry = Session.objects.get(session_key=key).expire_date
        traveller.move_to(start + timedelta(seconds=20))
        assert client.get("/").status_code == 200
        assert Session.objects.get(session_key=key).expire_date == expiry  # no write within the minute
        traveller.move_to(start + timedelta(seconds=90))
        assert client.get("/").status_code == 200
        renewed = Session.objects.get(session_key=key).expire_date
        assert renewed == expiry + timedelta(seconds=90)
        traveller.move_to(start + timedelta(seconds=90, minutes=30, microseconds=1))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
