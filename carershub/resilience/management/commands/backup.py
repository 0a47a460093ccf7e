"""manage.py backup [--output PATH]: the database and the uploaded files in one file,
while the hub runs.
"""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from carershub.resilience import backups


class Command(BaseCommand):
    # A backup or a restore must work even when some other part of the hub is misconfigured.
    requires_system_checks = []
    help = (
        "Back up the database and the uploaded files to one .tar.gz file, readable by its owner "
        "only. The hub can keep running. The file holds personal data: "
        "keep it on encrypted storage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="Where to write the backup (a new file). Default: var/backups/carershub-<date "
            "and time>.tar.gz",
        )

    def handle(self, *args, output=None, **options):
        try:
            made = backups.make_backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        files = "1 uploaded file" if made.files == 1 else f"{made.files} uploaded files"
        self.stdout.write(
            f"Backed up the database and {files} to {made.path} ({filesizeformat(made.size)})."
        )
