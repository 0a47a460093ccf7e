"""While a big import is being published, colleagues keep saving: the publish lets other writers
in between its batches, and its carers stay out of sight until the whole file is in.

Measured as a colleague would feel it: SQLite's busy timeout cut to 2 seconds (the hub waits
20), 10,000 carers published in one thread while a colleague records contacts in another."""

import datetime as dt
import threading

import pytest
from django.db import OperationalError, connection, connections

from benchmarks.imports import fictional_export
from carershub.carers import services as carer_services
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.imports import services
from carershub.imports.models import ImportRun, Status

ROWS = 10_000
BUSY_TIMEOUT_SECONDS = 2


@pytest.fixture
def short_busy_timeout():
    """Every new connection, in any thread, waits at most 2 seconds for a lock (SQLite's busy
    timeout; PostgreSQL's lock_timeout)."""
    options = connection.settings_dict.setdefault(
        "OPTIONS", {}
    )  # shared by every thread's connection
    before = dict(options)
    if connection.vendor == "sqlite":
        options["timeout"] = BUSY_TIMEOUT_SECONDS
    else:
        options["options"] = (
            f"{options.get('options', '')} -c lock_timeout={BUSY_TIMEOUT_SECONDS * 1000}".strip()
        )
    connection.close()
    yield
    connection.close()
    options.clear()
    options.update(before)


@pytest.mark.django_db(transaction=True)
def test_a_colleague_saves_while_a_big_import_is_published_and_sees_none_of_it_until_the_end(
    hub, manager_actor, worker, actor_of, short_busy_timeout
):
    colleague = actor_of(worker, hub)
    ada = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    run = services.check_rows(
        services.start_import(
            manager_actor,
            organisation=hub,
            filename="carepoint.csv",
            source_system="CarePoint",
            data=fictional_export(ROWS),
        ),
        manager_actor,
    )
    assert run.new_count == ROWS

    failures, saves_during_publish = [], []
    publishing = threading.Event()

    def publish():
        try:
            services.publish(run, manager_actor, progress=lambda _n: publishing.set())
        except Exception as exc:  # pragma: no cover - reported by the assertions below
            failures.append(f"publish: {exc!r}")
        finally:
            publishing.set()
            connections.close_all()

    publisher = threading.Thread(target=publish)
    publisher.start()
    try:
        publishing.wait(timeout=300)
        while publisher.is_alive():
            try:
                carer_services.log_contact(
                    colleague,
                    ada,
                    kind="phone",
                    direction="out",
                    happened_on=dt.date(2026, 11, 18),
                    purpose="Checking in",
                )
            except OperationalError as exc:
                failures.append(f"colleague's save: {exc}")
                break
            state = ImportRun.unscoped.values_list("status", "added_count").get(pk=run.pk)
            if state[0] == Status.IMPORTING and 0 < state[1] < ROWS:
                # Saved with part of the import written: and still none of it shows.
                saves_during_publish.append(state[1])
                assert list(
                    Carer.objects.visible_to(colleague, HUB_RECORD).values_list("pk", flat=True)
                ) == [ada.pk]
    finally:
        publisher.join(timeout=600)

    assert failures == []
    assert len(saves_during_publish) >= 3, (
        "the colleague should have saved several times mid-publish"
    )
    run.refresh_from_db()
    assert run.status == Status.DONE and run.added_count == ROWS
    assert Carer.objects.visible_to(colleague, HUB_RECORD).count() == ROWS + 1
