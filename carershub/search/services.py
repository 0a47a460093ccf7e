"""Keeping the search index beside the register: the only code that writes search keys.

Call ``index_carers(ids)`` in the same transaction as any change to a carer's names, date of
birth or postcode (registering, editing, importing, merging, undoing a merge). ``rebuild_index``
builds the whole index again in bulk (``manage.py reindex_search``, the benchmark, big imports).
This is system code: it reads carers unscoped, and writes nothing a page shows.
"""

from itertools import islice

from django.db import connection, transaction

from carershub.carers.models import Carer
from carershub.core.statistics import refresh_statistics
from carershub.search.keys import keys_for_carer
from carershub.search.models import CarerSearchKey

BATCH = 2000
# The carer's fields the index is built from: a change to any of them needs index_carers.
SEARCHED_FIELDS = frozenset(
    {"given_name", "family_name", "preferred_name", "date_of_birth", "postcode"}
)
_FIELDS = ("pk", "given_name", "family_name", "preferred_name", "date_of_birth", "postcode")


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _rows_for(carers):
    """(key, carer id) rows for (pk, given, family, preferred, date of birth, postcode) tuples."""
    for pk, given, family, preferred, born, postcode in carers:
        for key in keys_for_carer(given, family, preferred, born, postcode):
            yield key, pk


def _insert(rows):
    """Write key rows in bulk: COPY on PostgreSQL, one prepared INSERT on SQLite. ``rows`` must
    not read the database while it is consumed (the COPY has the connection)."""
    table = CarerSearchKey._meta.db_table
    columns = (
        CarerSearchKey._meta.get_field("key").column,
        CarerSearchKey._meta.get_field("carer").column,
    )
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {table} ({columns[0]}, {columns[1]}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
        else:
            for batch in _batches(rows, 10_000):
                cursor.executemany(
                    f"INSERT INTO {table} ({columns[0]}, {columns[1]}) VALUES (%s, %s)", batch
                )
                written += len(batch)
    return written


@transaction.atomic
def index_carers(carer_ids):
    """Make the search keys of these carers match their records now. Safe to repeat; ids of
    deleted carers just lose their keys. Returns the number of keys written."""
    ids = sorted({int(pk) for pk in carer_ids if pk is not None})
    written = 0
    for batch in _batches(ids, BATCH):
        CarerSearchKey.unscoped.filter(carer_id__in=batch).delete()
        # Read before writing: a COPY holds the connection, so nothing may query it meanwhile.
        carers = list(Carer.unscoped.filter(pk__in=batch).values_list(*_FIELDS))
        written += _insert(_rows_for(carers))
    return written


@transaction.atomic
def rebuild_index(chunk_size=20_000, progress=None):
    """Throw the whole index away and build it again from the register. Returns keys written.

    On PostgreSQL the table's indexes and constraints are dropped while the keys are copied in
    and built again afterwards, as PostgreSQL's "Populating a database" advises: sorting tens of
    millions of keys once is many times faster than inserting each into a B-tree. All in one
    transaction: searches wait (PostgreSQL) or see the old index (SQLite) until it commits.
    """
    postgres = connection.vendor == "postgresql"
    rebuild = _drop_constraints_and_indexes() if postgres else []
    if not postgres:
        CarerSearchKey.unscoped.all().delete()
    carers = Carer.unscoped.order_by("pk").values_list(*_FIELDS).iterator(chunk_size=chunk_size)
    done = written = 0
    for batch in _batches(carers, chunk_size):
        written += _insert(_rows_for(batch))
        done += len(batch)
        if progress:
            progress(done, written)
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in rebuild:
            cursor.execute(statement)
    refresh_statistics(CarerSearchKey)
    return written


def _drop_constraints_and_indexes():
    """Empty the key table and drop its constraints and indexes;
    return the SQL that puts them back.
    """
    table = CarerSearchKey._meta.db_table
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit: check any waiting (carers loaded in this same
        # transaction, say) now, or PostgreSQL refuses to drop a constraint that refers to them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint WHERE "
            "conrelid = %s::regclass",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = "
            "x.indexrelid WHERE x.indrelid = %s::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = "
            "x.indexrelid AND c.conrelid = x.indrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute(f"TRUNCATE {table}")
        for name, _, _ in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    order = {"p": 0, "u": 1, "f": 3, "c": 4}
    statements = [
        (order.get(kind, 5), f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition, kind in constraints
    ]
    statements += [(2, definition) for _, definition in indexes]
    return [sql for _, sql in sorted(statements, key=lambda s: s[0])]
