"""``manage.py verify_audit``: check that no one has changed or deleted audit log entries.

Exits with status 1 and names the first break if the hash chain, a checkpoint or the database's
guard shows tampering; otherwise says how many entries it checked. Run it daily from cron or
monitoring, and whenever an investigation relies on the audit log.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carershub.audit import verification


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and compare it with the checkpoints."

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            type=Path,
            help="A copy of the checkpoint file to compare with (default: the hub's own).",
        )

    def handle(self, *args, checkpoints=None, **options):
        result = verification.verify(checkpoints)
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not result.intact:
            raise CommandError(
                "The audit log has been tampered with. " + " ".join(result.problems), returncode=1
            )
        if result.last_entry_id is None:
            self.stdout.write("No entries have been sealed yet: there is nothing to check.")
            return
        self.stdout.write(
            f"{result.checked:,} entries checked, chain intact up to #{result.last_entry_id} "
            f"(position {result.last_position}) sealed on "
            f"{verification.when(result.last_sealed_at)}. "
            f"{result.checkpoints_compared:,} checkpoints from outside the database agree."
        )
