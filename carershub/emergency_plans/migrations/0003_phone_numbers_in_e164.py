"""Numbers stored before the one phone number rule are rewritten in E.164 where the rule reads them
(``core.phone_numbers.stored_numbers_to_e164``); a number it cannot read is left as written."""

from django.db import migrations

from carershub.core.phone_numbers import stored_numbers_to_e164


class Migration(migrations.Migration):
    dependencies = [("emergency_plans", "0002_encrypt_free_text")]

    operations = [
        migrations.RunPython(stored_numbers_to_e164("emergency_plans", {"EmergencyContact": ["phone", "alternative_phone"]}), migrations.RunPython.noop),
    ]
