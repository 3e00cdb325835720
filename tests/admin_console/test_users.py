import re
from html import unescape

from django.contrib.auth.hashers import check_password
from django.test import Client
from django.urls import reverse

from sifa.core.models import Role, User
from tests import factories

from .conftest import audit_rows, page_text

STRONG = "Xian-Fu2026!q"


def _new_user(tree, **overrides):
    data = {"username": "mediator_li", "full_name": "李调解", "mobile": "13800138000",
            "org": tree["office_a"].pk, "role": Role.MEDIATOR,
            "password_mode": "typed", "password1": STRONG, "password2": STRONG}
    data.update(overrides)
    return data


def test_list_searches_filters_and_masks_mobiles(as_sys_admin, tree, office_user, other_office_user, other_county):
    office_user.mobile = "13912345678"
    office_user.save()
    factories.user(other_county["bureau"], username="stranger")
    url = reverse("admin_console:user_list")
    html = page_text(as_sys_admin.get(url))
    assert "clerk_a" in html and "clerk_b" in html and "stranger" not in html
    assert "139****5678" in html and "13912345678" not in html
    html = page_text(as_sys_admin.get(url, {"q": "clerk_a"}))
    assert "clerk_a" in html and "clerk_b" not in html
    html = page_text(as_sys_admin.get(url, {"org": tree["office_b"].pk}))
    assert "clerk_b" in html and "clerk_a" not in html
    html = page_text(as_sys_admin.get(url, {"role": Role.SYSTEM_ADMIN}))
    assert "sysadmin" in html and "clerk_a" not in html


def test_create_user_with_typed_password(as_sys_admin, tree, sys_admin):
    response = as_sys_admin.post(reverse("admin_console:user_create"), _new_user(tree))
    assert response.status_code == 302
    user = User.objects.get(username="mediator_li")
    assert user.must_change_password is True
    assert (user.role, user.org, user.mobile) == (Role.MEDIATOR, tree["office_a"], "13800138000")
    assert check_password(STRONG, user.password)
    row = audit_rows(verb="新建账号", object_id=str(user.pk)).get()
    assert row.user_id == sys_admin.pk and STRONG not in str(row.after)


def test_create_user_with_generated_password_shows_it_once(as_sys_admin, tree):
    response = as_sys_admin.post(reverse("admin_console:user_create"),
                                 _new_user(tree, password_mode="generate", password1="", password2=""))
    assert response.status_code == 200
    shown = re.search(r'class="issued-password">([^<]+)<', page_text(response)).group(1)
    password = unescape(shown)
    user = User.objects.get(username="mediator_li")
    assert len(password) == 16 and check_password(password, user.password) and user.must_change_password
    assert password not in page_text(as_sys_admin.get(reverse("admin_console:user_edit", args=[user.pk])))


