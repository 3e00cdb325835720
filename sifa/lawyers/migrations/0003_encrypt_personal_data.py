"""Complainants', applicants', enterprise contacts' and duty visitors' 身份证号码 and 手机号码 encrypted at rest (SM4-GCM),
with blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lawyers', '0002_service_kinds_rules_representation'),
    ]

    operations = [
        migrations.AddField(
            model_name='checkupvisit',
            name='contact_mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='complaint',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='dutyvisitor',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='practiceapplication',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='checkupvisit',
            name='contact_mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系人手机号码'),
        ),
        migrations.AlterField(
            model_name='complaint',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='投诉人手机号码'),
        ),
        migrations.AlterField(
            model_name='dutyvisitor',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='手机号码'),
        ),
        migrations.AlterField(
            model_name='practiceapplication',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号码'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("lawyers.Complaint", "lawyers.PracticeApplication", "lawyers.CheckupVisit", "lawyers.DutyVisitor"),
    ]
