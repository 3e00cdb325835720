"""Applicants' 身份证号码、联系电话、住所 and the mobiles of providers and askers encrypted at rest (SM4-GCM), with
blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('legalaid', '0002_covering_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='application',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='consultation',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='provider',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='application',
            name='address',
            field=sifa.core.encrypted.EncryptedTextField(blank=True, verbose_name='住所'),
        ),
        migrations.AlterField(
            model_name='application',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='application',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        migrations.AlterField(
            model_name='consultation',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        migrations.AlterField(
            model_name='provider',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='手机号码'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("legalaid.Application", "legalaid.Provider", "legalaid.Consultation"),
    ]
