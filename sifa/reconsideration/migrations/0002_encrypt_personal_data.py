"""The applicant's 身份证号码（统一社会信用代码）、手机号码、住所 encrypted at rest (SM4-GCM), with blind indexes;
existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reconsideration', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='applicant_id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='case',
            name='applicant_mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='case',
            name='applicant_address',
            field=sifa.core.encrypted.EncryptedTextField(blank=True, verbose_name='申请人住所'),
        ),
        migrations.AlterField(
            model_name='case',
            name='applicant_id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(blank=True, verbose_name='申请人身份证号码或统一社会信用代码'),
        ),
        migrations.AlterField(
            model_name='case',
            name='applicant_mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='申请人手机号码'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("reconsideration.Case"),
    ]
