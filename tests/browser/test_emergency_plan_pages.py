"""An emergency plan in a browser: start one for the person a carer looks after, add a contact,
record the carer's consent and make it active; two people saving at once; removing a contact and
ending the plan. Every page and error state passes axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.carers import services as carer_services
from carershub.carers.tests.factories import CarerFactory
from carershub.emergency_plans import services
from carershub.emergency_plans.models import EmergencyPlan, PlanStatus

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"


@pytest.fixture
def carer(hub, worker):
    carer = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
    )
    carer_services.add_cared_for_person(
        actor_for(worker, hub.pk),
        carer,
        given_name="Bea",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        date_of_birth=dt.date(1940, 2, 2),
    )
    return carer


@pytest.fixture
def active_plan(carer, worker, hub):
    actor = actor_for(worker, hub.pk)
    plan = services.start_plan(actor, carer, cared_for=carer.relationships.get().cared_for)
    services.add_contact(
        actor,
        plan,
        name="Jo Foxglove",
        relationship="Granddaughter",
        phone="07700 900982",
        can_hold_keys=True,
    )
    plan = services.record_consent(actor, plan, agrees=True)
    return services.make_active(actor, plan, expected_version=plan.version)


def test_starting_a_plan_adding_a_contact_recording_consent_and_making_it_active(
    page,
    live_server,
    worker,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("emergency_plans:new", carer_reference=carer.reference))
    expect_page(
        page,
        hub_url("emergency_plans:new", carer_reference=carer.reference),
        "Start an emergency plan",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)

    page.get_by_role("button", name="Start plan").click()
    expect_error_summary(page, "Select whose care the plan covers")
    check_accessibility(page)

    page.get_by_label("Bea Foxglove (parent)").check()
    page.get_by_role("button", name="Start plan").click()
    plan = EmergencyPlan.unscoped.get()
    plan_url = hub_url("emergency_plans:detail", reference=plan.reference)
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.locator(".govuk-tag", has_text="Draft")).to_be_visible()
    expect(page.get_by_role("button", name="Make active")).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Add an emergency contact").click()
    expect_page(
        page,
        hub_url("emergency_plans:add_contact", reference=plan.reference),
        "Add an emergency contact",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add contact").click()
    expect_error_summary(
        page,
        "Enter the contact's name",
        "Enter who the contact is to the carer, like daughter or neighbour",
        "Enter the contact's phone number",
        "Select yes if the contact can hold keys or let someone in",
    )
    check_accessibility(page)

    page.get_by_label("Name").fill("Jo Foxglove")
    page.get_by_label("Who are they to the carer?").fill("Granddaughter")
    page.get_by_label("Phone number", exact=True).fill("07700 9009")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Add contact").click()
    expect_error_summary(page, "Enter a UK phone number, like 01632 960 001 or 07700 900 982")
    expect(page.get_by_label("Name")).to_have_value("Jo Foxglove")
    check_accessibility(page)

    page.get_by_label("Phone number", exact=True).fill("07700 900982")
    page.get_by_role("button", name="Add contact").click()
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    card = page.locator(".govuk-summary-card", has_text="1. Jo Foxglove")
    expect(card).to_contain_text("07700 900982")
    expect(card.locator(".govuk-summary-list__row", has_text="Can hold keys")).to_contain_text(
        "Yes"
    )
    check_accessibility(page)

    page.get_by_role("link", name="Change medication").click()
    expect_page(
        page,
        hub_url("emergency_plans:edit_needs", reference=plan.reference),
        "What Bea Foxglove needs, and who steps in",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Medication").fill("Donepezil 10mg at 8pm, in the blue box by the kettle")
    page.get_by_label("Who steps in, and how to reach them").fill(
        "Her sister Di Hart, 01632 960001"
    )
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page, "The date you went through the plan with the carer must be a real date"
    )
    expect(page.get_by_label("Medication")).to_have_value(
        "Donepezil 10mg at 8pm, in the blue box by the kettle"
    )
    check_accessibility(page)
    page.get_by_label("Day").fill("")
    page.get_by_label("Month").fill("")
    page.get_by_label("Year").fill("")
    page.get_by_role("button", name="Save").click()
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Donepezil 10mg at 8pm, in the blue box by the kettle")).to_be_visible()

    page.get_by_role(
        "link", name="Record that the carer agrees the plan may be used in an emergency"
    ).click()
    question = "Does the carer agree that this plan may be used in an emergency?"
    expect_page(
        page,
        hub_url("emergency_plans:consent", reference=plan.reference),
        question,
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page, "Select yes if the carer agrees the plan may be used in an emergency"
    )
    check_accessibility(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Consent to use the plan recorded")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Make active").click()
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("The emergency plan is now active")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Active")).to_be_visible()
    check_accessibility(page)
    assert EmergencyPlan.unscoped.get().status == PlanStatus.ACTIVE


def test_two_people_changing_the_plan_the_second_sees_both_and_keeps_their_words(
    new_page,
    live_server,
    worker,
    manager,
    active_plan,
    hub_url,
    sign_in_as,
    check_accessibility,
):
    url = hub_url("emergency_plans:edit_needs", reference=active_plan.reference)
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)
    first.goto(url)
    second.goto(url)
    first.get_by_label("Mobility").fill("Walks with a frame indoors")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Emergency plan saved")).to_be_visible()

    second.get_by_label("Mobility").fill("Uses a wheelchair outdoors")
    second.get_by_role("button", name="Save").click()
    expect(
        second.get_by_role("heading", name="This plan has changed since you opened it")
    ).to_be_visible()
    expect(second.get_by_role("row", name="Mobility")).to_contain_text("Walks with a frame indoors")
    expect(second.get_by_label("Mobility")).to_have_value("Uses a wheelchair outdoors")
    check_accessibility(second)
    assert EmergencyPlan.unscoped.get(pk=active_plan.pk).mobility == "Walks with a frame indoors"

    second.get_by_role("button", name="Save").click()
    expect(second.get_by_text("Emergency plan saved")).to_be_visible()
    assert EmergencyPlan.unscoped.get(pk=active_plan.pk).mobility == "Uses a wheelchair outdoors"


def test_removing_the_last_contact_is_explained_and_ending_the_plan_asks_why(
    page,
    live_server,
    worker,
    active_plan,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    plan_url = hub_url("emergency_plans:detail", reference=active_plan.reference)
    sign_in_as(page, live_server, worker)
    page.goto(plan_url)
    page.get_by_role("link", name="Remove contact (1. Jo Foxglove)").click()
    expect(page.locator("h1")).to_have_text("Remove Jo Foxglove from the emergency contacts?")
    expect(page.get_by_text("An active plan needs at least one emergency contact.")).to_be_visible()
    check_accessibility(page)

    page.goto(plan_url)
    page.get_by_role("link", name="End this plan").click()
    expect_page(
        page,
        hub_url("emergency_plans:end", reference=active_plan.reference),
        "End this emergency plan",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="End plan").click()
    expect_error_summary(page, "Enter why the plan is ending")
    check_accessibility(page)
    page.get_by_label("Why is the plan ending?").fill("Bea has moved into a care home")
    page.get_by_role("button", name="End plan").click()
    expect_page(page, plan_url, "Emergency plan for Bea Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.locator(".govuk-tag", has_text="Ended")).to_be_visible()
    expect(page.get_by_role("link", name="Add an emergency contact")).to_have_count(0)
    check_accessibility(page)
