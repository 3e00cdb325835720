"""The applicant's 证件号码 and 联系电话 encrypted at rest (SM4-GCM), with blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notary', '0003_covering_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='notarymatter',
            name='applicant_id_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='notarymatter',
            name='applicant_mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='notarymatter',
            name='applicant_id',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='申请人证件号码'),
        ),
        migrations.AlterField(
            model_name='notarymatter',
            name='applicant_mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("notary.NotaryMatter"),
    ]
