"""Fresh planner statistics after a bulk write, so the next searches and lists use the indexes.

PostgreSQL's autovacuum analyzes a table only after a share of it has changed and a while has
passed, and SQLite never does unless asked. Until then the query planner judges a table that
has just grown from 200 to 100,000 carers by what it held before: a search for a common
surname took 826 ms instead of 20 ms at 100,000 carers until ``ANALYZE`` ran. So every bulk
writer (demo data, an import's publish, a restore, a search index rebuild, a directory import,
a key rotation) ends by calling ``refresh_statistics`` with what it wrote.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

# Rows SQLite reads from each index when analyzing (the figure its documentation suggests).
SQLITE_ANALYSIS_LIMIT = 400


def _table(model_or_table):
    return model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table


def refresh_statistics(*models, using=DEFAULT_DB_ALIAS):
    """Analyze the tables of ``models`` (models or table names), or the whole database if none.

    Inside a transaction it waits for the commit: statistics taken before then would miss the
    rows just written (PostgreSQL) or hold the write lock longer (SQLite); a rolled-back write
    needs none. A failure is logged, never raised: the write it follows has already succeeded.
    """
    tables = sorted({_table(model) for model in models})
    transaction.on_commit(lambda: _analyze(tables, using), using=using)


def _analyze(tables, using):
    connection = connections[using]
    quote = connection.ops.quote_name
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ANALYZE " + ", ".join(quote(table) for table in tables)
                    if tables
                    else "ANALYZE"
                )
            elif connection.vendor == "sqlite":
                # ANALYZE on SQLite also fills sqlite_stat1, which the planner reads at the next
                # connection; PRAGMA optimize alone would skip tables it judges unchanged. It
                # takes the write lock: the limit samples each index (as PRAGMA optimize does)
                # so that it holds the lock for milliseconds, not the seconds a full scan of a
                # big table takes, and colleagues' saves are not kept waiting.
                cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
                for table in tables or [None]:
                    cursor.execute(f"ANALYZE {quote(table)}" if table else "ANALYZE")
    except Exception:
        logger.exception(
            "Could not refresh the planner statistics of %s", ", ".join(tables) or "the database"
        )
