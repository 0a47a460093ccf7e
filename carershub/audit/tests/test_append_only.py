"""The database itself refuses to delete or change audit entries, on SQLite and PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from carershub.audit import guard, sealing
from carershub.audit.models import AuditLog


def refused(action):
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        action()
    return str(error.value)


@pytest.mark.django_db
def test_the_database_refuses_to_delete_an_entry_sealed_or_not(write_entries):
    sealed = write_entries(1)[0]
    sealing.seal()
    unsealed = write_entries(1)[0]
    for entry in (sealed, unsealed):
        assert "cannot be deleted" in refused(
            lambda e=entry: AuditLog.objects.filter(pk=e.pk).delete()
        )
        assert "cannot be deleted" in refused(
            lambda e=entry: AuditLog.objects.get(pk=e.pk).delete()
        )
    assert AuditLog.objects.count() == 2


@pytest.mark.django_db
def test_the_database_refuses_to_change_an_entry(write_entries):
    entry = write_entries(1)[0]
    assert "cannot be changed" in refused(
        lambda: AuditLog.objects.filter(pk=entry.pk).update(object_id="999")
    )
    entry.context = {"view": "something else"}
    assert "cannot be changed" in refused(lambda: entry.save())
    assert AuditLog.objects.get(pk=entry.pk).object_id == "1"


@pytest.mark.django_db
def test_the_chain_can_be_set_once_and_never_again(write_entries):
    entry = write_entries(1)[0]
    sealing.seal()
    assert "cannot be changed" in refused(
        lambda: AuditLog.objects.filter(pk=entry.pk).update(chain_hash="0" * 64)
    )
    assert "cannot be changed" in refused(
        lambda: AuditLog.objects.filter(pk=entry.pk).update(chain_position=None, chain_hash="")
    )
    # Sealing together with any other change is refused too.
    other = write_entries(1)[0]
    assert "cannot be changed" in refused(
        lambda: AuditLog.objects.filter(pk=other.pk).update(
            chain_position=99, chain_hash="a" * 64, object_id="2"
        )
    )


@pytest.mark.django_db
def test_emptying_the_whole_table_is_refused(write_entries):
    write_entries(2)
    emptying = (
        f"TRUNCATE {guard.TABLE}"
        if connection.vendor == "postgresql"
        else f"DELETE FROM {guard.TABLE}"
    )

    def empty():
        with connection.cursor() as cursor:
            cursor.execute(emptying)

    assert "cannot be deleted" in refused(empty)
    assert AuditLog.objects.count() == 2


@pytest.mark.django_db
def test_flushing_a_hub_that_is_not_a_test_database_keeps_its_audit_log(write_entries, monkeypatch):
    write_entries(2)
    monkeypatch.setattr(guard, "is_test_database", lambda connection: False)
    with pytest.raises(CommandError, match="couldn't be flushed"):
        call_command("flush", interactive=False, verbosity=0)
    assert AuditLog.objects.count() == 2


@pytest.mark.django_db
def test_the_guard_is_in_place_after_migrating():
    assert guard.is_installed(connection)


@pytest.mark.django_db
def test_migrating_puts_back_a_guard_that_was_dropped():
    guard.remove(connection)
    assert not guard.is_installed(connection)
    guard.reinstall_after_migrate(sender=None, using=connection.alias)
    assert guard.is_installed(connection)


@pytest.mark.django_db
def test_a_connection_that_is_not_the_hubs_cannot_delete_through_the_sqlite_guard(write_entries):
    if connection.vendor != "sqlite":
        pytest.skip("The maintenance function belongs to the SQLite guard")
    import sqlite3

    shell = sqlite3.connect(connection.settings_dict["NAME"], timeout=1)
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            shell.execute(f"DELETE FROM {guard.TABLE}")
    finally:
        shell.close()


@pytest.mark.django_db(transaction=True)
def test_emptying_a_test_database_between_tests_still_works(write_entries):
    """Django empties the tables after a test like this one; the guard must not stop it."""
    write_entries(3)
    sealing.seal()
    assert guard.is_test_database(connection)
