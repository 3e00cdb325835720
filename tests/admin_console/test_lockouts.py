from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from sifa.core.models import Role
from tests import factories

from .conftest import audit_rows, page_text

LOGIN = "/accounts/login/"


def _fail_five_times(username):
    browser = Client()
    for _ in range(5):
        browser.post(LOGIN, {"username": username, "password": "wrong-Passw0rd!"})
    return browser


def test_unlock_after_five_failed_logins(as_sec_admin, sec_admin, office_user):
    browser = _fail_five_times("clerk_a")
    locked = browser.post(LOGIN, {"username": "clerk_a", "password": factories.PASSWORD})
    assert locked.status_code == 429 and "_auth_user_id" not in browser.session
    assert audit_rows(event="lockout", username="clerk_a").exists()

    html = page_text(as_sec_admin.get(reverse("admin_console:lockout_list")))
    assert "clerk_a" in html and "127.0.0.1" in html
    assert "已锁定" in page_text(as_sec_admin.get(reverse("admin_console:role_list")))

    response = as_sec_admin.post(reverse("admin_console:lockout_unlock", args=[office_user.pk]), follow=True)
    assert "已解除账号“clerk_a”的登录锁定" in page_text(response)
    assert not AccessAttempt.objects.filter(username="clerk_a").exists()
    row = audit_rows(verb="解除登录锁定", object_id=str(office_user.pk)).get()
    assert row.user_id == sec_admin.pk and row.after == {"cleared_attempts": 1}

    response = browser.post(LOGIN, {"username": "clerk_a", "password": factories.PASSWORD})
    assert response.status_code == 302 and browser.session["_auth_user_id"] == str(office_user.pk)


def test_unlocking_an_unlocked_account_says_so(as_sec_admin, office_user):
    response = as_sec_admin.post(reverse("admin_console:lockout_unlock", args=[office_user.pk]), follow=True)
    assert "无需解锁" in page_text(response)
    assert not audit_rows(verb="解除登录锁定").exists()


def test_lockouts_of_other_subtrees_are_not_listed(client, tree, other_office_user):
    office_sec = factories.user(tree["office_a"], role=Role.SECURITY_ADMIN, username="office_sec")
    _fail_five_times("clerk_b")
    client.force_login(office_sec)
    assert "clerk_b" not in page_text(client.get(reverse("admin_console:lockout_list")))


def test_system_admin_cannot_unlock(as_sys_admin, office_user):
    _fail_five_times("clerk_a")
    response = as_sys_admin.post(reverse("admin_console:lockout_unlock", args=[office_user.pk]))
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="clerk_a").exists()
