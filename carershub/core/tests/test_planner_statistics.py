"""After every bulk write, the tables it wrote are analyzed, so the query planner knows their new
size at once (a search for "Smith" at 100,000 carers took 826 ms with stale statistics, 20 ms
with fresh ones). Checked in the database's own records of ANALYZE: pg_stat_user_tables on
PostgreSQL, sqlite_stat1 on SQLite."""

import pytest
from django.core.management import call_command

from carershub.accounts.actor import actor_for
from carershub.audit.models import AuditLog
from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.core.statistics import refresh_statistics
from carershub.core.tests.planner import analyzed_tables, forget_statistics
from carershub.demo import services as demo
from carershub.directory.models import Service
from carershub.directory.schemas import FOLDER
from carershub.imports import services as imports
from carershub.imports.tests.helpers import export, person
from carershub.search.models import CarerSearchKey
from carershub.search.services import rebuild_index

pytestmark = pytest.mark.django_db

CARERS = Carer._meta.db_table


@pytest.fixture
def statistics_forgotten():
    forget_statistics()
    assert CARERS not in analyzed_tables()


def test_statistics_are_refreshed_when_the_bulk_write_commits_not_before(
    statistics_forgotten, hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        CarerFactory.create_batch(3, holding_organisation=hub)
        refresh_statistics(Carer)
        assert CARERS not in analyzed_tables()  # the rows are not committed yet
    assert CARERS in analyzed_tables()
    assert AuditLog._meta.db_table not in analyzed_tables()  # only what was named


def test_a_rolled_back_bulk_write_leaves_the_statistics_alone(statistics_forgotten, hub):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        CarerFactory(holding_organisation=hub)
        refresh_statistics(Carer)
        raise RuntimeError("the write failed")
    assert CARERS not in analyzed_tables()


def test_loading_the_demo_data_analyzes_every_table(
    statistics_forgotten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(carers=5)
    assert {
        CARERS,
        CarerSearchKey._meta.db_table,
        AuditLog._meta.db_table,
        Service._meta.db_table,
    } <= analyzed_tables()


def test_publishing_an_import_analyzes_the_register_its_search_index_and_the_audit_log(
    statistics_forgotten, manager, hub, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    manager_actor = actor_for(manager, hub.pk)
    run = imports.start_import(
        manager_actor,
        organisation=manager_actor.organisation,
        filename="export.csv",
        source_system="CarePoint",
        data=export(*(person(n) for n in range(1, 6))),
    )
    run = imports.check_rows(run, manager_actor)
    assert CARERS not in analyzed_tables()  # the dry run writes nothing to the register
    with django_capture_on_commit_callbacks(execute=True):
        imports.publish(run, manager_actor)
    assert {CARERS, CarerSearchKey._meta.db_table, AuditLog._meta.db_table} <= analyzed_tables()


def test_rebuilding_the_search_index_analyzes_it(
    statistics_forgotten, hub, django_capture_on_commit_callbacks
):
    CarerFactory.create_batch(3, holding_organisation=hub)
    with django_capture_on_commit_callbacks(execute=True):
        rebuild_index()
    assert CarerSearchKey._meta.db_table in analyzed_tables()


def test_importing_a_directory_feed_analyzes_the_directory(
    statistics_forgotten, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_openreferral",
            str(FOLDER / "example_service_full.json"),
            "--partnership",
            partnership.slug,
            "--no-progress",
        )
    assert Service._meta.db_table in analyzed_tables()


def test_rotating_encryption_keys_analyzes_the_tables_whose_hashes_changed(
    statistics_forgotten, hub, django_capture_on_commit_callbacks
):
    CarerFactory(holding_organisation=hub, nhs_number="9434765919")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate_encryption_keys")
    assert CARERS in analyzed_tables()
