"""三员分立 (SECURITY.md B2): the system, security and audit administrators have pairwise disjoint
capabilities, none of them reads case records, and the audit administrator only reads."""

from itertools import combinations

import pytest

from sifa.core.models import AuditEvent, Role, User
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import ADMIN_ROLES, CAPABILITIES, can_read_case_records, has_capability
from tests import factories

CASE_CAPABILITIES = {"read_records", "write_records", "unmask", "export", "import", "read_tracks", "approve"}


def test_admin_roles_are_pairwise_disjoint():
    assert ADMIN_ROLES == {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}
    for a, b in combinations(sorted(ADMIN_ROLES), 2):
        assert CAPABILITIES[a] & CAPABILITIES[b] == set(), (a, b)
    for role in ADMIN_ROLES:
        assert CAPABILITIES[role], role
        assert CAPABILITIES[role] & CASE_CAPABILITIES == set(), role


def test_only_the_audit_admin_reads_the_audit_log():
    holders = {role for role, caps in CAPABILITIES.items() if "read_audit" in caps}
    assert holders == {Role.AUDIT_ADMIN}


def test_a_user_holds_exactly_one_role():
    field = User._meta.get_field("role")
    assert not field.many_to_many and field.choices


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_admins_read_no_case_records(record_a, tree, role):
    model = type(record_a)
    admin = factories.user(tree["bureau"], role=role)  # at the top of the tree, where scope would be widest
    assert not can_read_case_records(admin)
    assert not model.objects.for_user(admin).exists()
    assert model.objects.for_user(factories.user(tree["bureau"], role=Role.SECTION_STAFF)).count() == 1


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_audit_admin_cannot_change_the_log(client, audit_admin, method):
    client.force_login(audit_admin)
    response = getattr(client, method)("/audit/")
    assert response.status_code == 403
    assert "只读" in response.content.decode()
    denied = AuditEvent.objects.filter(event=AuditEventType.DENIED, user_id=audit_admin.pk)
    assert denied.count() == 1


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SECTION_STAFF, Role.LEADER,
                                  Role.OFFICE_STAFF])
def test_other_roles_cannot_read_the_audit_log(client, tree, role):
    user = factories.user(tree["bureau"], role=role)
    client.force_login(user)
    for path in ("/audit/", "/audit/export/", "/audit/1/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "只有审计管理员" in response.content.decode()
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, user_id=user.pk).count() == 3
    assert not has_capability(user, "read_audit")
