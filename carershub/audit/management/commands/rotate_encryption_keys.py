"""``manage.py rotate_encryption_keys``: move every encrypted value and lookup hash onto the
newest keys, after a new key has been put first in FIELD_ENCRYPTION_KEYS or LOOKUP_HASH_KEYS.

With ``--check`` it only counts what is still on an older key and exits with status 1 if
anything is (for monitoring, and before removing an old key). See docs/admin/encryption-keys.md.
"""

from django.core.management.base import BaseCommand, CommandError

from carershub.audit import key_rotation


class Command(BaseCommand):
    help = "Re-encrypt stored values and re-make lookup hashes with the newest keys."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Count values and hashes still on an older key; change nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=key_rotation.BATCH_SIZE,
            help=f"Rows read and written per transaction (default {key_rotation.BATCH_SIZE}).",
        )

    def handle(self, *args, check=False, batch_size=key_rotation.BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        verbose = options["verbosity"] > 1

        def progress(label, done, total):
            if verbose or done == total:
                self.stdout.write(f"  {label}: {done:,} of {total:,} rows checked")

        result = key_rotation.rotate(check_only=check, batch_size=batch_size, progress=progress)
        for each in result.models:
            if each.values_rewritten or each.hashes_rewritten:
                self.stdout.write(
                    f"{each.label}: {each.values_rewritten:,} values and {each.hashes_rewritten:,} "
                    f"lookup hashes {'on an older key' if check else 'moved to the newest key'}"
                )
        if result.values_unreadable or result.hashes_unknown:
            for each in result.models:
                if each.values_unreadable or each.hashes_unknown:
                    self.stderr.write(
                        f"{each.label}: {each.values_unreadable:,} values no key can read, "
                        f"{each.hashes_unknown:,} lookup hashes made "
                        "with a key that is not configured"
                    )
        if result.values_unreadable:
            outcome = (
                "Nothing was changed." if check else "Everything else was moved to the newest keys."
            )
            raise CommandError(
                f"{result.values_unreadable:,} encrypted values cannot be read with any key in "
                "FIELD_ENCRYPTION_KEYS "
                f"(and {result.hashes_unknown:,} NHS number hashes were made with a key not in "
                "LOOKUP_HASH_KEYS): a key was removed too soon, or a backup was restored without "
                "its keys. Put the missing key back at the end of the list, restart, and run "
                f"rotate_encryption_keys. {outcome}",
                returncode=1,
            )
        if check and result.hashes_unknown:
            raise CommandError(
                f"{result.hashes_unknown:,} NHS number hashes were made with a key not in "
                "LOOKUP_HASH_KEYS, so those carers cannot be found by NHS number: put the "
                "missing key back at the end of "
                "the list, or run rotate_encryption_keys to make them again with the newest key.",
                returncode=1,
            )
        summary = (
            f"{result.rows:,} rows checked; {result.values_rewritten:,} encrypted values and "
            f"{result.hashes_rewritten:,} lookup hashes"
        )
        if check:
            if result.values_rewritten or result.hashes_rewritten:
                raise CommandError(
                    f"{summary} are still on an older key: run rotate_encryption_keys before "
                    "removing any key.",
                    returncode=1,
                )
            self.stdout.write(f"{summary} on an older key: every value is on the newest keys.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{summary} moved to the newest keys. Older keys can now be removed "
                    "from the settings (keep them with old backups)."
                )
            )
