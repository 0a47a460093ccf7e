"""The one search behind the public directory and the Open Referral API."""

import datetime as dt

import pytest

from carershub.directory import selectors
from carershub.directory.models import Schedule, ServiceStatus
from carershub.directory.selectors import BadFilter, ServiceFilters
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, taxonomy_id, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service

pytestmark = pytest.mark.django_db


def names(query):
    return [s.name for s in query]


@pytest.fixture
def provider(partnership):
    return ProviderFactory(partnership=partnership, name="Leeds Carers Trust")


def test_words_match_name_description_provider_and_categories_in_any_case(provider):
    breaks = ServiceFactory(
        provider=provider,
        name="Sitting service",
        description="Someone sits with your mum",
        terms=[term_id(CATEGORIES, "breaks")],
    )
    ServiceFactory(provider=provider, name="Benefits clinic", description="Money advice")
    partnership = provider.partnership
    assert names(selectors.services(partnership, ServiceFilters(search="SITTING"))) == [
        "Sitting service"
    ]
    assert names(selectors.services(partnership, ServiceFilters(search="mum sits"))) == [
        "Sitting service"
    ]
    assert names(selectors.services(partnership, ServiceFilters(search="breaks"))) == [breaks.name]
    assert len(selectors.services(partnership, ServiceFilters(search="leeds trust"))) == 2
    assert names(selectors.services(partnership, ServiceFilters(search="sitting money"))) == []


def test_closed_services_are_not_found_unless_asked_for(provider):
    ServiceFactory(provider=provider, name="Old group", status=ServiceStatus.DEFUNCT)
    ServiceFactory(provider=provider, name="Paused group", status=ServiceStatus.TEMPORARILY_CLOSED)
    assert names(selectors.services(provider.partnership)) == ["Paused group"]
    assert len(selectors.services(provider.partnership, ServiceFilters(include_closed=True))) == 2


def test_another_partnerships_services_are_never_found(provider, other_hub):
    ServiceFactory(
        provider=ProviderFactory(partnership=other_hub.partnership), name="Elsewhere cafe"
    )
    ServiceFactory(provider=provider, name="Our cafe")
    assert names(selectors.services(provider.partnership, ServiceFilters(search="cafe"))) == [
        "Our cafe"
    ]


def test_terms_taxonomies_and_ages_narrow_the_results(provider):
    young = ServiceFactory(
        provider=provider,
        name="Young carers club",
        minimum_age=8,
        maximum_age=17,
        terms=[term_id(WHO_FOR, "young-carers")],
    )
    ServiceFactory(
        provider=provider, name="Adult group", minimum_age=18, terms=[term_id(CATEGORIES, "groups")]
    )
    partnership = provider.partnership
    by_term = ServiceFilters(term_ids=[str(term_id(WHO_FOR, "young-carers"))])
    assert names(selectors.services(partnership, by_term)) == [young.name]
    by_taxonomy = ServiceFilters(taxonomy_id=str(taxonomy_id(CATEGORIES)))
    assert names(selectors.services(partnership, by_taxonomy)) == ["Adult group"]
    assert names(selectors.services(partnership, ServiceFilters(minimum_age=18))) == ["Adult group"]
    assert names(selectors.services(partnership, ServiceFilters(maximum_age=17))) == [young.name]
    assert names(selectors.services(partnership, ServiceFilters(age=12))) == [young.name]


def test_day_and_times_match_schedules_of_the_service_or_of_its_places(provider):
    morning = ServiceFactory(provider=provider, name="Tuesday coffee")
    Schedule.objects.create(
        service=morning, byday="TU", opens_at=dt.time(10), closes_at=dt.time(12)
    )
    evening = ServiceFactory(provider=provider, name="Evening group")
    Schedule.objects.create(
        service_at_location=place_service(evening),
        byday="TU,TH",
        opens_at=dt.time(18),
        closes_at=dt.time(20),
    )
    partnership = provider.partnership
    assert len(selectors.services(partnership, ServiceFilters(day="tuesday"))) == 2
    assert names(selectors.services(partnership, ServiceFilters(day="TH"))) == ["Evening group"]
    assert names(selectors.services(partnership, ServiceFilters(start_time=dt.time(17)))) == [
        "Evening group"
    ]
    assert names(selectors.services(partnership, ServiceFilters(end_time=dt.time(13)))) == [
        "Tuesday coffee"
    ]
    with pytest.raises(BadFilter):
        list(selectors.services(partnership, ServiceFilters(day="someday")))


def test_near_a_postcode_lists_nearest_first_with_distances_and_places_online_last(provider):
    headingley = ServiceFactory(provider=provider, name="Headingley group")
    place_service(headingley, "LS6 1AA")
    city = ServiceFactory(provider=provider, name="City centre group")
    place_service(city, "LS1 1UR")
    ServiceFactory(provider=provider, name="Phone line")
    found = selectors.near(selectors.services(provider.partnership), "LS1 1UR")
    assert [(s.name, round(m) if m is not None else None) for s, m in found] == [
        ("City centre group", 0),
        ("Headingley group", 2445),
        ("Phone line", None),
    ]
    within = selectors.near(selectors.services(provider.partnership), "LS1 1UR", proximity=1000)
    assert [s.name for s, _ in within] == ["City centre group"]
    assert [s.name for s, _ in selectors.near(selectors.services(provider.partnership), "LS6")][
        0
    ] == headingley.name
    with pytest.raises(BadFilter):
        selectors.near(selectors.services(provider.partnership), "ZZ1 1ZZ")


def test_due_for_review_lists_unchecked_and_long_unchecked_services_first(provider):
    today = dt.date(2026, 11, 23)
    ServiceFactory(
        provider=provider, name="Checked last month", assured_date=today - dt.timedelta(days=30)
    )
    ServiceFactory(
        provider=provider, name="Checked in the spring", assured_date=dt.date(2026, 4, 1)
    )
    ServiceFactory(provider=provider, name="Never checked")
    ServiceFactory(provider=provider, name="Gone", status=ServiceStatus.DEFUNCT)
    assert names(selectors.due_for_review(provider.partnership, today)) == [
        "Never checked",
        "Checked in the spring",
    ]
