"""``manage.py flush``, which may empty the audit log only on a test database.

Django's tests empty every table between tests that commit, which the audit guard refuses.
On any other database the guard stays in place, so flushing a hub that has an audit trail
fails rather than erasing it.
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from carershub.audit import guard


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if not guard.is_test_database(connection):
            return super().handle(**options)
        with guard.maintenance(connection):
            return super().handle(**options)
