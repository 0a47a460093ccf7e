"""Restricted records and safeguarding concerns in a browser: a hub manager restricts a carer's
contact details naming one worker; the named worker sees them and another worker sees who to ask;
the manager lifts the restriction. A worker records a concern, the managers are emailed its
reference, and a manager finds it at the top of the list and records a referral. Every page and
error state passes axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.carers.models import Carer, ContactRestriction
from carershub.carers.tests.factories import CarerFactory
from carershub.notifications.models import Notification
from carershub.safeguarding.models import Concern, Status

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"
WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
STREET = "12 Hidden Lane"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
        phone="07700 900123",
        address_line_1=STREET,
        postcode="ZZ9 9ZZ",
    )


@pytest.fixture
def named(make_staff, hub):
    return make_staff(Role.SUPPORT_WORKER, hub, full_name="Nia Named")


def test_restricting_a_record_hides_the_details_from_all_but_the_named_worker(
    new_page,
    live_server,
    manager,
    worker,
    named,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    page = new_page()
    sign_in_as(page, live_server, manager)
    record = hub_url("carers:detail", reference=carer.reference)
    page.goto(record)
    page.get_by_role("link", name="Restrict their contact details").click()
    expect_page(
        page,
        hub_url("carers:restrict", reference=carer.reference),
        "Restrict Ada Foxglove’s contact details",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)

    page.get_by_role("radio", name="Another reason").check()
    page.get_by_label("Nia Named").check()
    page.get_by_role("button", name="Restrict contact details").click()
    expect_error_summary(page, "Enter the reason for restricting the contact details")
    expect(page.get_by_label("Nia Named")).to_be_checked()
    check_accessibility(page)

    page.get_by_label("Domestic abuse").check()
    page.get_by_role("button", name="Restrict contact details").click()
    expect_page(page, record, "Ada Foxglove", signed_in_as=MANAGER_AT_HUB)
    expect(page.locator(".govuk-tag", has_text="Contact details restricted")).to_be_visible()
    expect(page.get_by_text(STREET)).to_be_visible()  # managers see them
    check_accessibility(page)
    assert Carer.unscoped.get(pk=carer.pk).contact_restricted

    other = new_page()
    sign_in_as(other, live_server, worker)
    other.goto(record)
    expect_page(other, record, "Ada Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(
        other.get_by_text("Contact details are restricted. Ask Nia Named or a hub manager.")
    ).to_be_visible()
    expect(other.get_by_text(STREET)).to_have_count(0)
    check_accessibility(other)
    other.goto(hub_url("carers:list") + "?q=ZZ9+9ZZ")
    expect(other.get_by_text("No carers found")).to_be_visible()
    check_accessibility(other)

    seeing = new_page()
    sign_in_as(seeing, live_server, named)
    seeing.goto(record)
    expect(seeing.get_by_text(STREET)).to_be_visible()
    check_accessibility(seeing)

    page.get_by_role("link", name="Lift the restriction").click()
    expect_page(
        page,
        hub_url("carers:lift_restriction", reference=carer.reference),
        "Lift the restriction on Ada Foxglove’s contact details?",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Lift the restriction").click()
    expect_page(page, record, "Ada Foxglove", signed_in_as=MANAGER_AT_HUB)
    expect(page.locator(".govuk-tag", has_text="Contact details restricted")).to_have_count(0)
    assert ContactRestriction.objects.get().lifted_at is not None


def test_recording_a_concern_escalates_it_to_the_managers_who_record_a_referral(
    new_page,
    live_server,
    manager,
    worker,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    page = new_page()
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", reference=carer.reference))
    page.get_by_role("link", name="Record a safeguarding concern").click()
    expect_page(
        page,
        hub_url("safeguarding:raise", carer_reference=carer.reference),
        "Record a safeguarding concern",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)

    page.get_by_role("button", name="Record the concern").click()
    expect_error_summary(
        page,
        "Enter what happened",
        "Select what kind of abuse or neglect it is",
        "Select who is at risk",
        "Select yes if anyone is at immediate risk of harm",
    )
    check_accessibility(page)

    page.get_by_label("What happened?").fill("Her son took her bank card and shouted at her")
    page.get_by_label("Financial or material abuse").check()
    page.get_by_label("The carer").check()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Record the concern").click()
    concern = Concern.unscoped.get()
    concern_url = hub_url("safeguarding:detail", reference=concern.reference)
    expect_page(
        page, concern_url, f"Safeguarding concern {concern.reference}", signed_in_as=WORKER_AT_HUB
    )
    check_accessibility(page)
    email = Notification.unscoped.get(template="safeguarding_concern_raised")
    assert email.recipient == manager.email and "Foxglove" not in email.body

    manage = new_page()
    sign_in_as(manage, live_server, manager)
    manage.goto(hub_url("home:staff_home"))
    expect(manage.get_by_text("1 with someone at immediate risk, not yet closed.")).to_be_visible()
    check_accessibility(manage)
    manage.get_by_role("link", name="Safeguarding concerns").click()
    expect_page(
        manage, hub_url("safeguarding:list"), "Safeguarding concerns", signed_in_as=MANAGER_AT_HUB
    )
    check_accessibility(manage)
    manage.get_by_role("link", name=concern.reference).click()
    manage.get_by_role("button", name="Record a decision").click()
    expect_page(
        manage,
        hub_url("safeguarding:decide", reference=concern.reference),
        "Record a decision",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(manage)

    manage.get_by_label("Referred to the council's adult safeguarding team").check()
    manage.get_by_role("button", name="Save the decision").click()
    expect_error_summary(
        manage, "Enter the council's reference for the referral", "Enter the date of the referral"
    )
    check_accessibility(manage)

    today = dt.date.today()
    manage.get_by_label("Council's reference (if referred)").fill("ASC-4471")
    manage.get_by_label("Day").fill(str(today.day))
    manage.get_by_label("Month").fill(str(today.month))
    manage.get_by_label("Year").fill(str(today.year))
    manage.get_by_role("button", name="Save the decision").click()
    expect_page(
        manage,
        concern_url,
        f"Safeguarding concern {concern.reference}",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(manage.get_by_text("Council's reference ASC-4471", exact=False)).to_be_visible()
    check_accessibility(manage)
    assert Concern.unscoped.get().status == Status.REFERRED