def test_first_login_must_change_password(as_sys_admin, tree):
    as_sys_admin.post(reverse("admin_console:user_create"), _new_user(tree))
    response = Client().post("/accounts/login/", {"username": "mediator_li", "password": STRONG}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:password_change")


def test_weak_and_mismatched_passwords_are_refused_in_chinese(as_sys_admin, tree):
    url = reverse("admin_console:user_create")
    html = page_text(as_sys_admin.post(url, _new_user(tree, password1="abc123", password2="abc123")))
    assert "密码至少需要12个字符" in html and "至少3类" in html
    html = page_text(as_sys_admin.post(url, _new_user(tree, password1="alllowercaseletters",
                                                      password2="alllowercaseletters")))
    assert "至少3类" in html
    html = page_text(as_sys_admin.post(url, _new_user(tree, password2=STRONG + "x")))
    assert "两次输入的密码不一致" in html
    html = page_text(as_sys_admin.post(url, _new_user(tree, mobile="12345", username="9bad")))
    assert "手机号码应为以1开头的11位数字" in html and "账号须以字母开头" in html
    assert not User.objects.filter(username__in=["mediator_li", "9bad"]).exists()


def test_duplicate_username_is_refused(as_sys_admin, tree, office_user):
    html = page_text(as_sys_admin.post(reverse("admin_console:user_create"), _new_user(tree, username="CLERK_A")))
    assert "账号“CLERK_A”已存在" in html


def test_system_admin_cannot_create_admin_roles_or_escalate(as_sys_admin, tree, other_county):
    url = reverse("admin_console:user_create")
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        html = page_text(as_sys_admin.post(url, _new_user(tree, role=role)))
        assert "选择一个有效的选项" in html
    html = page_text(as_sys_admin.post(url, _new_user(tree, org=other_county["bureau"].pk)))
    assert "选择一个有效的选项" in html
    assert not User.objects.filter(username="mediator_li").exists()

    as_sys_admin.post(url, _new_user(tree, is_superuser="on", is_staff="on", must_change_password="",
                                     is_active="", groups="1"))
    user = User.objects.get(username="mediator_li")
    assert not user.is_superuser and not user.is_staff and user.is_active and user.must_change_password


def test_edit_changes_name_mobile_org_and_nothing_else(as_sys_admin, tree, office_user, other_county):
    url = reverse("admin_console:user_edit", args=[office_user.pk])
    response = as_sys_admin.post(url, {"full_name": "王书记员", "mobile": "139 1234 5678", "org": tree["office_b"].pk,
                                       "role": Role.SECURITY_ADMIN, "is_superuser": "on", "is_active": "",
                                       "username": "renamed", "must_change_password": "on"})
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert (office_user.full_name, office_user.mobile, office_user.org) == ("王书记员", "13912345678",
                                                                            tree["office_b"])
    assert (office_user.role, office_user.is_superuser, office_user.is_active, office_user.username,
            office_user.must_change_password) == (Role.OFFICE_STAFF, False, True, "clerk_a", False)
    row = audit_rows(verb="修改账号", object_id=str(office_user.pk)).get()
    assert "13912345678" not in str(row.after) and row.after["mobile_changed"] is True

    html = page_text(as_sys_admin.post(url, {"full_name": "王", "mobile": "", "org": other_county["bureau"].pk}))
    assert "选择一个有效的选项" in html
    office_user.refresh_from_db()
    assert office_user.org == tree["office_b"]


def test_out_of_scope_account_is_404_and_audited(client, tree, other_office_user):
    office_admin = factories.user(tree["office_a"], role=Role.SYSTEM_ADMIN, username="office_admin")
    client.force_login(office_admin)
    for response in (
        client.get(reverse("admin_console:user_edit", args=[other_office_user.pk])),
        client.post(reverse("admin_console:user_edit", args=[other_office_user.pk]),
                    {"full_name": "被篡改", "org": tree["office_a"].pk}),
        client.post(reverse("admin_console:user_set_active", args=[other_office_user.pk]), {"active": "0"}),
        client.post(reverse("admin_console:user_password", args=[other_office_user.pk]),
                    {"password_mode": "typed", "password1": STRONG, "password2": STRONG}),
    ):
        assert response.status_code == 404
    other_office_user.refresh_from_db()
    assert other_office_user.full_name == "clerk_b" and other_office_user.is_active
    assert not check_password(STRONG, other_office_user.password)
    assert audit_rows(event="denied", username="office_admin", object_id=str(other_office_user.pk)).count() == 4


def test_disable_and_enable(as_sys_admin, tree, office_user):
    url = reverse("admin_console:user_set_active", args=[office_user.pk])
    as_sys_admin.post(url, {"active": "0"})
    office_user.refresh_from_db()
    assert not office_user.is_active
    assert audit_rows(verb="停用账号", object_id=str(office_user.pk)).exists()
    response = Client().post("/accounts/login/", {"username": "clerk_a", "password": factories.PASSWORD})
    assert response.status_code == 200  # the login form again, not a redirect
    as_sys_admin.post(url, {"active": "1"})
    office_user.refresh_from_db()
    assert office_user.is_active and audit_rows(verb="启用账号").exists()


def test_reset_password_forces_change_and_refuses_reuse(as_sys_admin, tree, office_user):
    url = reverse("admin_console:user_password", args=[office_user.pk])
    html = page_text(as_sys_admin.post(url, {"password_mode": "typed", "password1": factories.PASSWORD,
                                             "password2": factories.PASSWORD}))
    assert "不能使用最近5次用过的密码" in html
    response = as_sys_admin.post(url, {"password_mode": "generate"})
    password = re.search(r'class="issued-password">([^<]+)<', page_text(response)).group(1)
    office_user.refresh_from_db()
    assert office_user.must_change_password
    assert check_password(unescape(password), office_user.password)
    assert audit_rows(verb="重置密码", object_id=str(office_user.pk)).exists()


def test_system_admin_cannot_touch_own_or_admin_accounts(as_sys_admin, tree, sys_admin, sec_admin):
    for account in (sys_admin, sec_admin):
        html = page_text(as_sys_admin.get(reverse("admin_console:user_edit", args=[account.pk])))
        assert "不能" in html and 'name="full_name"' not in html
        as_sys_admin.post(reverse("admin_console:user_edit", args=[account.pk]),
                          {"full_name": "改名", "mobile": "", "org": tree["office_a"].pk})
        as_sys_admin.post(reverse("admin_console:user_set_active", args=[account.pk]), {"active": "0"})
        as_sys_admin.post(reverse("admin_console:user_password", args=[account.pk]),
                          {"password_mode": "typed", "password1": STRONG, "password2": STRONG})
        account.refresh_from_db()
        assert account.full_name != "改名" and account.is_active and account.org == tree["bureau"]
        assert not check_password(STRONG, account.password)


def test_system_admin_cannot_change_roles_only_propose(as_sys_admin, tree, office_user):
    response = as_sys_admin.post(reverse("admin_console:role_change", args=[office_user.pk]),
                                 {"role": Role.LEADER, "reason": "提拔"})
    assert response.status_code == 403
    as_sys_admin.post(reverse("admin_console:user_edit", args=[office_user.pk]),
                      {"full_name": "x", "org": tree["office_a"].pk, "role": Role.LEADER})
    response = as_sys_admin.post(reverse("admin_console:user_propose_role", args=[office_user.pk]),
                                 {"role": Role.LEADER, "reason": "任命为副局长"})
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert office_user.role == Role.OFFICE_STAFF
    from sifa.admin_console.models import RoleRequest

    request = RoleRequest.objects.get(user=office_user)
    assert (request.status, request.to_role, request.reason) == ("pending", Role.LEADER, "任命为副局长")
    html = page_text(as_sys_admin.post(reverse("admin_console:user_propose_role", args=[office_user.pk]),
                                       {"role": Role.MEDIATOR, "reason": "再申请"}))
    assert "已有待审核的角色变更申请" in html
    assert RoleRequest.objects.filter(user=office_user).count() == 1
