"""Password rules and forced changes (SECURITY.md A1)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import get_default_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

import sifa.settings as production
from sifa.core.models import AuditEvent, PasswordHistory, User
from sifa.core.models.audit import AuditEventType
from tests import factories

STRONG = ["Sifa-Strong#0001", "Sifa-Strong#0002", "Sifa-Strong#0003", "Sifa-Strong#0004", "Sifa-Strong#0005",
          "Sifa-Strong#0006"]


def test_production_hasher_is_argon2id(db, tree):
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password("Sifa-Strong#0001").startswith("argon2$argon2id$")
        user = factories.user(tree["office_a"])
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password(factories.PASSWORD)


@pytest.mark.parametrize("password, message", [
    ("Ab1!short", "至少需要12个字符"),
    ("onlylowercaseletters", "至少3类"),
    ("lowercase12345678", "至少3类"),
    ("UPPERCASE-AND-SYMBOLS", "至少3类"),
])
def test_weak_passwords_are_refused_in_chinese(db, password, message):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert any(message in m for m in exc.value.messages)


@pytest.mark.parametrize("password", ["Sifa-Strong#0001", "correcthorse-battery9", "法治建设Sifa2026"])
def test_strong_passwords_pass(db, password):
    refusals = []
    for validator in get_default_password_validators():
        try:
            validator.validate(password)
        except ValidationError as exc:
            refusals += exc.messages
    assert refusals == []


def test_password_similar_to_the_account_is_refused(db, tree):
    user = User(username="zhangxiaosan", full_name="张小三", org=tree["office_a"])
    with pytest.raises(ValidationError):
        validate_password("Zhangxiaosan-1", user)


def test_last_five_passwords_cannot_be_reused(tree):
    user = factories.user(tree["office_a"])  # factories.PASSWORD is the first
    for password in STRONG[:5]:
        validate_password(password, user)
        user.set_password(password)
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5  # pruned to what is compared
    for password in STRONG[:5]:
        with pytest.raises(ValidationError) as exc:
            validate_password(password, user)
        assert "最近5次" in exc.value.messages[0]
    validate_password(factories.PASSWORD, user)  # the sixth-newest may come back
    validate_password(STRONG[5], user)


def change_password(client, old, new):
    return client.post("/accounts/password/", {"old_password": old, "new_password1": new, "new_password2": new})


def test_initial_password_must_be_changed_first(client, tree):
    user = factories.user(tree["office_a"], must_change_password=True)
    client.force_login(user)
    for path in ("/", "/audit/", "/ledger/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/", path
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "首次登录或密码已到期" in page.content.decode()

    response = change_password(client, factories.PASSWORD, factories.PASSWORD)
    assert response.status_code == 200
    assert "最近5次" in response.content.decode()
    response = change_password(client, factories.PASSWORD, STRONG[0])
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/").status_code == 200  # the session survived the change
    row = AuditEvent.objects.get(event=AuditEventType.PASSWORD_CHANGE)
    assert row.user_id == user.pk and STRONG[0] not in repr(row.__dict__)


def test_passwords_expire_after_90_days(client, tree):
    user = factories.user(tree["office_a"])
    now = timezone.now()
    with time_machine.travel(now + timedelta(days=89), tick=False):
        client.force_login(user)
        assert client.get("/").status_code == 200
    with time_machine.travel(now + timedelta(days=91), tick=False):
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == 302 and response["Location"] == "/accounts/password/"
        assert change_password(client, factories.PASSWORD, STRONG[0]).status_code == 302
        assert client.get("/").status_code == 200
