"""Every rule set carries the last day its figures apply."""

import datetime as dt

from django.db import migrations, models


def fill_end_dates(apps, schema_editor):
    """Each existing rule set ends the day before the next one starts; the newest a year after it began."""
    RuleSet = apps.get_model("carers_allowance", "RuleSet")
    rule_sets = list(RuleSet.objects.order_by("effective_from"))
    for rule_set, following in zip(rule_sets, rule_sets[1:] + [None]):
        if following is not None:
            rule_set.effective_until = following.effective_from - dt.timedelta(days=1)
        else:
            start = rule_set.effective_from
            try:
                a_year_on = start.replace(year=start.year + 1)
            except ValueError:  # 29 February
                a_year_on = start.replace(year=start.year + 1, day=28)
            rule_set.effective_until = a_year_on - dt.timedelta(days=1)
        rule_set.save(update_fields=["effective_until"])


class Migration(migrations.Migration):

    dependencies = [
        ("carers_allowance", "0001_rule_sets"),
    ]

    operations = [
        migrations.AddField(
            model_name="ruleset",
            name="effective_until",
            field=models.DateField(null=True, help_text="The last day these figures apply."),
        ),
        migrations.RunPython(fill_end_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ruleset",
            name="effective_until",
            field=models.DateField(help_text="The last day these figures apply."),
        ),
    ]
