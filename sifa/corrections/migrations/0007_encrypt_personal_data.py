"""身份证号码、联系电话、居住地 encrypted at rest (SM4-GCM) with blind indexes; existing rows encrypted; the
one-open-record-per-person constraint moves to the ID number's blind index."""
import sifa.core.encrypted
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_audit_seal'),
        ('corrections', '0006_definition_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='subject',
            name='uniq_open_subject_id_number',
        ),
        migrations.AddField(
            model_name='investigation',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='releasedperson',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='subject',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='subject',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='investigation',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='被调查人身份证号码'),
        ),
        migrations.AlterField(
            model_name='releasedperson',
            name='address',
            field=sifa.core.encrypted.EncryptedTextField(blank=True, verbose_name='户籍地（居住地）'),
        ),
        migrations.AlterField(
            model_name='releasedperson',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='subject',
            name='address',
            field=sifa.core.encrypted.EncryptedTextField(blank=True, verbose_name='居住地'),
        ),
        migrations.AlterField(
            model_name='subject',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='subject',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("corrections.Subject", "corrections.Investigation",
                                                      "corrections.ReleasedPerson"),
        migrations.AddConstraint(
            model_name='subject',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('pending', 'active', 'missing'))), fields=('id_number_bidx',), name='uniq_open_subject_id_number'),
        ),
    ]
