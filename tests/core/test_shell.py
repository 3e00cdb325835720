from sifa.core import audit
from sifa.core.models import AuditEvent


def test_login_page_is_chinese(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "工作人员登录" in response.content.decode()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_home_after_login(logged_in):
    response = logged_in.get("/")
    assert response.status_code == 200
    assert "工作台" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_org_subtree_paths(tree):
    assert tree["office_a"].path == "/341321-SFJ/341321100-SFS/"
    assert tree["office_a"].is_within(tree["bureau"])
    assert not tree["office_a"].is_within(tree["office_b"])


def test_audit_chain_detects_tampering(tree, office_user):
    audit.record("action", user=office_user, verb="测试")
    audit.record("action", user=office_user, verb="测试2")
    checked, broken = audit.verify_chain()
    assert checked >= 2 and broken == []
    row = AuditEvent.objects.order_by("id").first()
    # bypass the append-only guards to simulate tampering at the storage level
    from django.db import connection, transaction

    from sifa.core import audit_guard

    if connection.vendor == "sqlite":
        with transaction.atomic(), connection.cursor() as c, audit_guard.lifted(c):
            c.execute("UPDATE core_auditevent SET verb = '篡改' WHERE id = %s", [row.id])
        assert audit.verify_chain()[1] == [row.id]
