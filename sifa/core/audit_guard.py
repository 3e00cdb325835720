"""The database's own refusal to change the audit log (SECURITY.md C2), on PostgreSQL and on SQLite alike.

- Audit rows: UPDATE and DELETE are refused by a trigger (PostgreSQL: `sifa_audit_append_only`, migration 0002;
  SQLite: the two triggers below).
- Seals (`AuditSeal`): UPDATE is refused, and so is deleting the seal of the newest audit row; each append
  inserts its row's seal and then deletes the previous row's, which the trigger allows.

The only sanctioned way around them is `lifted()`, used by the audit purge (which archives and verifies
first): on PostgreSQL it needs a role allowed to set `session_replication_role`; on SQLite it drops and
re-creates the triggers inside the caller's transaction, so a failure leaves them in place.
"""

from contextlib import contextmanager

from django.db import connection

REFUSAL = "审计日志只能追加，不能修改或删除"

SQLITE_EVENT_TRIGGERS = {
    "sifa_audit_no_update": f"CREATE TRIGGER sifa_audit_no_update BEFORE UPDATE ON core_auditevent "
                            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "sifa_audit_no_delete": f"CREATE TRIGGER sifa_audit_no_delete BEFORE DELETE ON core_auditevent "
                            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
}
SQLITE_SEAL_TRIGGERS = {
    "sifa_audit_seal_no_update": f"CREATE TRIGGER sifa_audit_seal_no_update BEFORE UPDATE ON core_auditseal "
                                 f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "sifa_audit_seal_keep_newest": "CREATE TRIGGER sifa_audit_seal_keep_newest BEFORE DELETE ON core_auditseal "
                                   "WHEN OLD.event_id = (SELECT max(id) FROM core_auditevent) "
                                   f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
}
POSTGRES_SEAL_GUARD = f"""
CREATE OR REPLACE FUNCTION sifa_audit_seal_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR OLD.event_id = (SELECT max(id) FROM core_auditevent) THEN
    RAISE EXCEPTION '{REFUSAL}';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sifa_audit_seal_guard ON core_auditseal;
CREATE TRIGGER sifa_audit_seal_guard BEFORE UPDATE OR DELETE ON core_auditseal
  FOR EACH ROW EXECUTE FUNCTION sifa_audit_seal_guard();
"""
POSTGRES_SEAL_UNGUARD = """
DROP TRIGGER IF EXISTS sifa_audit_seal_guard ON core_auditseal;
DROP FUNCTION IF EXISTS sifa_audit_seal_guard();
"""


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, sql in {**SQLITE_EVENT_TRIGGERS, **SQLITE_SEAL_TRIGGERS}.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_SEAL_GUARD)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in {**SQLITE_EVENT_TRIGGERS, **SQLITE_SEAL_TRIGGERS}:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_SEAL_UNGUARD)


@contextmanager
def lifted(cursor):
    """Let `cursor` change audit rows until the block ends. Must run inside a transaction (atomic block).
    Raises django.db.DatabaseError on PostgreSQL when the role may not lift the protection."""
    vendor = connection.vendor
    if vendor == "postgresql":
        cursor.execute("SET LOCAL session_replication_role = replica")
        yield
        cursor.execute("SET LOCAL session_replication_role = origin")
    elif vendor == "sqlite":
        triggers = {**SQLITE_EVENT_TRIGGERS, **SQLITE_SEAL_TRIGGERS}
        for name in triggers:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield
        for sql in triggers.values():
            cursor.execute(sql)
    else:
        raise NotImplementedError(f"不支持在 {vendor} 数据库上改动审计日志。")
