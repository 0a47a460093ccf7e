from django.db import migrations

from carershub.directory.taxonomy import create_vocabularies


def create(apps, schema_editor):
    create_vocabularies(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_directory")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
