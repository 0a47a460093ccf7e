"""Finding a carer and working a caseload in a browser: search results (with and without
matches, and a search that cannot be run), my caseload, the team caseload, and the key worker
page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.carers.models import Carer, Contact
from carershub.carers.tests.factories import CarerFactory
from carershub.search.services import index_carers

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture
def carers(hub, worker):
    made = [
        CarerFactory(
            holding_organisation=hub,
            given_name="John",
            family_name="Smith",
            key_worker=worker,
            hours_band="50_or_more",
        ),
        CarerFactory(
            holding_organisation=hub,
            given_name="Zoë",
            family_name="O'Brien",
            key_worker=worker,
            date_of_birth=dt.date(2012, 6, 1),
        ),
        CarerFactory(holding_organisation=hub, given_name="محمد", family_name="علی"),
    ]
    index_carers([c.pk for c in made])
    Contact.unscoped.create(
        holding_organisation=hub,
        carer=made[0],
        kind="phone",
        purpose="Check in",
        recorded_by=worker,
        happened_at=timezone.now() - dt.timedelta(days=9),
        follow_up_due=timezone.localdate() - dt.timedelta(days=2),
    )
    return made


def search_for(page, text):
    page.get_by_label("Name or reference").fill(text)
    page.get_by_role("search", name="Carers").get_by_role("button", name="Search").click()


def test_search_results_with_a_misspelt_name_are_accessible(
    page, live_server, worker, carers, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))

    search_for(page, "Jonh Smiht")

    expect_page(
        page, hub_url("carers:list") + "?q=Jonh+Smiht", "Carers", signed_in_as=WORKER_AT_HUB
    )
    expect(page.get_by_role("table")).to_contain_text("1 carer matching “Jonh Smiht”")
    expect(page.get_by_role("link", name="John Smith")).to_be_visible()
    check_accessibility(page)


def test_search_results_in_urdu_and_without_accents_are_accessible(
    page, live_server, worker, carers, hub_url, sign_in_as, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))

    search_for(page, "محمد علی")
    expect(page.get_by_role("link", name="محمد علی")).to_be_visible()
    check_accessibility(page)

    search_for(page, "Zoe OBrien")
    expect(page.get_by_role("link", name="Zoë O'Brien")).to_be_visible()


def test_search_with_no_results_is_accessible(
    page, live_server, worker, carers, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))

    search_for(page, "ZZ9 9ZZ")

    expect_page(page, hub_url("carers:list") + "?q=ZZ9+9ZZ", "Carers", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("No carers found matching “ZZ9 9ZZ”")).to_be_visible()
    expect(page.get_by_text("Check the spelling, or search by reference")).to_be_visible()
    check_accessibility(page)


def test_a_search_that_cannot_be_run_is_accessible_in_its_error_state(
    page,
    live_server,
    worker,
    carers,
    hub_url,
    sign_in_as,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))

    search_for(page, "31/2/1961")

    expect_error_summary(page, "Enter a real date of birth, like 27/3/1961")
    check_accessibility(page)


def test_my_caseload_with_filters_is_accessible(
    page, live_server, worker, carers, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))

    page.get_by_role("link", name="My caseload").click()

    expect_page(page, hub_url("carers:my_caseload"), "My caseload", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_role("table")).to_contain_text("2 carers")
    expect(page.get_by_text("Follow-up overdue")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Young carer (under 18)").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_role("table")).to_contain_text("1 carer")
    expect(page.get_by_role("link", name="Zoë O'Brien")).to_be_visible()
    expect(page.get_by_label("Young carer (under 18)")).to_be_checked()
    check_accessibility(page)


def test_an_empty_caseload_is_accessible(
    page, live_server, worker, carers, hub_url, sign_in_as, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:my_caseload"))

    status = page.get_by_role("group", name="Status")
    status.get_by_label("Ex-carer").check()
    status.get_by_label("Active").uncheck()
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_text("No carers match these filters")).to_be_visible()
    check_accessibility(page)


def test_team_caseload_is_accessible(
    page,
    live_server,
    manager,
    worker,
    carers,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("carers:list"))

    page.get_by_role("link", name="Team caseload").click()

    expect_page(page, hub_url("carers:team_caseload"), "Team caseload", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("table", name="Caseloads")).to_contain_text("Sam Worker")
    check_accessibility(page)

    page.get_by_role("table", name="Caseloads").get_by_role("link", name="No key worker").click()

    expect(page.get_by_role("link", name="محمد علی")).to_be_visible()
    expect(page.get_by_role("link", name="John Smith")).to_have_count(0)
    check_accessibility(page)


def test_changing_the_key_worker_is_accessible_with_and_without_errors(
    page,
    live_server,
    manager,
    worker,
    carers,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    carer = carers[2]
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("carers:detail", carer.reference))

    page.get_by_role("link", name="Change key worker").click()

    question = "Who is محمد علی’s key worker?"
    expect_page(
        page, hub_url("carers:key_worker", carer.reference), question, signed_in_as=MANAGER_AT_HUB
    )
    check_accessibility(page)

    page.get_by_role("button", name="Save key worker").click()

    expect_error_summary(page, "Select a key worker, or select no key worker")
    check_accessibility(page)

    page.get_by_label("Sam Worker").check()
    page.get_by_role("button", name="Save key worker").click()

    expect_page(
        page, hub_url("carers:detail", carer.reference), "محمد علی", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Sam Worker is now محمد علی’s key worker"
    )
    assert Carer.unscoped.get(pk=carer.pk).key_worker == worker
    check_accessibility(page)
