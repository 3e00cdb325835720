"""The signed chain head (AuditSeal) and the database triggers that keep the audit log append-only on SQLite too
(PostgreSQL's row trigger is migration 0002). An existing log gets its first seal on its newest row."""

from django.db import migrations, models


def guard_and_seal(apps, schema_editor):
    from sifa.core import audit, audit_guard

    audit_guard.install(schema_editor)
    newest = apps.get_model("core", "AuditEvent").objects.order_by("-id").values_list("id", "hash").first()
    if newest is not None:
        apps.get_model("core", "AuditSeal").objects.create(
            event_id=newest[0], event_hash=newest[1], mac=audit.seal_mac(*newest))


def unguard(apps, schema_editor):
    from sifa.core import audit_guard

    audit_guard.uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_holiday_schedule'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event_id', models.BigIntegerField(unique=True, verbose_name='最新记录编号')),
                ('event_hash', models.CharField(max_length=64, verbose_name='最新记录哈希')),
                ('mac', models.CharField(max_length=64, verbose_name='签名')),
            ],
            options={
                'verbose_name': '审计链头签名',
                'verbose_name_plural': '审计链头签名',
            },
        ),
        migrations.RunPython(guard_and_seal, unguard),
    ]
