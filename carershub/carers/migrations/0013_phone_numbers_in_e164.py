"""Numbers stored before the one phone number rule are rewritten in E.164 where the rule reads them
(``core.phone_numbers.stored_numbers_to_e164``); a number it cannot read is left as written."""

from django.db import migrations

from carershub.core.phone_numbers import stored_numbers_to_e164


class Migration(migrations.Migration):
    dependencies = [("carers", "0012_parental_responsibility_on_caring_relationships")]

    operations = [
        migrations.RunPython(stored_numbers_to_e164("carers", {"Carer": ["phone", "mobile"]}), migrations.RunPython.noop),
    ]
