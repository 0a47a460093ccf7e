"""Apply the retention schedule now, or with --dry-run list what it would do."""

import datetime as dt

from django.core.management.base import BaseCommand

from carershub.privacy import services


class Command(BaseCommand):
    help = "Erase or anonymise records past their retention period (the daily job, run by hand)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would happen and change nothing."
        )
        parser.add_argument(
            "--on",
            type=dt.date.fromisoformat,
            default=None,
            help="Take this date (YYYY-MM-DD) as today, to see what a later run would do.",
        )

    def handle(self, *args, dry_run=False, on=None, **options):
        planned = services.apply_retention(on, dry_run=dry_run)
        for each in planned:
            self.stdout.write(("Would " if dry_run else "Did ") + str(each))
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{len(planned)} record{'s' if len(planned) != 1 else ''} {verb} erased or anonymised."
        )
