"""What the query planner knows: which tables have statistics, and forgetting them, for tests."""

from django.db import connection


def forget_statistics():
    """Throw away every table's statistics, so a test sees only what it caused."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_stat_reset_single_table_counters(relid) FROM pg_stat_user_tables"
            )
            cursor.execute("SELECT pg_stat_clear_snapshot()")
        else:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM sqlite_stat1")


def analyzed_tables():
    """The tables that have been analyzed (by ANALYZE,
    not by autovacuum) since statistics were forgotten.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
            return {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {name for (name,) in cursor.fetchall()}
