import carershub.core.encrypted_fields
from carershub.core.encrypted_fields import encrypt_existing
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('safeguarding', '0001_concerns'),
    ]

    operations = [
        migrations.AlterField(
            model_name='concern',
            name='what_happened',
            field=carershub.core.encrypted_fields.EncryptedTextField(),
        ),
        migrations.AlterField(
            model_name='concerndecision',
            name='reasons',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True),
        ),
        # The values already stored, encrypted (and decrypted again if the migration is reversed).
        encrypt_existing('safeguarding.Concern', ['what_happened']),
        encrypt_existing('safeguarding.ConcernDecision', ['reasons']),
    ]
