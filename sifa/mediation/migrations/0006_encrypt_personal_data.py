"""Parties', mediators' and petitioners' 身份证号码、联系电话、住所 and online applicants' mobiles encrypted at rest
(SM4-GCM), with blind indexes; existing rows encrypted."""
import sifa.core.encrypted
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mediation', '0005_definition_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='dispute',
            name='applicant_mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='mediator',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='mediator',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='party',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='party',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='petitiontransfer',
            name='id_number_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='petitiontransfer',
            name='mobile_bidx',
            field=sifa.core.encrypted.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='dispute',
            name='applicant_mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='申请人手机（网上申请）'),
        ),
        migrations.AlterField(
            model_name='mediator',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(blank=True, verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='mediator',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='手机号码'),
        ),
        migrations.AlterField(
            model_name='party',
            name='address',
            field=sifa.core.encrypted.EncryptedTextField(blank=True, verbose_name='住所'),
        ),
        migrations.AlterField(
            model_name='party',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(blank=True, verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='party',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        migrations.AlterField(
            model_name='petitiontransfer',
            name='id_number',
            field=sifa.core.encrypted.EncryptedIdNumberField(verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='petitiontransfer',
            name='mobile',
            field=sifa.core.encrypted.EncryptedMobileField(blank=True, verbose_name='联系电话'),
        ),
        sifa.core.encrypted.encrypt_existing_operation("mediation.Dispute", "mediation.Party", "mediation.Mediator", "mediation.PetitionTransfer"),
    ]
