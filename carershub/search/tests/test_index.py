import datetime as dt

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from benchmarks import search_data as benchmark
from benchmarks.search import Command as SearchBenchmark
from carershub.accounts.models import Role
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.selectors import find_carers
from carershub.carers.tests.factories import CarerFactory
from carershub.core.scoping import UnscopedQueryError
from carershub.search import services
from carershub.search.keys import keys_for_carer
from carershub.search.models import CarerSearchKey


def keys_of(carer):
    return set(CarerSearchKey.unscoped.filter(carer=carer).values_list("key", flat=True))


@pytest.mark.django_db
def test_indexing_a_carer_writes_every_key_they_can_be_found_by(hub):
    carer = CarerFactory(
        holding_organisation=hub,
        given_name="Zoë",
        family_name="O'Brien",
        date_of_birth=dt.date(1961, 3, 27),
        postcode="ZZ1 1AA",
    )
    written = services.index_carers([carer.pk])
    assert keys_of(carer) == keys_for_carer("Zoë", "O'Brien", "", dt.date(1961, 3, 27), "ZZ1 1AA")
    assert written == len(keys_of(carer))
    assert {"=zoe", "=obrien", "=brien", "b1961-03-27", "oZZ1"} <= keys_of(carer)


@pytest.mark.django_db
def test_indexing_again_replaces_the_keys_and_never_duplicates_them(hub):
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    services.index_carers([carer.pk])
    before = CarerSearchKey.unscoped.count()
    services.index_carers([carer.pk, carer.pk])
    assert CarerSearchKey.unscoped.count() == before
    Carer.unscoped.filter(pk=carer.pk).update(family_name="Yarrow", postcode="")
    services.index_carers([carer.pk])
    assert "=yarrow" in keys_of(carer) and "=foxglove" not in keys_of(carer)
    assert not any(key.startswith("o") for key in keys_of(carer))


@pytest.mark.django_db
def test_a_deleted_carer_leaves_no_keys(hub):
    carer = CarerFactory(holding_organisation=hub)
    services.index_carers([carer.pk])
    pk = carer.pk
    carer.delete()
    services.index_carers([pk])
    assert not CarerSearchKey.unscoped.filter(carer_id=pk).exists()


@pytest.mark.django_db
def test_rebuilding_the_whole_index_gives_the_same_keys_as_indexing_each_carer(hub, other_hub):
    carers = [CarerFactory(holding_organisation=org) for org in (hub, hub, other_hub)]
    services.index_carers([c.pk for c in carers])
    one_by_one = set(CarerSearchKey.unscoped.values_list("key", "carer_id"))
    written = services.rebuild_index(chunk_size=2)
    assert set(CarerSearchKey.unscoped.values_list("key", "carer_id")) == one_by_one
    assert written == len(one_by_one)


@pytest.mark.django_db
def test_reindex_search_command_rebuilds_the_index(hub, capsys):
    carer = CarerFactory(holding_organisation=hub, given_name="Ada")
    call_command("reindex_search")
    assert "=ada" in keys_of(carer)
    assert "Search index rebuilt" in capsys.readouterr().out


@pytest.mark.django_db
def test_search_keys_are_personal_data_reached_only_through_a_scope(
    hub, make_staff, actor_of, other_hub
):
    mine, theirs = (
        CarerFactory(holding_organisation=hub),
        CarerFactory(holding_organisation=other_hub),
    )
    services.index_carers([mine.pk, theirs.pk])
    with pytest.raises(UnscopedQueryError):
        list(CarerSearchKey.objects.all())
    actor = actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)
    assert set(
        CarerSearchKey.objects.visible_to(actor, HUB_RECORD).values_list("carer_id", flat=True)
    ) == {mine.pk}


# --- The benchmark's own machinery (the benchmark itself never runs in the tests) -------------


@pytest.mark.django_db
def test_the_benchmark_refuses_the_hubs_own_database():
    url = (
        "sqlite:///" + settings.DATABASES["default"]["NAME"]
        if "sqlite" in settings.DATABASES["default"]["ENGINE"]
        else ("postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings.DATABASES["default"]))
    )
    with pytest.raises(CommandError, match="hub's own database"):
        call_command(SearchBenchmark(), database_url=url)


@pytest.mark.django_db
def test_the_benchmark_register_loads_in_bulk_and_can_be_searched():
    benchmark.build(60, progress=lambda message: None)
    assert Carer.unscoped.count() == 60
    assert CarerSearchKey.unscoped.values("carer").distinct().count() == 60
    actor = benchmark.bench_actor()
    sample = Carer.unscoped.filter(
        holding_organisation=actor.organisation, merged_into__isnull=True
    ).first()
    assert sample.pk in [
        c.pk for c in find_carers(actor, f"{sample.given_name} {sample.family_name}")
    ]
    assert [c.pk for c in find_carers(actor, sample.reference)] == [sample.pk]
    with pytest.raises(RuntimeError, match="other than the benchmark"):
        from carershub.partnerships.tests.factories import PartnershipFactory

        PartnershipFactory()
        benchmark.existing_size()


def test_benchmark_results_replace_only_their_own_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Imports\n\nImport numbers stay.\n")
    benchmark.write_section(path, "sqlite", "Search on SQLite", "first run")
    benchmark.write_section(path, "postgresql", "Search on PostgreSQL", "pg run")
    benchmark.write_section(path, "sqlite", "Search on SQLite", "second run")
    text = path.read_text()
    assert "Import numbers stay." in text and "pg run" in text and "second run" in text
    assert "first run" not in text
    assert text.count("## Search on SQLite") == 1


@pytest.mark.parametrize("module", ["benchmarks.search", "benchmarks.directory"])
def test_each_benchmark_runs_as_a_module_beside_the_hub_not_inside_it(module):
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "-m", module, "--help"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "--database-url" in finished.stdout and "--keep" in finished.stdout
    assert not (settings.BASE_DIR / "carershub" / "search" / "benchmark.py").exists()
