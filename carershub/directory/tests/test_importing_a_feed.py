"""import_openreferral: another directory's services come in once, are updated on every later
run, and a feed with any problem brings in nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from carershub.core.concurrency import EditConflict
from carershub.directory import oruk, selectors, services
from carershub.directory.models import Location, Provider, Schedule, Service, Taxonomy, TaxonomyTerm
from carershub.directory.schemas import FOLDER
from carershub.directory.taxonomy import CATEGORIES, create_vocabularies, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service
from carershub.partnerships.tests.factories import PartnershipFactory

EXAMPLE = FOLDER / "example_service_full.json"
EXAMPLE_LIST = FOLDER / "example_service_list.json"


def run(*args):
    out = StringIO()
    call_command("import_openreferral", *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_profiles_example_service_comes_in_with_everything_it_says(partnership):
    output = run(str(EXAMPLE), "--partnership", partnership.slug)
    assert "1 added, 0 updated" in output
    service = Service.objects.get(partnership=partnership)
    assert service.name == "Community Counselling" and service.status == "active"
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert (
        service.provider.name == "Example Organization Inc."
        and service.provider.company_number == "1234567"
    )
    assert service.schedules.get().byday == "TH,FR"
    assert service.cost_options.get().amount == 35
    assert service.contacts.get().name == "Ann Persona"
    assert service.service_areas.get().extent_type == "geojson"
    assert service.funding.count() == 1
    place = service.service_at_locations.get().location
    assert (place.name, place.postal_code, place.external_identifier) == (
        "MyCity Civic Center",
        "ABC 1234",
        "10092008082",
    )
    assert place.latitude is None  # the example's latitude of 100 is not a place on Earth
    assert place.accessibility.get().description.startswith(
        "The building is equipped with induction loops"
    )
    term = service.terms.get()
    assert (term.name, term.source_id) == ("name", "3f7b145d-84af-42d7-8fae-eaca714b02b2")
    assert (
        service.source == "file:example_service_full.json"
        and service.source_id == "ac148810-d857-441c-9679-408f346de14b"
    )
    assert "counselling" in service.search_text


@pytest.mark.django_db
def test_importing_the_same_feed_again_updates_instead_of_adding(partnership, tmp_path):
    run(str(EXAMPLE), "--partnership", partnership.slug)
    changed = json.loads(EXAMPLE.read_text())
    changed["name"] = "Community Counselling Service"
    changed["schedules"][0]["byday"] = "MO"
    copy = tmp_path / "example_service_full.json"  # same file name, so the same source
    copy.write_text(json.dumps(changed))
    output = run(str(copy), "--partnership", partnership.slug)
    assert "0 added, 1 updated" in output
    assert Service.objects.get(partnership=partnership).name == "Community Counselling Service"
    assert Schedule.objects.filter(service__partnership=partnership).get().byday == "MO"
    assert (
        Provider.objects.filter(partnership=partnership).count(),
        Location.objects.count(),
        TaxonomyTerm.objects.filter(source__startswith="file:").count(),
    ) == (1, 1, 1)


@pytest.mark.django_db
def test_importing_again_makes_staff_pages_opened_before_it_refuse_to_save_over_it(
    partnership, hub, worker, actor_of
):
    run(str(EXAMPLE), "--partnership", partnership.slug)
    service = Service.objects.get(partnership=partnership)
    provider, place = service.provider, service.service_at_locations.get().location
    assert (service.version, provider.version, place.version) == (1, 1, 1)
    run(str(EXAMPLE), "--partnership", partnership.slug)
    service.refresh_from_db()
    provider.refresh_from_db()
    place.refresh_from_db()
    assert (service.version, provider.version, place.version) == (2, 2, 2)
    with pytest.raises(EditConflict):
        services.update_location(
            actor_of(worker, hub), place, expected_version=1, name="Civic Centre"
        )
    with pytest.raises(EditConflict):
        services.update_provider(
            actor_of(worker, hub), provider, expected_version=1, name="Example Org"
        )


@pytest.mark.django_db
def test_a_page_of_list_shaped_services_comes_in_too(partnership):
    assert "1 added" in run(str(EXAMPLE_LIST), "--partnership", partnership.slug)
    assert Service.objects.get(partnership=partnership).provider.name == "Example Organization Inc."


@pytest.mark.django_db
def test_a_feed_with_any_problem_brings_in_nothing_and_says_what_each_problem_is(
    partnership, tmp_path
):
    good = json.loads(EXAMPLE.read_text())
    bad = dict(
        good,
        id="0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b",
        name="Broken",
        status="open",
        url="not a website",
        service_areas=[{"id": "5d1e0c2b-3a49-4f87-9e6d-7c8b9a0f1e2d", "extent_type": "x" * 30}],
    )
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([good, bad]))
    with pytest.raises(CommandError) as refused:
        run(str(feed), "--partnership", partnership.slug)
    message = str(refused.value)
    assert message.startswith("Nothing was imported. 3 problem(s)")
    assert "Service 2 (Broken): status: 'open' is not one of" in message
    assert "Service 2 (Broken): url: 'not a website' is not a 'uri'" in message
    assert "service_areas[0].extent_type is longer than the 20 characters the hub keeps" in message
    assert not Service.objects.exists() and not Provider.objects.exists()


@pytest.mark.django_db
def test_files_that_are_not_feeds_are_refused_in_plain_english(partnership, tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        run(str(tmp_path / "missing.json"), "--partnership", partnership.slug)
    (tmp_path / "notes.json").write_text("Dear hub,")
    with pytest.raises(CommandError, match="notes.json is not JSON"):
        run(str(tmp_path / "notes.json"), "--partnership", partnership.slug)
    (tmp_path / "odd.json").write_text('{"hello": "world"}')
    with pytest.raises(CommandError, match="holds neither a service"):
        run(str(tmp_path / "odd.json"), "--partnership", partnership.slug)
    with pytest.raises(CommandError, match="no partnership with the slug 'nowhere'"):
        run(str(EXAMPLE), "--partnership", "nowhere")


@pytest.mark.django_db
def test_a_dry_run_checks_and_saves_nothing(partnership):
    assert "all can be imported (nothing saved)" in run(
        str(EXAMPLE), "--partnership", partnership.slug, "--dry-run"
    )
    assert not Service.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_another_hubs_api_imports_into_this_directory_and_says_the_same(live_server, settings):
    """Round trip: what one hub publishes, another imports from its API address, twice."""
    publishing = PartnershipFactory(slug="publisher")
    importing_into = PartnershipFactory(slug="reader")
    settings.HUB_PARTNERSHIP_SLUG = publishing.slug
    if not TaxonomyTerm.objects.exists():  # a transactional test may start with emptied tables
        create_vocabularies(Taxonomy, TaxonomyTerm)
    provider = ProviderFactory(
        partnership=publishing, name="Publisher Trust", charity_number="7654321"
    )
    for number in range(3):
        service = ServiceFactory(
            provider=provider,
            name=f"Published service {number}",
            phone="0113 496 0000",
            terms=[term_id(CATEGORIES, "breaks")],
        )
        place_service(service, "LS6 1AA", name="Centre")
        Schedule.objects.create(service=service, byday="WE", description="Wednesdays")
    feed = f"{live_server.url}/openreferral"
    assert "3 added, 0 updated" in run(feed, "--partnership", importing_into.slug)
    assert "0 added, 3 updated" in run(feed, "--partnership", importing_into.slug)

    def published(partnership):
        found = selectors.with_everything(selectors.services(partnership)).order_by("name")
        return [strip_ids(oruk.service(s)) for s in found]

    assert published(importing_into) == published(publishing)
    imported = Service.objects.filter(partnership=importing_into).first()
    assert imported.source == feed
    assert imported.terms.get().source_id == str(
        term_id(CATEGORIES, "breaks")
    )  # the publisher's term, kept


def strip_ids(document):
    """A published service without what differs between two hubs: ids, change times, place."""
    if isinstance(document, dict):
        return {
            k: strip_ids(v)
            for k, v in document.items()
            if not (k == "id" or k.endswith("_id") or k in ("last_modified", "link_id"))
        }
    if isinstance(document, list):
        return [strip_ids(v) for v in document]
    return document
