"""Officers' and parties' 身份证号 encrypted at rest (SM4-GCM), with blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='party_id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='officer',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='decision',
            name='party_id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(blank=True, verbose_name='当事人身份证号'),
        ),
        migrations.AlterField(
            model_name='officer',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(blank=True, verbose_name='身份证号'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("enforcement.Officer", "enforcement.Decision"),
    ]
