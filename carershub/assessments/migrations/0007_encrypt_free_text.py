import carershub.core.encrypted_fields
from carershub.core.encrypted_fields import encrypt_existing
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_reviews_kept_by_the_database'),
    ]

    operations = [
        migrations.AlterField(
            model_name='assessment',
            name='answers',
            field=carershub.core.encrypted_fields.EncryptedJSONField(blank=True, default=dict, help_text="Answers by section, as each section's form cleans them."),
        ),
        migrations.AlterField(
            model_name='breakdownrisk',
            name='notes',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name='eligibilitydetermination',
            name='reasons',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, help_text='Required when the decision differs from the suggestion.'),
        ),
        migrations.AlterField(
            model_name='supportplan',
            name='contingency',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, help_text='What happens if the carer cannot care, for example in an emergency.', verbose_name='Contingency arrangements'),
        ),
        migrations.AlterField(
            model_name='supportplan',
            name='outcomes',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, verbose_name='Outcomes the carer wants'),
        ),
        # The values already stored, encrypted (and decrypted again if the migration is reversed).
        encrypt_existing('assessments.Assessment', ['answers']),
        encrypt_existing('assessments.BreakdownRisk', ['notes']),
        encrypt_existing('assessments.EligibilityDetermination', ['reasons']),
        encrypt_existing('assessments.SupportPlan', ['outcomes', 'contingency']),
    ]
