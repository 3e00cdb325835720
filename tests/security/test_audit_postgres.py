"""On PostgreSQL the database itself refuses to change audit rows (core migration 0002, SECURITY.md C2)."""

import pytest
from django.db import DatabaseError, connection, transaction

from sifa.core import audit
from sifa.core.models import AuditEvent

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"),
]


@pytest.mark.parametrize("statement", [
    "UPDATE core_auditevent SET verb = '篡改' WHERE id = %s",
    "UPDATE core_auditevent SET outcome = 'success', reason = '' WHERE id = %s",
    "DELETE FROM core_auditevent WHERE id = %s",
])
def test_trigger_refuses_update_and_delete(office_user, statement):
    row = audit.action(office_user, "测试", None)
    with pytest.raises(DatabaseError, match="审计日志只能追加"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [row.id])
    fresh = AuditEvent.objects.get(id=row.id)
    assert (fresh.verb, fresh.hash) == ("测试", row.hash)


def test_insert_still_works_and_orm_guards_hold(office_user):
    row = audit.action(office_user, "测试", None)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(id=row.id).update(verb="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(id=row.id).delete()
    assert audit.verify_chain()[1] == []
