"""The database's own refusal to change the audit log (SECURITY.md C2), on PostgreSQL and on SQLite alike.

- Audit rows: UPDATE and DELETE are refused by a trigger (PostgreSQL: `sifa_audit_append_only`, migration 0002;
  SQLite: the two triggers below).
- Seals (`AuditSeal`): UPDATE is refused, and so is deleting the seal of the newest audit row; each append
  inserts its row's seal and then deletes the previous row's, which the trigger allows.

The only sanctioned way around them is `lifted()`, used by the audit purge (which archives and verifies
first): on PostgreSQL it needs a role allowed to set `session_replication_role`; on SQLite it flags the
application's own connection, which the triggers consult (see SQLITE_FUNCTION).
"""

from contextlib import contextmanager

from django.db import connection

REFUSAL = "审计日志只能追加，不能修改或删除"

# SQLite has no session setting to lift a trigger with, so the triggers ask a function the application registers
# on each of its connections (`register_sqlite_function`): it answers 1 only while `lifted()` runs. Any other
# client (the sqlite3 shell) has no such function, so its UPDATE or DELETE fails as well.
SQLITE_FUNCTION = "sifa_audit_lifted"
SQLITE_EVENT_TRIGGERS = {
    "sifa_audit_no_update": f"CREATE TRIGGER sifa_audit_no_update BEFORE UPDATE ON core_auditevent "
                            f"WHEN NOT {SQLITE_FUNCTION}() BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "sifa_audit_no_delete": f"CREATE TRIGGER sifa_audit_no_delete BEFORE DELETE ON core_auditevent "
                            f"WHEN NOT {SQLITE_FUNCTION}() BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
}
SQLITE_SEAL_TRIGGERS = {
    "sifa_audit_seal_no_update": f"CREATE TRIGGER sifa_audit_seal_no_update BEFORE UPDATE ON core_auditseal "
                                 f"WHEN NOT {SQLITE_FUNCTION}() BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "sifa_audit_seal_keep_newest": "CREATE TRIGGER sifa_audit_seal_keep_newest BEFORE DELETE ON core_auditseal "
                                   f"WHEN NOT {SQLITE_FUNCTION}() "
                                   "AND OLD.event_id = (SELECT max(id) FROM core_auditevent) "
                                   f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
}


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give each SQLite connection the function the triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 0, lambda: int(getattr(connection, "sifa_audit_lifted", False)))
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
        register_sqlite_function(None, schema_editor.connection)
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
        connection.sifa_audit_lifted = True
        try:
            yield
        finally:
            connection.sifa_audit_lifted = False
    else:
        raise NotImplementedError(f"不支持在 {vendor} 数据库上改动审计日志。")
