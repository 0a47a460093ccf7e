"""manage.py restore PATH [--yes]: replace the database and the uploaded files with a backup's."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from carershub.resilience import backups


class Command(BaseCommand):
    # A backup or a restore must work even when some other part of the hub is misconfigured.
    requires_system_checks = []
    help = (
        "Restore the database and the uploaded files from a file made by manage.py backup, then "
        "bring the database up to this version of the hub. Everything in the database now is "
        "replaced. Stop the web servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing everything"
        )

    def handle(self, *args, path, yes=False, **options):
        try:
            with backups.Restore(path) as restore:
                if not yes and not self._confirmed(restore):
                    raise CommandError("Nothing was restored.")
                restore.apply(stdout=self.stdout)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restore.manifest
        files = (
            "1 uploaded file" if restore.file_count == 1 else f"{restore.file_count} uploaded files"
        )
        self.stdout.write(
            f"Restored the database and {files} from the backup made "
            f"{made_at(manifest)}, and brought the database up to this version of the hub."
        )

    def _confirmed(self, restore):
        self.stdout.write(
            f"This replaces everything in the database {connection.settings_dict['NAME']} and "
            f"every file in {settings.MEDIA_ROOT} with the backup made {made_at(restore.manifest)}."
        )
        try:
            answer = input("Type yes to restore: ")
        except EOFError:
            return False
        return answer.strip().lower() == "yes"


def made_at(manifest):
    try:
        created = dt.datetime.fromisoformat(manifest["created_at"]).astimezone(dt.UTC)
        return f"{created:%-d %B %Y at %H:%M:%S} UTC"
    except (KeyError, TypeError, ValueError):
        return "at an unknown time"
