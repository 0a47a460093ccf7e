"""The staff pages that keep the directory: who may use them, what each change saves and audits,
and that the busy pages cost the same number of queries however big the directory grows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.directory import services
from carershub.directory.models import (
    CostOption,
    Funding,
    Language,
    Location,
    LocationType,
    Provider,
    Schedule,
    Service,
    ServiceArea,
    ServiceContact,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(partnership):
    return ProviderFactory(partnership=partnership, name="Leeds Carers Trust")


@pytest.fixture
def service(provider):
    return ServiceFactory(provider=provider, name="Carers cafe", description="A monthly cafe")


@pytest.fixture
def staff(sign_in, worker, hub):
    return sign_in(worker, hub)


def service_url(name, service, **kwargs):
    return reverse(f"directory:{name}", kwargs={"service_id": service.pk, **kwargs})


def audited(operation, obj):
    return AuditLog.objects.filter(
        operation=operation,
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}",
        object_id=str(obj.pk),
    ).exists()


def every_staff_url(service, provider):
    location = place_service(service).location
    schedule = Schedule.objects.create(service=service, byday="TU", description="Every Tuesday")
    return [
        reverse("directory:staff_services"),
        reverse("directory:staff_due_for_review"),
        reverse("directory:staff_add_service"),
        reverse("directory:staff_providers"),
        reverse("directory:staff_add_provider"),
        reverse("directory:staff_edit_provider", kwargs={"provider_id": provider.pk}),
        service_url("staff_service", service),
        service_url("staff_edit_service", service),
        service_url("staff_service_terms", service),
        service_url("staff_add_place", service),
        service_url("staff_edit_place", service, location_id=location.pk),
        *[
            service_url("staff_add_item", service, kind=kind)
            for kind in ("schedules", "costs", "languages", "contacts", "areas", "funding")
        ],
        service_url("staff_remove_item", service, kind="schedules", item_id=schedule.pk),
        service_url("staff_remove_place", service, location_id=location.pk),
    ]


# --- Who may use the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER])
def test_carer_facing_hub_staff_open_every_staff_page(
    role, make_staff, hub, sign_in, service, provider
):
    client = sign_in(make_staff(role, hub), hub)
    for url in every_staff_url(service, provider):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "role, organisation_type",
    [
        (Role.PARTNER_REFERRER, OrganisationType.HOSPITAL_TRUST),
        (Role.COMMISSIONER, OrganisationType.COUNCIL_ADULT_SOCIAL_CARE),
        (Role.SYSTEM_ADMIN, OrganisationType.HUB_PROVIDER),
    ],
)
def test_staff_who_do_not_work_with_carers_are_refused(
    role, organisation_type, make_staff, partnership, sign_in, service, provider
):
    organisation = OrganisationFactory(partnership=partnership, type=organisation_type)
    client = sign_in(make_staff(role, organisation), organisation)
    for url in every_staff_url(service, provider):
        assert client.get(url).status_code == 403, url
    assert client.post(service_url("staff_check_service", service)).status_code == 403
    service.refresh_from_db()
    assert service.assured_date is None


def test_another_partnerships_hub_staff_cannot_find_this_partnerships_entries(
    make_staff, other_hub, sign_in, service, provider
):
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    for url in every_staff_url(service, provider)[5:]:
        assert client.get(url).status_code == 404, url
    assert client.post(service_url("staff_check_service", service)).status_code == 404
    listing = client.get(reverse("directory:staff_services"))
    assert service.name not in listing.content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in(client, service, provider):
    for url in every_staff_url(service, provider):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), url


def test_the_directory_is_in_the_navigation_of_hub_staff_only(
    staff, sign_in, make_staff, partnership
):
    assert 'href="/directory/services/"' in staff.get(reverse("home:staff_home")).content.decode()
    council = OrganisationFactory(
        partnership=partnership, type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE
    )
    commissioner = sign_in(make_staff(Role.COMMISSIONER, council), council)
    assert (
        'href="/directory/services/"'
        not in commissioner.get(reverse("home:staff_home")).content.decode()
    )


# --- The list and the "due for review" list ---------------------------------------------------


def test_the_list_shows_provider_status_and_when_each_was_last_checked(staff, provider):
    ServiceFactory(provider=provider, name="Sitting service", assured_date=dt.date(2026, 6, 3))
    ServiceFactory(provider=provider, name="Old group", status=ServiceStatus.DEFUNCT)
    page = staff.get(reverse("directory:staff_services")).content.decode()
    assert "Sitting service" in page and "Old group" in page  # staff see closed services too
    assert "Leeds Carers Trust" in page
    assert "3 June 2026" in page and "Never" in page
    assert "Closed for good" in page and "Running" in page


def test_the_list_is_searched_and_filtered_by_status_and_category(staff, provider):
    ServiceFactory(provider=provider, name="Sitting service", terms=[term_id(CATEGORIES, "breaks")])
    ServiceFactory(
        provider=provider, name="Benefits clinic", status=ServiceStatus.TEMPORARILY_CLOSED
    )
    url = reverse("directory:staff_services")
    assert "Benefits clinic" not in staff.get(url, {"q": "sitting"}).content.decode()
    by_status = staff.get(url, {"status": ServiceStatus.TEMPORARILY_CLOSED}).content.decode()
    assert "Benefits clinic" in by_status and "Sitting service" not in by_status
    by_category = staff.get(url, {"category": str(term_id(CATEGORIES, "breaks"))}).content.decode()
    assert "Sitting service" in by_category and "Benefits clinic" not in by_category
    assert "No services found" in staff.get(url, {"q": "nothing like this"}).content.decode()


def test_the_list_is_paginated_keeping_the_search(staff, provider):
    for n in range(27):
        ServiceFactory(provider=provider, name=f"Cafe {n:02d}")
    page = staff.get(reverse("directory:staff_services"), {"q": "cafe"}).content.decode()
    assert "27 services found" in page
    assert "?q=cafe&amp;page=2" in page
    assert (
        "Cafe 26"
        in staff.get(reverse("directory:staff_services"), {"q": "cafe", "page": 2}).content.decode()
    )


def test_due_for_review_lists_services_never_checked_or_checked_over_3_months_ago(staff, provider):
    today = dt.date.today()
    ServiceFactory(provider=provider, name="Never checked")
    ServiceFactory(
        provider=provider, name="Checked long ago", assured_date=today - dt.timedelta(days=120)
    )
    ServiceFactory(
        provider=provider, name="Checked last week", assured_date=today - dt.timedelta(days=7)
    )
    ServiceFactory(provider=provider, name="Closed for good", status=ServiceStatus.DEFUNCT)
    listing = staff.get(reverse("directory:staff_services")).content.decode()
    assert "Due for review (2)" in listing
    page = staff.get(reverse("directory:staff_due_for_review")).content.decode()
    assert "Never checked" in page and "Checked long ago" in page
    assert "Checked last week" not in page and "Closed for good</a>" not in page
    assert page.index("Never checked") < page.index("Checked long ago")


def test_the_list_costs_the_same_number_of_queries_however_many_services(
    staff, provider, partnership, django_assert_max_num_queries
):
    ServiceFactory(provider=provider)
    with CaptureQueriesContext(connection) as few:
        staff.get(reverse("directory:staff_services"))
    for _ in range(10):
        ServiceFactory(provider=ProviderFactory(partnership=partnership))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff.get(reverse("directory:staff_services")).status_code == 200


def test_the_service_page_costs_the_same_number_of_queries_however_much_it_holds(
    staff, service, django_assert_max_num_queries
):
    def add_one_of_everything():
        link = place_service(service)
        link.location.accessibility.create(description="Step-free entrance")
        Schedule.objects.create(service=service, byday="TU", description="Every Tuesday")
        Schedule.objects.create(service_at_location=link, byday="TH", description="Every Thursday")
        CostOption.objects.create(service=service, option="Per session", amount=5)
        Language.objects.create(service=service, name="Welsh", code="cy")
        ServiceContact.objects.create(service=service, name="Jo")
        ServiceArea.objects.create(service=service, name="Leeds")
        Funding.objects.create(service=service, source="The council")
        service.terms.add(term_id(CATEGORIES, "breaks"))

    add_one_of_everything()
    with CaptureQueriesContext(connection) as little:
        staff.get(service_url("staff_service", service))
    for _ in range(5):
        add_one_of_everything()
    with django_assert_max_num_queries(len(little.captured_queries)):
        assert staff.get(service_url("staff_service", service)).status_code == 200


# --- Adding and changing a service ----------------------------------------------------------------


def test_adding_a_service_saves_it_audited_and_shows_it(staff, provider, partnership):
    response = staff.post(
        reverse("directory:staff_add_service"),
        {
            "provider": str(provider.pk),
            "name": "Young carers club",
            "status": ServiceStatus.ACTIVE,
            "url": "www.example.org/club",
            "email": "club@example.org",
            "phone": "0113 496 0000",
            "minimum_age": "8",
            "maximum_age": "17",
        },
    )
    service = Service.objects.get(name="Young carers club")
    assert response.status_code == 302 and response["Location"] == service_url(
        "staff_service", service
    )
    assert service.partnership == partnership and service.provider == provider
    assert service.url == "https://www.example.org/club"
    assert (service.minimum_age, service.maximum_age) == (8, 17)
    assert audited(Operation.CREATE, service)
    page = staff.get(response["Location"]).content.decode()
    assert "Young carers club added to the directory" in page and "8 to 17" in page


def test_a_service_form_with_mistakes_says_what_is_wrong_and_keeps_what_was_typed(staff, provider):
    response = staff.post(
        reverse("directory:staff_add_service"),
        {
            "provider": str(provider.pk),
            "name": "Young carers club",
            "status": ServiceStatus.ACTIVE,
            "url": "not a web address",
            "email": "nobody-at-example",
            "minimum_age": "18",
            "maximum_age": "8",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a web address in the correct format" in page
    assert "Enter an email address in the correct format" in page
    assert "Oldest age must be the same as or more than the youngest age" in page
    assert 'value="Young carers club"' in page and 'value="nobody-at-example"' in page
    assert not Service.objects.filter(name="Young carers club").exists()


def test_a_provider_from_another_partnership_cannot_be_chosen(staff, other_hub):
    elsewhere = ProviderFactory(partnership=other_hub.partnership)
    response = staff.post(
        reverse("directory:staff_add_service"),
        {"provider": str(elsewhere.pk), "name": "Sneaky", "status": ServiceStatus.ACTIVE},
    )
    assert "Choose a provider from the list" in response.content.decode()
    assert not Service.objects.filter(name="Sneaky").exists()


def test_changing_a_service_saves_it_with_a_new_version_and_audits_the_fields(staff, service):
    form = {
        "provider": str(service.provider_id),
        "name": "Carers cafe",
        "status": ServiceStatus.TEMPORARILY_CLOSED,
        "description": "A monthly cafe",
        "alert": "Closed in August",
        "version": str(service.version),
    }
    response = staff.post(service_url("staff_edit_service", service), form)
    assert response.status_code == 302
    service.refresh_from_db()
    assert (
        service.status == ServiceStatus.TEMPORARILY_CLOSED and service.alert == "Closed in August"
    )
    assert service.version == 2
    row = AuditLog.objects.get(operation=Operation.UPDATE, object_id=str(service.pk))
    assert set(row.fields) == {"status", "alert"}
    assert "Service details saved" in staff.get(response["Location"]).content.decode()


def test_a_change_saved_by_someone_else_first_is_refused_showing_both_versions(
    staff, service, worker, hub, actor_of
):
    opened_at = service.version
    services.update_service(
        actor_of(worker, hub), service, expected_version=opened_at, name="Carers coffee morning"
    )
    response = staff.post(
        service_url("staff_edit_service", service),
        {
            "provider": str(service.provider_id),
            "name": "Carers cafe and chat",
            "status": ServiceStatus.ACTIVE,
            "description": "A monthly cafe",
            "version": str(opened_at),
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This service has changed since you opened it" in page
    assert "Carers coffee morning" in page and "Carers cafe and chat" in page
    assert f'name="version" value="{opened_at + 1}"' in page
    service.refresh_from_db()
    assert service.name == "Carers coffee morning"


def test_categories_and_who_for_are_saved_and_imported_terms_kept_read_only(staff, service):
    feed = Taxonomy.objects.create(name="Leeds feed", description="")
    imported = TaxonomyTerm.objects.create(taxonomy=feed, name="Day centres", description="")
    service.terms.add(imported)
    page = staff.get(service_url("staff_service", service)).content.decode()
    assert "Day centres (Leeds feed)" in page
    response = staff.post(
        service_url("staff_service_terms", service),
        {
            "categories": [str(term_id(CATEGORIES, "breaks"))],
            "who_for": [str(term_id(WHO_FOR, "young-carers"))],
        },
    )
    assert response.status_code == 302
    assert set(service.terms.values_list("pk", flat=True)) == {
        term_id(CATEGORIES, "breaks"),
        term_id(WHO_FOR, "young-carers"),
        imported.pk,
    }
    assert audited(Operation.UPDATE, service)
    service.refresh_from_db()
    assert "breaks" in service.search_text


def test_checking_an_entry_records_the_day_and_who_and_takes_it_off_the_review_list(
    staff, service, worker
):
    response = staff.post(service_url("staff_check_service", service))
    service.refresh_from_db()
    assert service.assured_date == dt.date.today() and service.assurer_email == worker.email
    assert audited(Operation.UPDATE, service)
    page = staff.get(response["Location"]).content.decode()
    assert "marked as checked today" in page and worker.email in page
    assert (
        "Carers cafe" not in staff.get(reverse("directory:staff_due_for_review")).content.decode()
    )


def test_checking_an_entry_only_takes_a_post(staff, service):
    assert staff.get(service_url("staff_check_service", service)).status_code == 405


# --- Places -------------------------------------------------------------------------------------


PLACE = {
    "location_type": LocationType.PHYSICAL,
    "name": "Headingley Community Centre",
    "address_1": "1 Test Street",
    "city": "Leeds",
    "postal_code": "ls6 1aa",
    "transport": "Bus 1 stops outside",
    "accessibility": "Step-free entrance",
}


def test_adding_a_place_finds_its_postcode_and_saves_accessibility_audited(staff, service):
    response = staff.post(service_url("staff_add_place", service), PLACE)
    location = Location.objects.get(name="Headingley Community Centre")
    assert response.status_code == 302
    assert (
        location.postal_code == "LS6 1AA"
        and location.easting is not None
        and location.latitude is not None
    )
    assert location.accessibility.get().description == "Step-free entrance"
    assert audited(Operation.CREATE, location)
    assert audited(Operation.CREATE, location.accessibility.get())
    assert "Place added" in staff.get(response["Location"]).content.decode()


def test_a_place_whose_postcode_is_not_found_is_saved_with_a_warning(staff, service):
    response = staff.post(
        service_url("staff_add_place", service), {**PLACE, "postal_code": "ZZ99 9ZZ"}, follow=True
    )
    location = Location.objects.get(name="Headingley Community Centre")
    assert location.postal_code == "ZZ99 9ZZ" and location.easting is None
    page = response.content.decode()
    assert "we could not find the postcode ZZ99 9ZZ" in page
    assert "will not show in searches by distance" in page


def test_a_place_needs_an_address_and_a_real_postcode_or_an_online_link(staff, service):
    page = staff.post(
        service_url("staff_add_place", service),
        {"location_type": LocationType.PHYSICAL, "postal_code": "not a postcode"},
    ).content.decode()
    assert "Enter the first line of the address" in page and "Enter a real postcode" in page
    page = staff.post(
        service_url("staff_add_place", service), {"location_type": LocationType.VIRTUAL}
    ).content.decode()
    assert "Enter the link to join online" in page
    assert not Location.objects.exists()


def test_an_online_place_keeps_only_its_link(staff, service):
    staff.post(
        service_url("staff_add_place", service),
        {**PLACE, "location_type": LocationType.VIRTUAL, "url": "https://meet.example.org/cafe"},
    )
    location = Location.objects.get()
    assert (
        location.location_type == LocationType.VIRTUAL
        and location.url == "https://meet.example.org/cafe"
    )
    assert location.postal_code == "" and location.address_1 == ""


def test_changing_a_place_moves_it_and_updates_its_accessibility_audited(staff, service):
    location = place_service(service, postal_code="LS6 1AA").location
    east = location.easting
    response = staff.post(
        service_url("staff_edit_place", service, location_id=location.pk),
        {
            **PLACE,
            "postal_code": "LS2 9JT",
            "accessibility": "Lift to the first floor",
            "version": str(location.version),
        },
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.postal_code == "LS2 9JT" and location.easting != east
    assert location.version == 2
    assert location.accessibility.get().description == "Lift to the first floor"
    assert audited(Operation.UPDATE, location)


def test_a_place_that_moves_online_loses_its_address_and_position(staff, service):
    location = place_service(service, postal_code="LS6 1AA").location
    staff.post(
        service_url("staff_edit_place", service, location_id=location.pk),
        {
            "location_type": LocationType.VIRTUAL,
            "url": "https://meet.example.org/cafe",
            "version": "1",
        },
    )
    location.refresh_from_db()
    assert location.location_type == LocationType.VIRTUAL and location.postal_code == ""
    assert location.easting is None and location.latitude is None


def test_a_place_change_saved_by_someone_else_first_is_refused_showing_both_versions(
    staff, service, provider, worker, hub, actor_of
):
    location = place_service(
        service, postal_code="LS6 1AA", name="Headingley Community Centre"
    ).location
    other = ServiceFactory(provider=provider, name="Sitting service")
    other.service_at_locations.create(location=location)
    opened_at = location.version
    # Someone else changes the place through the other service that runs there.
    services.update_location(
        actor_of(worker, hub),
        location,
        expected_version=opened_at,
        name="Headingley Community Hall",
        accessibility="Ramp at the side door",
    )
    url = service_url("staff_edit_place", service, location_id=location.pk)
    typed = {
        **PLACE,
        "name": "Headingley Centre",
        "accessibility": "Lift to the first floor",
        "version": str(opened_at),
    }
    response = staff.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This place has changed since you opened it" in page
    table = page.split("What is different")[1].split("</table>")[0]
    assert "Headingley Community Hall" in table and "Headingley Centre" in table
    assert "Ramp at the side door" in table and "Lift to the first floor" in table
    assert 'value="Headingley Centre"' in page
    assert f'name="version" value="{opened_at + 1}"' in page
    location.refresh_from_db()
    assert (location.name, location.version) == ("Headingley Community Hall", opened_at + 1)
    assert location.accessibility.get().description == "Ramp at the side door"

    response = staff.post(url, {**typed, "version": str(opened_at + 1)})
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.name, location.version) == ("Headingley Centre", opened_at + 2)
    assert location.accessibility.get().description == "Lift to the first floor"


def test_a_change_to_a_places_accessibility_alone_is_also_refused_from_a_stale_page(
    staff, service, worker, hub, actor_of
):
    location = place_service(
        service, postal_code="LS6 1AA", name="Headingley Community Centre"
    ).location
    services.update_location(
        actor_of(worker, hub), location, expected_version=1, accessibility="Ramp at the side"
    )
    response = staff.post(
        service_url("staff_edit_place", service, location_id=location.pk),
        {
            "location_type": LocationType.PHYSICAL,
            "name": "Headingley Community Centre",
            "address_1": "1 Test Street",
            "postal_code": "LS6 1AA",
            "accessibility": "Step-free entrance",
            "version": "1",
        },
    )
    assert response.status_code == 409
    assert location.accessibility.get().description == "Ramp at the side"


def test_a_place_of_another_service_is_not_found_through_this_one(staff, service, provider):
    other = place_service(ServiceFactory(provider=provider)).location
    assert (
        staff.get(service_url("staff_edit_place", service, location_id=other.pk)).status_code == 404
    )
    assert (
        staff.get(service_url("staff_remove_place", service, location_id=other.pk)).status_code
        == 404
    )


def test_removing_a_place_keeps_it_for_the_other_services_that_run_there(staff, service, provider):
    link = place_service(service)
    other = ServiceFactory(provider=provider)
    other_link = other.service_at_locations.create(location=link.location)
    staff.post(service_url("staff_remove_place", service, location_id=link.location.pk))
    assert not service.service_at_locations.exists()
    assert Location.objects.filter(pk=link.location.pk).exists()
    assert audited(Operation.DELETE, link)
    staff.post(service_url("staff_remove_place", other, location_id=link.location.pk))
    assert not Location.objects.filter(pk=link.location.pk).exists()
    assert audited(Operation.DELETE, other_link) and audited(Operation.DELETE, link.location)


# --- Times, costs, languages, contacts, areas and funding ---------------------------------------


def test_a_weekly_schedule_becomes_day_codes_with_its_times_in_words(staff, service):
    staff.post(
        service_url("staff_add_item", service, kind="schedules"),
        {
            "days": ["TU", "TH"],
            "freq": "WEEKLY",
            "opens_at": "10am",
            "closes_at": "12:00",
            "attending_type": "in_person",
        },
    )
    schedule = service.schedules.get()
    assert schedule.byday == "TU,TH" and schedule.freq == "WEEKLY"
    assert (schedule.opens_at, schedule.closes_at) == (dt.time(10), dt.time(12))
    assert schedule.description == "Every Tuesday and Thursday, 10am to midday"
    assert audited(Operation.CREATE, schedule)


def test_a_monthly_schedule_by_week_of_the_month_or_by_date(staff, service):
    url = service_url("staff_add_item", service, kind="schedules")
    staff.post(
        url,
        {
            "days": ["TU"],
            "freq": "MONTHLY",
            "week_of_month": "1",
            "opens_at": "2pm",
            "closes_at": "4pm",
            "attending_type": "in_person",
        },
    )
    staff.post(
        url,
        {
            "freq": "MONTHLY",
            "month_day": "15",
            "attending_type": "online",
            "description": "Mid-month online catch-up",
        },
    )
    first_tuesday, mid_month = service.schedules.order_by("bymonthday")
    assert (
        first_tuesday.byday == "1TU"
        and first_tuesday.description == "First Tuesday of the month, 2pm to 4pm"
    )
    assert mid_month.bymonthday == "15" and mid_month.byday == ""
    assert mid_month.description == "Mid-month online catch-up"


def test_times_at_one_place_only_belong_to_that_place_and_can_be_removed(staff, service):
    link = place_service(service, name="Headingley Community Centre")
    url = service_url("staff_add_item", service, kind="schedules")
    assert "Only at Headingley Community Centre" in staff.get(url).content.decode()
    staff.post(
        url,
        {"days": ["WE"], "freq": "WEEKLY", "attending_type": "in_person", "where": str(link.pk)},
    )
    schedule = Schedule.objects.get()
    assert schedule.service_at_location == link and schedule.service is None
    assert audited(Operation.CREATE, schedule)
    page = staff.get(service_url("staff_service", service)).content.decode()
    assert page.index("Every Wednesday") < page.index("No times yet for wherever it runs")
    staff.post(service_url("staff_remove_item", service, kind="schedules", item_id=schedule.pk))
    assert not Schedule.objects.exists() and audited(Operation.DELETE, schedule)


def test_a_schedule_must_close_after_it_opens_and_say_which_days(staff, service):
    page = staff.post(
        service_url("staff_add_item", service, kind="schedules"),
        {"freq": "WEEKLY", "opens_at": "2pm", "closes_at": "1pm", "attending_type": "phone"},
    ).content.decode()
    assert (
        "Select the days it happens" in page
        and "The closing time must be after the opening time" in page
    )
    assert 'value="2pm"' in page
    page = staff.post(
        service_url("staff_add_item", service, kind="schedules"),
        {"freq": "MONTHLY", "days": ["MO"], "opens_at": "half past", "attending_type": "phone"},
    ).content.decode()
    assert (
        "Choose which week of the month" in page
        and "Enter the time it opens in the correct format" in page
    )
    assert not Schedule.objects.exists()


@pytest.mark.parametrize(
    "kind, form, model, expected",
    [
        (
            "costs",
            {"option": "Per session", "amount": "5.50"},
            CostOption,
            {"option": "Per session"},
        ),
        ("languages", {"name": "Welsh", "code": "cy"}, Language, {"name": "Welsh", "code": "cy"}),
        (
            "contacts",
            {"name": "Jo Bloggs", "email": "jo@example.org"},
            ServiceContact,
            {"name": "Jo Bloggs"},
        ),
        ("areas", {"name": "Leeds", "uri": "E08000035"}, ServiceArea, {"name": "Leeds"}),
        ("funding", {"source": "Leeds City Council"}, Funding, {"source": "Leeds City Council"}),
    ],
)
def test_adding_and_removing_the_lists_a_service_has_is_audited(
    staff, service, kind, form, model, expected
):
    response = staff.post(service_url("staff_add_item", service, kind=kind), form)
    assert response.status_code == 302
    item = model.objects.get(service=service, **expected)
    assert audited(Operation.CREATE, item)
    assert "added" in staff.get(response["Location"]).content.decode()
    remove = service_url("staff_remove_item", service, kind=kind, item_id=item.pk)
    assert "Remove" in staff.get(remove).content.decode()
    staff.post(remove)
    assert not model.objects.filter(pk=item.pk).exists()
    assert audited(Operation.DELETE, item)


@pytest.mark.parametrize(
    "kind, form, message",
    [
        ("costs", {"amount": "five"}, "Enter the amount in pounds"),
        (
            "languages",
            {"name": "Welsh", "code": "Welsh!"},
            "Enter the language code in lower case letters",
        ),
        ("contacts", {"email": "jo"}, "name or their job title"),
        ("areas", {}, "Enter the area the service covers"),
        ("funding", {}, "Enter who funds the service"),
    ],
)
def test_the_lists_a_service_has_say_what_is_wrong(staff, service, kind, form, message):
    response = staff.post(service_url("staff_add_item", service, kind=kind), form)
    assert response.status_code == 200 and message in response.content.decode()


def test_an_unknown_list_and_another_services_items_are_not_found(staff, service, provider):
    assert staff.get(service_url("staff_add_item", service, kind="secrets")).status_code == 404
    theirs = Language.objects.create(service=ServiceFactory(provider=provider), name="Urdu")
    assert (
        staff.get(
            service_url("staff_remove_item", service, kind="languages", item_id=theirs.pk)
        ).status_code
        == 404
    )


# --- Providers ----------------------------------------------------------------------------------


def test_adding_a_provider_then_a_service_it_runs(staff, partnership):
    response = staff.post(
        reverse("directory:staff_add_provider") + "?then=service",
        {
            "name": "Headingley Carers Group",
            "description": "A group of carers",
            "website": "https://hcg.example.org",
            "charity_number": "1234567",
        },
    )
    provider = Provider.objects.get(name="Headingley Carers Group")
    assert provider.partnership == partnership and audited(Operation.CREATE, provider)
    assert (
        response["Location"] == reverse("directory:staff_add_service") + f"?provider={provider.pk}"
    )
    page = staff.get(response["Location"]).content.decode()
    assert f'<option value="{provider.pk}" selected>' in page


def test_changing_a_provider_is_audited_and_lists_its_services(staff, provider, service):
    url = reverse("directory:staff_edit_provider", kwargs={"provider_id": provider.pk})
    assert "Carers cafe" in staff.get(url).content.decode()
    staff.post(
        url,
        {
            "name": "Leeds Carers",
            "description": "A charity",
            "email": "not an email",
            "version": "1",
        },
    )
    provider.refresh_from_db()
    assert provider.name == "Leeds Carers Trust"
    staff.post(
        url,
        {
            "name": "Leeds Carers",
            "description": "A charity",
            "company_number": "01234567",
            "version": "1",
        },
    )
    provider.refresh_from_db()
    assert provider.name == "Leeds Carers" and provider.company_number == "01234567"
    assert provider.version == 2
    assert audited(Operation.UPDATE, provider)
    service.refresh_from_db()
    assert "leeds carers" in service.search_text


def test_a_provider_change_saved_by_someone_else_first_is_refused_showing_both_versions(
    staff, provider, service, worker, hub, actor_of
):
    opened_at = provider.version
    services.update_provider(
        actor_of(worker, hub),
        provider,
        expected_version=opened_at,
        name="Leeds Carers",
        charity_number="1122334",
    )
    url = reverse("directory:staff_edit_provider", kwargs={"provider_id": provider.pk})
    typed = {"name": "Carers Leeds", "description": provider.description, "version": str(opened_at)}
    response = staff.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This provider has changed since you opened it" in page
    table = page.split("What is different")[1].split("</table>")[0]
    assert "Leeds Carers" in table and "Carers Leeds" in table and "1122334" in table
    assert 'value="Carers Leeds"' in page
    assert f'name="version" value="{opened_at + 1}"' in page
    provider.refresh_from_db()
    assert (provider.name, provider.charity_number, provider.version) == (
        "Leeds Carers",
        "1122334",
        opened_at + 1,
    )
    assert (
        AuditLog.objects.filter(operation=Operation.UPDATE, object_id=str(provider.pk)).count() == 1
    )

    response = staff.post(url, {**typed, "version": str(opened_at + 1)})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.charity_number, provider.version) == (
        "Carers Leeds",
        "",
        opened_at + 2,
    )
    service.refresh_from_db()
    assert "carers leeds" in service.search_text


def test_the_providers_list_counts_their_services(staff, provider, service):
    page = staff.get(reverse("directory:staff_providers")).content.decode()
    assert "Leeds Carers Trust" in page and "1 provider" in page


def test_a_form_sent_back_with_mistakes_keeps_the_version_it_was_opened_at(
    staff, service, worker, hub, actor_of
):
    opened_at = service.version
    services.update_service(
        actor_of(worker, hub), service, expected_version=opened_at, name="Carers coffee morning"
    )
    response = staff.post(
        service_url("staff_edit_service", service),
        {
            "provider": str(service.provider_id),
            "name": "",
            "status": ServiceStatus.ACTIVE,
            "version": str(opened_at),
        },
    )
    assert f'name="version" value="{opened_at}"' in response.content.decode()


def test_a_service_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    staff, service, worker, hub, actor_of
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        staff,
        service_url("staff_edit_service", service),
        colleague_saves=lambda: services.update_service(
            actor_of(worker, hub),
            service,
            expected_version=service.version,
            name="Carers coffee morning",
        ),
        typed={"description": "A cafe on the first Friday"},
        mistake={"email": "nobody-at-example"},
        error="Enter an email address in the correct format",
    )
    page = response.content.decode()
    assert response.status_code == 409 and "This service has changed since you opened it" in page
    assert "Carers coffee morning" in page and "A cafe on the first Friday" in page
    service.refresh_from_db()
    assert (service.name, service.description) == ("Carers coffee morning", "A monthly cafe")


def test_a_provider_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    staff, provider, worker, hub, actor_of
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        staff,
        reverse("directory:staff_edit_provider", kwargs={"provider_id": provider.pk}),
        colleague_saves=lambda: services.update_provider(
            actor_of(worker, hub),
            provider,
            expected_version=provider.version,
            charity_number="1122334",
        ),
        typed={"name": "Carers Leeds"},
        mistake={"description": ""},
        error="Enter what the organisation does",
    )
    page = response.content.decode()
    assert response.status_code == 409 and "This provider has changed since you opened it" in page
    assert 'value="Carers Leeds"' in page and "1122334" in page
    provider.refresh_from_db()
    assert (provider.name, provider.charity_number) == ("Leeds Carers Trust", "1122334")


def test_a_place_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    staff, service, worker, hub, actor_of
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    location = place_service(
        service, postal_code="LS6 1AA", name="Headingley Community Centre"
    ).location
    response = save_after_a_colleague_and_a_mistake(
        staff,
        service_url("staff_edit_place", service, location_id=location.pk),
        colleague_saves=lambda: services.update_location(
            actor_of(worker, hub),
            location,
            expected_version=location.version,
            name="Headingley Community Hall",
        ),
        typed={"name": "Headingley Centre"},
        mistake={"postal_code": ""},
        error="Enter the postcode",
    )
    page = response.content.decode()
    assert response.status_code == 409 and "This place has changed since you opened it" in page
    assert 'value="Headingley Centre"' in page and "Headingley Community Hall" in page
    location.refresh_from_db()
    assert location.name == "Headingley Community Hall"


def test_a_services_phone_number_is_checked_kept_in_e164_and_shown_nationally(staff, service):
    form = {
        "provider": str(service.provider_id),
        "name": "Carers cafe",
        "status": ServiceStatus.ACTIVE,
        "description": "A monthly cafe",
        "version": str(service.version),
    }
    refused = staff.post(
        service_url("staff_edit_service", service), {**form, "phone": "0113 496"}
    ).content.decode()
    assert "Enter a UK phone number, like 01632 960 001 or 07700 900 982" in refused
    assert 'value="0113 496"' in refused
    assert (
        staff.post(
            service_url("staff_edit_service", service), {**form, "phone": "0113 496 0000"}
        ).status_code
        == 302
    )
    service.refresh_from_db()
    assert service.phone == "+441134960000"
    assert "0113 496 0000" in staff.get(service_url("staff_service", service)).content.decode()
