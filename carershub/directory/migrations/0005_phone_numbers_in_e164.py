"""Numbers stored before the one phone number rule are rewritten in E.164 where the rule reads them.

A number the rule cannot read is left exactly as it was written (it is shown that way, and only
blocks a save when someone changes it). Going back leaves the E.164 numbers, which every
earlier version of the hub also reads, so the reverse is a no-op.
"""

from django.db import migrations

from carershub.core.phone_numbers import e164_or_none

NUMBERS = [('Service', ['phone']), ('ServiceContact', ['phone'])]


def to_e164(apps, schema_editor):
    for model_name, fields in NUMBERS:
        model = apps.get_model("directory", model_name)
        for row in model._base_manager.only("pk", *fields).iterator():
            changes = {}
            for field in fields:
                value = getattr(row, field)
                e164 = e164_or_none(value) if value else None
                if e164 and e164 != value:
                    changes[field] = e164
            if changes:
                model._base_manager.filter(pk=row.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_provider_and_location_versions")]

    operations = [migrations.RunPython(to_e164, migrations.RunPython.noop)]
