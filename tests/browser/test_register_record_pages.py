"""A carer's record in a browser: each section's change page, the caring network, consent,
contacts, follow-ups, the timeline and the "changed since you opened it" page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.carers import services
from carershub.carers.tests.factories import CarerFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", postcode="ZZ1 1AA"
    )


@pytest.mark.parametrize(
    "section, heading",
    [
        ("details", "Change personal details"),
        ("contact", "Change contact details"),
        ("caring", "Change caring details"),
        ("status", "Change the record's status"),
        ("equality", "Equality monitoring"),
    ],
)
def test_each_section_change_page_is_accessible(
    page,
    live_server,
    worker,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
    section,
    heading,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:edit", carer.reference, section))
    expect_page(
        page, hub_url("carers:edit", carer.reference, section), heading, signed_in_as=WORKER_AT_HUB
    )
    check_accessibility(page)


def test_contact_details_page_is_accessible_in_its_error_state(
    page,
    live_server,
    worker,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    page.get_by_role("link", name="Change email").click()
    page.get_by_label("Text message").check()
    page.get_by_label("Postcode (optional)").fill("nowhere")
    page.get_by_role("button", name="Save changes").click()
    expect_error_summary(
        page,
        "Enter their mobile or choose another way to contact them",
        "Enter a real postcode, like SW1A 1AA",
    )
    check_accessibility(page)


def test_the_record_page_with_its_network_consent_and_contacts_is_accessible(
    page,
    live_server,
    worker,
    hub,
    hospital,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    actor = actor_for(worker, hub.pk)
    services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        conditions=["dementia"],
    )
    services.record_consent(
        actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="in",
        happened_on=timezone.localdate(),
        purpose="Respite",
    )
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    expect_page(
        page, hub_url("carers:detail", carer.reference), "Ada Foxglove", signed_in_as=WORKER_AT_HUB
    )
    expect(page.get_by_text("Una Foxglove (parent)")).to_be_visible()
    check_accessibility(page)


def test_adding_someone_they_care_for_is_accessible_with_and_without_errors(
    page,
    live_server,
    worker,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    page.get_by_role("link", name="Add someone they care for").click()
    expect_page(
        page,
        hub_url("carers:add_cared_for", carer.reference),
        "Add someone they care for",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add to caring network").click()
    expect_error_summary(
        page, "Enter the first name of the person they care for", "Select who they are to the carer"
    )
    check_accessibility(page)
    page.get_by_label("First name").fill("Una")
    page.get_by_label("Last name").fill("Foxglove")
    page.get_by_label("Parent").check()
    page.get_by_role("group", name="Do they live together?").get_by_label("Yes").check()
    page.get_by_label("Dementia").check()
    page.get_by_label("Frailty").check()
    page.get_by_role("button", name="Add to caring network").click()
    expect(page.get_by_text("Dementia, Frailty")).to_be_visible()


def test_recording_and_withdrawing_consent_is_accessible(
    page,
    live_server,
    worker,
    carer,
    hospital,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:record_consent", carer.reference))
    expect_page(
        page,
        hub_url("carers:record_consent", carer.reference),
        "Record consent to share",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Record consent").click()
    expect_error_summary(page, "Select the organisation", "Select at least one purpose")
    check_accessibility(page)
    page.get_by_label("Which organisation may see the record?").select_option(
        label="Testshire Hospital"
    )
    page.get_by_label("Involving them in hospital admission and discharge").check()
    page.get_by_label("Adult (18 or over) with capacity").check()
    page.get_by_label("The carer", exact=True).check()
    today = timezone.localdate()
    given = page.get_by_role("group", name="Date consent was given")
    given.get_by_label("Day").fill(str(today.day))
    given.get_by_label("Month").fill(str(today.month))
    given.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Record consent").click()
    page.get_by_role("link", name="Withdraw consent for Testshire Hospital").click()
    expect_page(
        page,
        page.url,
        "Withdraw consent to share with Testshire Hospital",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.get_by_text("Withdrawn", exact=True)).to_be_visible()


def test_two_workers_saving_at_once_see_an_accessible_changed_since_you_opened_it_page(
    new_page, live_server, worker, manager, carer, hub_url, sign_in_as, check_accessibility
):
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)
    url = hub_url("carers:edit", carer.reference, "details")
    first.goto(url)
    second.goto(url)
    first.get_by_label("Preferred name (optional)").fill("Addie")
    first.get_by_role("button", name="Save changes").click()
    second.get_by_label("Preferred name (optional)").fill("Dee")
    second.get_by_role("button", name="Save changes").click()
    # The refusal is the error summary above the form, which keeps what this person typed.
    expect(second.locator(".govuk-error-summary__title")).to_have_text(
        "This record has changed since you opened it"
    )
    expect(second.get_by_role("cell", name="Addie")).to_be_visible()
    expect(second.get_by_role("cell", name="Dee")).to_be_visible()
    check_accessibility(second)


def test_logging_a_contact_and_a_helpline_call_is_accessible(
    page,
    live_server,
    worker,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:log_contact", carer.reference))
    expect_page(
        page,
        hub_url("carers:log_contact", carer.reference),
        "Log a contact",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Signposting to a named service").check()
    page.get_by_role("button", name="Save contact").click()
    expect_error_summary(
        page,
        "Select how the contact happened",
        "Enter what the contact was about",
        "Enter the service you signposted or referred them to",
    )
    check_accessibility(page)
    page.goto(hub_url("carers:helpline_call"))
    expect_page(
        page,
        hub_url("carers:helpline_call"),
        "Log an anonymous helpline call",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)


def test_follow_ups_and_the_timeline_are_accessible(
    page, live_server, worker, hub, carer, hub_url, sign_in_as, expect_page, check_accessibility
):
    actor = actor_for(worker, hub.pk)
    services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="out",
        happened_on=timezone.localdate(),
        purpose="Check on respite",
        follow_up_due=timezone.localdate() + dt.timedelta(days=1),
    )
    sign_in_as(page, live_server, worker)
    page.get_by_role("link", name="Follow-ups due").click()
    expect_page(
        page, hub_url("carers:follow_ups"), "Follow-ups due this week", signed_in_as=WORKER_AT_HUB
    )
    check_accessibility(page)
    page.get_by_role("button", name="Done following up Check on respite").click()
    expect(page.get_by_text("Nothing to follow up this week.")).to_be_visible()
    page.goto(hub_url("carers:timeline", carer.reference))
    expect_page(
        page,
        hub_url("carers:timeline", carer.reference),
        "Timeline for Ada Foxglove",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_text("Phone call: Check on respite")).to_be_visible()
    check_accessibility(page)


def test_a_manager_compares_merges_and_undoes_on_accessible_pages(
    page, live_server, manager, hub, hub_url, sign_in_as, expect_page, check_accessibility
):
    keep = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1961, 3, 27),
    )
    dup = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1961, 3, 27),
        email="ada@example.com",
    )
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("carers:detail", keep.reference))
    page.get_by_role("link", name=f"Compare and merge {dup.reference} into this record").click()
    expect_page(
        page,
        hub_url("carers:merge", keep.reference, dup.reference),
        "Merge these records?",
        signed_in_as="Morgan Manager, Hub manager at Testshire Carers Centre",
    )
    check_accessibility(page)
    page.get_by_role("button", name=f"Merge {dup.reference} into {keep.reference}").click()
    expect(page.get_by_text(f"{dup.reference} was merged into this record.")).to_be_visible()
    check_accessibility(page)
    page.goto(hub_url("carers:detail", dup.reference))
    expect(page.get_by_text("This record was merged into")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_text("Merge undone")).to_be_visible()


def test_registering_a_possible_duplicate_is_an_accessible_question(
    page, live_server, worker, hub, hub_url, sign_in_as, expect_page, check_accessibility
):
    CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1961, 3, 27),
    )
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:register"))
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Foxglove")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1961")
    page.get_by_role("button", name="Register carer").click()
    expect(page.locator("h1")).to_have_text("This carer may already be registered")
    check_accessibility(page)
    page.get_by_role("button", name="This is someone new: register them").click()
    expect(page.locator("h1")).to_have_text("Ada Foxglove")


def test_linking_a_second_carer_to_someone_already_cared_for_is_accessible(
    page, live_server, worker, hub, carer, hub_url, sign_in_as, check_accessibility
):
    services.add_cared_for_person(
        actor_for(worker, hub.pk),
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        date_of_birth=dt.date(1935, 5, 1),
    )
    sibling = CarerFactory(holding_organisation=hub, given_name="Cai", family_name="Foxglove")
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:add_cared_for", sibling.reference))
    page.get_by_label("First name").fill("Una")
    page.get_by_label("Last name").fill("Foxglove")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("1935")
    page.get_by_label("Parent").check()
    page.get_by_role("group", name="Do they live together?").get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Add to caring network").click()
    expect(page.locator("h1")).to_have_text("Is this someone already on the register?")
    check_accessibility(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Ada Foxglove", exact=True)).to_be_visible()


def test_changing_the_council_responsible_for_someone_cared_for_is_accessible(
    page,
    live_server,
    worker,
    hub,
    partnership,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    from carershub.partnerships.models import OrganisationType
    from carershub.partnerships.tests.factories import OrganisationFactory

    OrganisationFactory(
        partnership=partnership,
        name="Leicester City Council",
        type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE,
    )
    OrganisationFactory(
        partnership=partnership,
        name="Rutland County Council",
        type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE,
    )
    services.add_cared_for_person(
        actor_for(worker, hub.pk),
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        date_of_birth=dt.date(1935, 5, 1),
    )
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    page.get_by_role("link", name="Change responsible council for Una Foxglove").click()
    expect(page.locator("h1")).to_have_text("Which council is responsible for Una Foxglove?")
    check_accessibility(page)
    page.get_by_label("Which council is responsible?").select_option(label="Rutland County Council")
    page.get_by_role("button", name="Save").click()
    expect_page(
        page, hub_url("carers:detail", carer.reference), "Ada Foxglove", signed_in_as=WORKER_AT_HUB
    )
    expect(
        page.locator(".govuk-summary-list__row", has_text="Responsible council")
    ).to_contain_text("Rutland County Council")
