"""Fixtures for the audit log's tests: entries, a checkpoint file of their own, and tampering."""

from contextlib import contextmanager

import pytest
from django.db import connection

from carershub.audit import guard
from carershub.audit import services as auditor
from carershub.audit.models import Operation


@pytest.fixture(autouse=True)
def checkpoint_file(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_PATH = tmp_path / "audit" / "checkpoints.jsonl"
    return settings.AUDIT_CHECKPOINT_PATH


@pytest.fixture
def write_entries(db):
    """write_entries(n) -> n new audit entries, oldest first, written as a list page writes them."""

    def write(count, object_type="carers.carer"):
        rows = auditor.record_many(
            None, Operation.SEARCH, object_type, range(1, count + 1), context={"view": "test"}
        )
        return sorted(rows, key=lambda row: row.pk)

    return write


@contextmanager
def guard_switched_off():
    """What a database administrator can do: take the triggers away, then put them back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            guard.remove(connection)
        else:
            cursor.execute(f"ALTER TABLE {guard.TABLE} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                guard.install(connection)
            else:
                cursor.execute(f"ALTER TABLE {guard.TABLE} ENABLE TRIGGER USER")


@pytest.fixture
def tamper():
    """tamper(sql, params) -> runs SQL against the audit table with its guard switched off."""

    def run(sql, params=()):
        with guard_switched_off(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run
