"""Personal tokens: created from a session, shown once, listed without the key, revoked by their owner."""

from datetime import timedelta

from django.utils import timezone

from sifa.core.models import ApiToken, AuditEvent

from .conftest import ApiClient


def test_create_from_session_returns_the_key_once(logged_in, office_user):
    response = logged_in.post("/api/v1/tokens", {"name": "统计报表对接", "expires_in_days": 30},
                              content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["key"].startswith("sifa_") and created["prefix"] == created["key"][5:13]
    token = ApiToken.objects.get(pk=created["id"])
    assert token.key_hash == ApiToken.hash_key(created["key"]) and created["key"] not in token.key_hash
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    listed = logged_in.get("/api/v1/tokens").json()["items"]
    assert "key" not in listed[0] and listed[0]["valid"] is True
    assert created["key"] not in logged_in.get("/api/v1/tokens").content.decode()
    assert ApiClient(logged_in, created["key"]).get("me").json()["username"] == office_user.username
    assert AuditEvent.objects.filter(verb="创建接口令牌", username=office_user.username).exists()


def test_a_token_cannot_mint_tokens(api):
    response = api.post("tokens", {"name": "续期"})
    assert response.status_code == 403 and response.json()["code"] == "session_required"
    assert ApiToken.objects.count() == 1


def test_lifetime_is_bounded(logged_in):
    for days in (0, 366, "永久"):
        response = logged_in.post("/api/v1/tokens", {"name": "x", "expires_in_days": days},
                                  content_type="application/json")
        assert response.status_code == 422
        assert response.json()["details"][0]["label"] == "有效天数"
    assert not ApiToken.objects.exists()


def test_revoke_own_token(client, office_user):
    token, key = ApiToken.issue(office_user, "脚本")
    api = ApiClient(client, key)
    assert api.delete(f"tokens/{token.pk}").status_code == 204
    token.refresh_from_db()
    assert token.revoked
    assert api.get("me").status_code == 401
    assert AuditEvent.objects.filter(verb="吊销接口令牌", object_id=str(token.pk)).count() == 1


def test_another_persons_token_cannot_be_listed_or_revoked(api, other_office_user):
    theirs, _ = ApiToken.issue(other_office_user, "他人的令牌")
    assert theirs.pk not in [t["id"] for t in api.get("tokens").json()["items"]]
    assert api.delete(f"tokens/{theirs.pk}").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.revoked
