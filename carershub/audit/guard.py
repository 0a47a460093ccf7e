"""The database's own guard on the audit log: triggers that refuse to delete or change a row.

The only change the triggers allow is the sealer's: setting ``chain_position`` and
``chain_hash`` on a row that has neither (no position, an empty hash). Everything else - an ORM
``delete()``, ``update()`` or ``save()``, or the same in SQL - fails with an integrity error, on
SQLite and PostgreSQL.

A database administrator can still drop or disable the triggers; the hash chain and the
checkpoint kept outside the database (seal.py, ADR 0015) are what show that it happened.

Django's test runner empties every table between tests that commit, and that must keep
working: ``manage.py flush`` (overridden in this app) opens a door only on a test database.
On SQLite the delete trigger asks a function that only the hub's own connections define,
``carershub_audit_maintenance()``, which answers yes only inside ``maintenance()``; a
connection that is not the hub's - the ``sqlite3`` shell - has no such function, so its deletes
fail too. On PostgreSQL flush uses TRUNCATE, which a statement trigger refuses; ``maintenance()``
disables that one trigger inside flush's transaction.
"""

from contextlib import contextmanager

from django.db import connections, transaction
from django.db.backends.base.creation import TEST_DATABASE_PREFIX

TABLE = "audit_auditlog"
MAINTENANCE_FUNCTION = "carershub_audit_maintenance"

# Every column the sealer must leave as it was. A migration that adds a column to AuditLog
# must add it here too (the PostgreSQL trigger compares whole rows and needs no list).
_SQLITE_UNCHANGED = [
    "id",
    "occurred_at",
    "operation",
    "actor_user_id",
    "actor_organisation_id",
    "object_type",
    "object_id",
    "fields",
    "context",
    "request_id",
]

_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditlog_refuse_delete BEFORE DELETE ON {TABLE}
    WHEN NOT {MAINTENANCE_FUNCTION}()
    BEGIN
        SELECT RAISE(ABORT, 'audit log entries cannot be deleted');
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_auditlog_refuse_update BEFORE UPDATE ON {TABLE}
    WHEN NOT coalesce((
        OLD.chain_position IS NULL AND OLD.chain_hash = ''
        AND NEW.chain_position IS NOT NULL AND NEW.chain_hash <> ''
        AND {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in _SQLITE_UNCHANGED)}
    ), 0)
    BEGIN
        SELECT RAISE(ABORT, 'audit log entries cannot be changed');
    END
    """,
]

_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditlog_refuse_delete",
    "DROP TRIGGER IF EXISTS audit_auditlog_refuse_update",
]

_POSTGRESQL_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_auditlog_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION 'audit log entries cannot be deleted' USING ERRCODE = \
'restrict_violation';
        END IF;
        IF OLD.chain_position IS NULL AND OLD.chain_hash = ''
            AND NEW.chain_position IS NOT NULL AND NEW.chain_hash <> ''
            AND (to_jsonb(NEW) - 'chain_position' - 'chain_hash')
                = (to_jsonb(OLD) - 'chain_position' - 'chain_hash')
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit log entries cannot be changed' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS audit_auditlog_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER audit_auditlog_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_auditlog_append_only()
    """,
    f"DROP TRIGGER IF EXISTS audit_auditlog_refuse_truncate ON {TABLE}",
    f"""
    CREATE TRIGGER audit_auditlog_refuse_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditlog_append_only()
    """,
]

_POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_auditlog_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditlog_refuse_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_auditlog_append_only()",
]


def _statements(connection, install):
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    if connection.vendor == "postgresql":
        return _POSTGRESQL_INSTALL if install else _POSTGRESQL_REMOVE
    raise NotImplementedError(f"No audit guard for {connection.vendor}")


def install(connection):
    """Create the triggers (again). Safe to repeat."""
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=True):
            cursor.execute(sql)


def remove(connection):
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=False):
            cursor.execute(sql)


def is_installed(connection):
    """Whether the triggers are there (an administrator may have dropped them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            return cursor.fetchone()[0] == len(_SQLITE_INSTALL)
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D'"
            " AND tgname IN ('audit_auditlog_append_only', 'audit_auditlog_refuse_truncate')",
            [TABLE],
        )
        return cursor.fetchone()[0] == 2


def define_sqlite_function(sender, connection, **kwargs):
    """``connection_created`` receiver: give each hub connection to SQLite the function."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        MAINTENANCE_FUNCTION, 0, lambda: int(getattr(connection, "audit_maintenance", False))
    )


def reinstall_after_migrate(sender, using, **kwargs):
    """``post_migrate`` receiver. SQLite alters a table by building a new one and dropping the
    old, which drops the old one's triggers: put them back after every migration (and any that
    an administrator dropped or disabled)."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    if TABLE in connection.introspection.table_names() and not is_installed(connection):
        install(connection)


def is_test_database(connection):
    """Whether this connection is to a database made by Django's test runner."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return True
    name = str(connection.settings_dict["NAME"])
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    return name == str(test_name) if test_name else name.startswith(TEST_DATABASE_PREFIX)


@contextmanager
def maintenance(connection):
    """Let this connection empty the audit table for the duration. Only for emptying a test
    database between tests; callers check ``is_test_database`` first."""
    if connection.vendor == "sqlite":
        connection.audit_maintenance = True
        try:
            yield
        finally:
            connection.audit_maintenance = False
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_auditlog_refuse_truncate")
        yield
        cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_auditlog_refuse_truncate")
