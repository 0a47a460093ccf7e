import carershub.core.encrypted_fields
from carershub.core.encrypted_fields import encrypt_existing
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('carers', '0008_contact_restrictions'),
    ]

    operations = [
        migrations.AddField(
            model_name='caredforperson',
            name='nhs_number_lookup',
            field=carershub.core.encrypted_fields.LookupHashField(source='nhs_number'),
        ),
        migrations.AddField(
            model_name='carer',
            name='nhs_number_lookup',
            field=carershub.core.encrypted_fields.LookupHashField(source='nhs_number'),
        ),
        migrations.AlterField(
            model_name='caredforperson',
            name='nhs_number',
            field=carershub.core.encrypted_fields.EncryptedCharField(blank=True, max_length=10, verbose_name='NHS number'),
        ),
        migrations.AlterField(
            model_name='carer',
            name='nhs_number',
            field=carershub.core.encrypted_fields.EncryptedCharField(blank=True, max_length=10, verbose_name='NHS number'),
        ),
        migrations.AlterField(
            model_name='contact',
            name='notes',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True),
        ),
        # The values already stored, encrypted (and decrypted again if the migration is reversed).
        encrypt_existing('carers.Carer', ['nhs_number'], hashes={'nhs_number_lookup': 'nhs_number'}),
        encrypt_existing('carers.CaredForPerson', ['nhs_number'], hashes={'nhs_number_lookup': 'nhs_number'}),
        encrypt_existing('carers.Contact', ['notes']),
    ]
