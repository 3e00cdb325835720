"""Who may call the API: a valid personal token, or the logged-in session with CSRF for unsafe methods."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from sifa.core.models import ApiToken, AuditEvent
from tests import factories

from .conftest import ApiClient, issue


def assert_401(response):
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "unauthorized"
    assert "令牌" in response.json()["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_token_is_401_json_not_a_login_redirect(anon_api, tree):
    assert_401(anon_api.get("me"))
    assert_401(anon_api.post("orgs", {"name": "x"}))


@pytest.mark.parametrize("header", ["Bearer sifa_not-a-real-token", "Bearer ", "Token sifa_abc", "Basic dXNlcjpwYXNz",
                                    "Bearer " + "x" * 5000])
def test_bad_token_is_401(client, office_user, header):
    issue(office_user)
    assert_401(client.get("/api/v1/me", headers={"Authorization": header}))


def test_valid_token_authenticates_and_records_last_use(api, office_user):
    token = ApiToken.objects.get(user=office_user)
    assert token.last_used_at is None
    response = api.get("me")
    assert response.status_code == 200
    assert response.json()["username"] == "clerk_a" and response.json()["auth_method"] == "token"
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert response["Cache-Control"] == "no-store"


def test_last_used_is_written_at_most_once_a_minute(api, office_user):
    api.get("me")
    first = ApiToken.objects.get(user=office_user).last_used_at
    api.get("me")
    assert ApiToken.objects.get(user=office_user).last_used_at == first
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        api.get("me")
    assert ApiToken.objects.get(user=office_user).last_used_at > first


def test_revoked_token_is_401(client, office_user):
    token, key = ApiToken.issue(office_user, "脚本")
    token.revoked = True
    token.save()
    assert_401(ApiClient(client, key).get("me"))


def test_expired_token_is_401(client, office_user):
    _, key = ApiToken.issue(office_user, "脚本", expires_at=timezone.now() + timedelta(days=1))
    api = ApiClient(client, key)
    assert api.get("me").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert_401(api.get("me"))


def test_token_of_a_deactivated_user_is_401(api, office_user):
    office_user.is_active = False
    office_user.save()
    assert_401(api.get("me"))


def test_session_works_for_same_origin_reads(logged_in):
    response = logged_in.get("/api/v1/me")
    assert response.status_code == 200 and response.json()["auth_method"] == "session"


def test_session_writes_need_the_csrf_token(office_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(office_user)
    refused = browser.post("/api/v1/notifications/read-all")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    browser.get("/")  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post("/api/v1/notifications/read-all", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200, accepted.content


def test_token_requests_need_no_csrf(office_user):
    key = issue(office_user)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/api/v1/notifications/read-all", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200


def test_a_bad_token_is_not_rescued_by_a_session_cookie(logged_in):
    assert_401(logged_in.get("/api/v1/me", headers={"Authorization": "Bearer sifa_wrong"}))


def test_session_of_a_user_who_must_change_password_is_refused(client, tree):
    user = factories.user(tree["office_a"], must_change_password=True)
    client.force_login(user)
    response = client.get("/api/v1/me")
    assert response.status_code == 403 and response.json()["code"] == "password_change_required"


def test_audit_rows_of_token_requests_name_the_token_user(api, office_user):
    token = ApiToken.objects.get(user=office_user)
    assert api.delete(f"tokens/{token.pk}").status_code == 204
    row = AuditEvent.objects.filter(verb="吊销接口令牌").get()
    assert row.username == "clerk_a" and row.request_id
