"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit log (SECURITY.md C2)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION sifa_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sifa_audit_append_only ON core_auditevent;
CREATE TRIGGER sifa_audit_append_only BEFORE UPDATE OR DELETE ON core_auditevent
  FOR EACH ROW EXECUTE FUNCTION sifa_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS sifa_audit_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS sifa_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
