"""``manage.py make_encryption_keys``: print a new key for each of FIELD_ENCRYPTION_KEYS and
LOOKUP_HASH_KEYS, for a new hub or a rotation (docs/admin/encryption-keys.md)."""

from django.core.management.base import BaseCommand

from carershub.core import encryption


class Command(BaseCommand):
    help = "Print new keys for encryption at rest and for lookup hashes."

    def handle(self, *args, **options):
        self.stdout.write(f"FIELD_ENCRYPTION_KEYS={encryption.make_field_key()}")
        self.stdout.write(f"LOOKUP_HASH_KEYS={encryption.make_hash_key()}")
        self.stderr.write(
            "Keep these secret and apart from the database and its backups: without them nothing "
            "encrypted can be read. To rotate, put the new key first and keep the old one after "
            "a comma (NEW,OLD), restart, run `manage.py rotate_encryption_keys`, "
            "then remove the old key."
        )
