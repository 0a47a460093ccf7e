"""Load the hub's default retention schedule (see carershub/privacy/defaults.py)."""

from django.db import migrations


def load_defaults(apps, schema_editor):
    from carershub.privacy import defaults

    defaults.load(apps.get_model("privacy", "RetentionRule"))


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_retention_holds_and_anonymisation")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
