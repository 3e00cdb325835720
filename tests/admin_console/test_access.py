"""Every console page for every role: the right role gets 200, every other role 403; POSTs need CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from sifa.core.models import AuditEvent, Role
from sifa.core.roles import CAPABILITIES
from tests import factories

PAGES = [
    ("admin_console:org_list", None, "manage_orgs"),
    ("admin_console:org_create", None, "manage_orgs"),
    ("admin_console:org_edit", "office_a", "manage_orgs"),
    ("admin_console:population", None, "manage_orgs"),
    ("admin_console:user_list", None, "manage_users"),
    ("admin_console:user_create", None, "manage_users"),
    ("admin_console:user_edit", "clerk", "manage_users"),
    ("admin_console:user_password", "clerk", "manage_users"),
    ("admin_console:role_list", None, "manage_roles"),
    ("admin_console:role_change", "clerk", "manage_roles"),
    ("admin_console:lockout_list", None, "unlock_accounts"),
]

POSTS = [
    ("admin_console:org_set_active", "office_a"),
    ("admin_console:user_set_active", "clerk"),
    ("admin_console:user_propose_role", "clerk"),
    ("admin_console:lockout_unlock", "clerk"),
    ("admin_console:org_create", None),
    ("admin_console:user_create", None),
    ("admin_console:population", None),
    ("admin_console:role_change", "clerk"),
]


def _url(tree, clerk, name, target):
    if target is None:
        return reverse(name)
    obj = tree["office_a"] if target == "office_a" else clerk
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize("role", Role.values)
def test_each_page_opens_for_its_role_only(client, tree, office_user, role):
    actor = factories.user(tree["bureau"], role=role, username=f"actor_{role}")
    client.force_login(actor)
    for name, target, capability in PAGES:
        response = client.get(_url(tree, office_user, name, target))
        expected = 200 if capability in CAPABILITIES[role] else 403
        assert response.status_code == expected, (role, name)
        if expected == 403:
            assert "无权访问" in response.content.decode()


def test_refusal_is_audited(client, tree, office_user):
    client.force_login(office_user)
    before = AuditEvent.objects.filter(event="denied").count()
    assert client.get(reverse("admin_console:user_list")).status_code == 403
    assert AuditEvent.objects.filter(event="denied", username="clerk_a").count() == before + 1


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.LEADER, Role.AUDIT_ADMIN])
def test_state_changes_refused_for_other_roles(client, tree, office_user, role):
    actor = factories.user(tree["bureau"], role=role, username=f"actor_{role}")
    client.force_login(actor)
    for name, target in POSTS:
        response = client.post(_url(tree, office_user, name, target), {"active": "0"})
        assert response.status_code == 403, name
    office_user.refresh_from_db()
    tree["office_a"].refresh_from_db()
    assert office_user.is_active and tree["office_a"].active


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(reverse("admin_console:org_list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_state_changes_are_post_only(as_sys_admin, tree, office_user):
    assert as_sys_admin.get(reverse("admin_console:org_set_active", args=[tree["office_a"].pk])).status_code == 405
    assert as_sys_admin.get(reverse("admin_console:user_set_active", args=[office_user.pk])).status_code == 405


def test_posts_without_csrf_token_are_rejected(tree, sys_admin, sec_admin, office_user):
    for actor in (sys_admin, sec_admin):
        client = Client(enforce_csrf_checks=True)
        client.force_login(actor)
        for name, target in POSTS:
            response = client.post(_url(tree, office_user, name, target), {"active": "0"})
            assert response.status_code == 403, name
    office_user.refresh_from_db()
    assert office_user.is_active


def test_nav_lists_console_pages_by_role(client, sys_admin, sec_admin):
    client.force_login(sys_admin)
    html = client.get(reverse("admin_console:org_list")).content.decode()
    assert "系统管理" in html and "用户管理" in html and "常住人口" in html and "角色分配" not in html
    client.force_login(sec_admin)
    html = client.get(reverse("admin_console:role_list")).content.decode()
    assert "账号解锁" in html and "机构管理" not in html
