"""The shared cache: Django's database cache, with an increment fit for counting (ADR 27).

Django's database cache increments by reading the value and writing it back with the default
timeout. For a rate-limit count that is wrong twice over: two requests at the same moment can both
read 4 and both write 5, and every increment moves the count's expiry, so an hour's window could be
forgotten after five quiet minutes. Here the row is locked (SELECT ... FOR UPDATE on PostgreSQL; a
SQLite transaction already holds the write lock from its start) and only the value is rewritten.
"""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} WHERE "
                f"{quote('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or _as_datetime(row[1], connection) < now():
                raise ValueError(f"Key '{key}' not found")
            value = (
                pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            )
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                [base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1"), key],
            )
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)


def _as_datetime(value, connection):
    """A stored expiry as an aware datetime, as Django's own database cache reads it."""
    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        value = converter(value, expression, connection)
    return value
