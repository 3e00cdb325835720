import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sifa.admin_console import actions as console_actions
from sifa.admin_console.models import RoleRequest
from sifa.core import actions as core_actions
from sifa.core.models import Role
from tests import factories

from .conftest import audit_rows, page_text


def _change(client, user, role, reason="岗位调整"):
    return client.post(reverse("admin_console:role_change", args=[user.pk]), {"role": role, "reason": reason})


def test_security_admin_changes_a_role_with_audit_and_reason(as_sec_admin, sec_admin, office_user):
    response = _change(as_sec_admin, office_user, Role.MEDIATOR)
    assert response.status_code == 302
    office_user.refresh_from_db()
    assert office_user.role == Role.MEDIATOR
    row = audit_rows(event="role_change", object_id=str(office_user.pk)).get()
    assert row.user_id == sec_admin.pk and row.before == {"role": "office_staff"} and row.after == {"role": "mediator"}
    record = RoleRequest.objects.get(user=office_user)
    assert (record.status, record.reason, record.decided_by) == ("approved", "岗位调整", sec_admin)
    assert "岗位调整" in page_text(as_sec_admin.get(reverse("admin_console:role_list")))


def test_security_admin_assigns_admin_roles_and_they_stay_single(as_sec_admin, office_user):
    _change(as_sec_admin, office_user, Role.AUDIT_ADMIN, "任命为审计管理员（局党组会议决定）")
    office_user.refresh_from_db()
    assert office_user.role == Role.AUDIT_ADMIN
    _change(as_sec_admin, office_user, Role.SYSTEM_ADMIN, "改任系统管理员")
    office_user.refresh_from_db()
    # one role field: becoming system admin ends being audit admin, the two can never be held together
    assert office_user.role == Role.SYSTEM_ADMIN


def test_security_admin_cannot_change_own_role(as_sec_admin, sec_admin):
    html = page_text(as_sec_admin.get(reverse("admin_console:role_change", args=[sec_admin.pk])))
    assert "不能变更本人的角色" in html and 'name="role"' not in html
    response = _change(as_sec_admin, sec_admin, Role.LEADER)
    assert response.status_code == 302
    sec_admin.refresh_from_db()
    assert sec_admin.role == Role.SECURITY_ADMIN
    with pytest.raises(PermissionDenied):
        core_actions.assign_role(sec_admin, sec_admin, Role.SYSTEM_ADMIN)
    assert not audit_rows(event="role_change").exists()


def test_reason_and_a_different_valid_role_are_required(as_sec_admin, office_user):
    html = page_text(_change(as_sec_admin, office_user, Role.MEDIATOR, reason="  "))
    assert "这个字段是必填项" in html
    html = page_text(_change(as_sec_admin, office_user, Role.OFFICE_STAFF))
    assert "请选择一个与当前不同的有效角色" in html
    html = page_text(_change(as_sec_admin, office_user, "superuser"))
    assert "请选择一个与当前不同的有效角色" in html
    office_user.refresh_from_db()
    assert office_user.role == Role.OFFICE_STAFF and not RoleRequest.objects.exists()


def test_extra_fields_do_not_reach_the_account(as_sec_admin, office_user):
    as_sec_admin.post(reverse("admin_console:role_change", args=[office_user.pk]),
                      {"role": Role.LEADER, "reason": "调整", "is_superuser": "on", "org": "999", "is_active": ""})
    office_user.refresh_from_db()
    assert office_user.role == Role.LEADER and not office_user.is_superuser and office_user.is_active


def test_out_of_scope_account_is_404(client, tree, other_office_user):
    office_sec = factories.user(tree["office_a"], role=Role.SECURITY_ADMIN, username="office_sec")
    client.force_login(office_sec)
    assert _change(client, other_office_user, Role.LEADER).status_code == 404
    assert client.post(reverse("admin_console:lockout_unlock", args=[other_office_user.pk])).status_code == 404
    other_office_user.refresh_from_db()
    assert other_office_user.role == Role.OFFICE_STAFF
    assert audit_rows(event="denied", username="office_sec", object_id=str(other_office_user.pk)).count() == 2


def test_proposal_approved_by_security_admin(sys_admin, as_sec_admin, office_user):
    request = console_actions.propose_role(sys_admin, office_user, Role.LEADER, "任命为副局长")
    html = page_text(as_sec_admin.get(reverse("admin_console:role_list")))
    assert "任命为副局长" in html and "待审核" not in html.split("最近的角色变更记录")[1]
    response = as_sec_admin.post(reverse("admin_console:role_decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == 302
    office_user.refresh_from_db()
    request.refresh_from_db()
    assert office_user.role == Role.LEADER and request.status == "approved"
    assert audit_rows(event="role_change", object_id=str(office_user.pk)).exists()
    assert audit_rows(verb="批准角色变更").exists()
    # decided once only
    as_sec_admin.post(reverse("admin_console:role_decide", args=[request.pk]), {"decision": "reject", "note": "x"})
    request.refresh_from_db()
    assert request.status == "approved"


def test_rejection_needs_a_note_and_changes_nothing(sys_admin, as_sec_admin, office_user):
    request = console_actions.propose_role(sys_admin, office_user, Role.SECURITY_ADMIN, "兼任安全员")
    url = reverse("admin_console:role_decide", args=[request.pk])
    response = as_sec_admin.post(url, {"decision": "reject"}, follow=True)
    assert "驳回申请时请填写审核意见" in page_text(response)
    request.refresh_from_db()
    assert request.status == "pending"
    as_sec_admin.post(url, {"decision": "reject", "note": "三员不得由业务人员兼任"})
    request.refresh_from_db()
    office_user.refresh_from_db()
    assert request.status == "rejected" and office_user.role == Role.OFFICE_STAFF


def test_security_admin_cannot_approve_a_change_of_own_role(sys_admin, sec_admin, as_sec_admin):
    request = console_actions.propose_role(sys_admin, sec_admin, Role.LEADER, "调岗")
    response = as_sec_admin.post(reverse("admin_console:role_decide", args=[request.pk]),
                                 {"decision": "approve"}, follow=True)
    assert "不能变更本人的角色" in page_text(response)
    sec_admin.refresh_from_db()
    request.refresh_from_db()
    assert sec_admin.role == Role.SECURITY_ADMIN and request.status == "pending"


def test_no_one_proposes_own_role(sys_admin):
    with pytest.raises(PermissionDenied):
        console_actions.propose_role(sys_admin, sys_admin, Role.SECURITY_ADMIN, "想要更多权限")


def test_admin_role_puts_account_out_of_system_admin_reach(as_sec_admin, sys_admin, office_user, client):
    _change(as_sec_admin, office_user, Role.AUDIT_ADMIN, "任命")
    client.force_login(sys_admin)
    client.post(reverse("admin_console:user_set_active", args=[office_user.pk]), {"active": "0"})
    office_user.refresh_from_db()
    assert office_user.is_active
