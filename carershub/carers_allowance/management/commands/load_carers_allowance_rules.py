"""manage.py load_carers_allowance_rules FILE:
new or corrected Carer's Allowance rule sets from a JSON file.
"""

from django.core.management.base import BaseCommand, CommandError

from carershub.carers_allowance import services
from carershub.core.data_files import DataFileError


class Command(BaseCommand):
    help = (
        "Load Carer's Allowance rule sets (rates, limits, qualifying benefits, sources) from a "
        "JSON file. All or nothing: if any rule set has a problem, nothing is saved and every "
        "problem is listed. A rule set with the same start date as one already loaded replaces it. "
        "See carershub/carers_allowance/rule_sets/2025-26.json for an example and "
        "carershub/carers_allowance/rules_file.schema.json for the format."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            saved = services.load_rules_file(None, file)
        except DataFileError as invalid:
            raise CommandError(
                "Nothing was loaded. Fix these problems and try again:\n"
                + "\n".join(f"- {problem}" for problem in invalid.problems)
            ) from invalid
        for rule_set, created in saved:
            verb = "Added" if created else "Replaced"
            self.stdout.write(
                f"{verb} the rules from {rule_set.effective_from:%-d %B %Y} (“{rule_set.name}”)"
            )
