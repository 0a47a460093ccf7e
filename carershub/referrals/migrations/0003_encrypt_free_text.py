import carershub.core.encrypted_fields
from carershub.core.encrypted_fields import encrypt_existing
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0002_helpline_contact_form_source'),
    ]

    operations = [
        migrations.AlterField(
            model_name='referral',
            name='cares_for',
            field=carershub.core.encrypted_fields.EncryptedTextField(blank=True, verbose_name='who they care for and why'),
        ),
        # The values already stored, encrypted (and decrypted again if the migration is reversed).
        encrypt_existing('referrals.Referral', ['cares_for']),
    ]
