"""法律明白人's 身份证号 and 手机号码 encrypted at rest (SM4-GCM), with blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('publicity', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='backbone',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='backbone',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='backbone',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号'),
        ),
        migrations.AlterField(
            model_name='backbone',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='手机号码'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("publicity.Backbone"),
    ]
