"""Numbers stored before the one phone number rule are rewritten in E.164 where the rule reads them
(``core.phone_numbers.stored_numbers_to_e164``); a number it cannot read is left as written."""

from django.db import migrations

from carershub.core.phone_numbers import stored_numbers_to_e164


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_provider_and_location_versions")]

    operations = [
        migrations.RunPython(stored_numbers_to_e164("directory", {"Service": ["phone"], "ServiceContact": ["phone"]}), migrations.RunPython.noop),
    ]
