import carershub.core.encrypted_fields
from carershub.core.encrypted_fields import encrypt_existing
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('emergency_plans', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='emergencyplan',
            name='communication',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='emergencyplan',
            name='medication',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, help_text='What they take, when, and where it is kept.'),
        ),
        migrations.AlterField(
            model_name='emergencyplan',
            name='mobility',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='emergencyplan',
            name='other_needs',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, verbose_name='Anything else'),
        ),
        migrations.AlterField(
            model_name='emergencyplan',
            name='replacement_care',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, help_text='Who steps in to care, and how to reach them.'),
        ),
        migrations.AlterField(
            model_name='emergencyplan',
            name='routines',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, verbose_name='Daily routines'),
        ),
        # The values already stored, encrypted (and decrypted again if the migration is reversed).
        encrypt_existing('emergency_plans.EmergencyPlan', ['medication', 'routines', 'communication', 'mobility', 'other_needs', 'replacement_care']),
    ]
