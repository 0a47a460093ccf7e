"""Groups and events in a browser: staff add a group and its weekly sessions, book carers until a
session is full and the next goes on the waiting list, cancel a booking and a session; the public
see the calendar and a session and say when they could come. Every page and error state passes
axe."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.carers.tests.factories import CarerFactory
from carershub.groups import services
from carershub.groups.models import Booking, Group, Session
from carershub.groups.presenters import SessionPresenter
from carershub.groups.tests.factories import GroupFactory, SessionFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"


@pytest.fixture
def carers(hub):
    return [
        CarerFactory(
            holding_organisation=hub,
            given_name="Ada",
            family_name="Foxglove",
            email="ada@example.com",
            preferred_contact_method="email",
        ),
        CarerFactory(
            holding_organisation=hub,
            given_name="Bea",
            family_name="Larch",
            email="bea@example.com",
            preferred_contact_method="email",
        ),
    ]


def test_staff_add_a_group_and_sessions_book_carers_fill_a_session_and_cancel(
    page,
    live_server,
    worker,
    hub,
    carers,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    ada, bea = carers
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("groups:manage"))
    expect_page(page, hub_url("groups:manage"), "Groups and events", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)

    page.get_by_role("button", name="Add a group").click()
    expect_page(page, hub_url("groups:new_group"), "Add a group", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)
    page.get_by_role("button", name="Add group").click()
    expect_error_summary(
        page,
        "Enter the name of the group",
        "Enter what happens at the group",
        "Select who the group is for",
    )
    check_accessibility(page)
    page.get_by_label("Name of the group").fill("Carers cafe")
    page.get_by_label("What happens at the group").fill("Tea, cake and a chat with other carers.")
    page.get_by_label("Adult carers").check()
    page.get_by_label("Cost (optional)").fill("£2 for tea and cake")
    page.get_by_role("button", name="Add group").click()

    group = Group.objects.get()
    expect_page(
        page,
        hub_url("groups:new_sessions", group_id=group.pk),
        "Add sessions",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add sessions").click()
    expect_error_summary(
        page,
        "Enter the date of the first session",
        "Enter the start time",
        "Select whether the session is in person or online",
        "Enter the number of places",
    )
    check_accessibility(page)
    first = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Day").fill(str(first.day))
    page.get_by_label("Month").fill(str(first.month))
    page.get_by_label("Year").fill(str(first.year))
    page.get_by_label("Start time").fill("10:30am")
    page.get_by_label("End time").fill("12pm")
    page.get_by_label("How many weeks does it run?").fill("4")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Venue (for in person)").fill("Ashvale Library")
    page.get_by_label("Postcode (for in person)").fill("AV1 2BC")
    page.get_by_label("Number of places").fill("1")
    page.get_by_role("button", name="Add sessions").click()

    expect_page(
        page, hub_url("groups:group", group_id=group.pk), "Carers cafe", signed_in_as=WORKER_AT_HUB
    )
    expect(page.get_by_text("4 sessions added")).to_be_visible()
    check_accessibility(page)

    session = Session.objects.order_by("starts_at").first()
    presenter = SessionPresenter(session)
    page.get_by_role("link", name=presenter.when).click()
    session_url = hub_url("groups:session_bookings", session_id=session.pk)
    expect_page(page, session_url, f"Carers cafe: {presenter.day}", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)

    page.get_by_role("button", name="Book a carer").click()
    expect_page(
        page,
        hub_url("groups:book", session_id=session.pk),
        "Book a carer",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Book").click()
    expect_error_summary(page, "Enter the carer's reference")
    check_accessibility(page)
    page.get_by_label("Carer reference").fill(ada.reference)
    page.get_by_role("button", name="Book").click()
    expect_page(page, session_url, f"Carers cafe: {presenter.day}", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Ada Foxglove is booked")).to_be_visible()

    # The session is full now: the next carer goes on the waiting list.
    page.get_by_role("button", name="Book a carer").click()
    page.get_by_label("Carer reference").fill(bea.reference)
    page.get_by_role("button", name="Book").click()
    expect(
        page.get_by_text("The session is full: Bea Larch is on the waiting list")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Waiting list (1)")).to_contain_text("Bea Larch")
    check_accessibility(page)

    page.get_by_role("link", name="Cancel Ada Foxglove's booking").click()
    booking = Booking.unscoped.get(carer=ada)
    expect_page(
        page,
        hub_url("groups:cancel_booking", booking_id=booking.pk),
        "Cancel Ada Foxglove's booking",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Cancel booking").click()
    expect(
        page.get_by_text("Bea Larch has the place from the waiting list and has been told")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Booked (1)")).to_contain_text("Bea Larch")
    check_accessibility(page)

    page.get_by_role("link", name="Take the register").click()
    expect_page(
        page,
        hub_url("groups:register", session_id=session.pk),
        "Attendance register",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Attended").check()
    page.get_by_role("button", name="Save register").click()
    expect(page.get_by_role("table", name="Booked (1)")).to_contain_text("Attended")

    page.get_by_role("link", name="Cancel the session").click()
    expect_page(
        page,
        hub_url("groups:cancel_session", session_id=session.pk),
        "Why is the session cancelled?",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Cancel session").click()
    expect_error_summary(page, "Enter why the session is cancelled")
    check_accessibility(page)
    page.get_by_label("Why is the session cancelled?").fill("The library is closed for repairs")
    page.get_by_role("button", name="Cancel session").click()
    expect(page.get_by_text("Everyone booked or waiting has been told")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Cancelled")).to_be_visible()
    check_accessibility(page)


def test_staff_see_a_carers_bookings_make_a_calendar_link_and_record_when_they_could_come(
    page,
    live_server,
    worker,
    hub,
    carers,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    ada = carers[0]
    services.book(
        actor_for(worker, hub.pk),
        SessionFactory(group=GroupFactory(organisation=hub, name="Walk")),
        ada,
    )
    sign_in_as(page, live_server, worker)
    url = hub_url("groups:carer_bookings", carer_reference=ada.reference)
    page.goto(url)
    expect_page(page, url, "Groups for Ada Foxglove", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)
    page.get_by_role("button", name="Make a calendar link").click()
    expect(page.get_by_test_id("calendar-link")).to_contain_text("/groups/my-sessions/")
    check_accessibility(page)
    feed = page.get_by_test_id("calendar-link").inner_text().strip()
    response = page.request.get(feed)
    assert response.headers["content-type"].startswith("text/calendar")
    assert "Walk" in response.text() and "Foxglove" not in response.text()

    page.get_by_role("link", name="Record when they could come").click()
    expect_page(
        page,
        hub_url("groups:carer_availability", carer_reference=ada.reference),
        "When could they come to a group?",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page, "Select at least one day and time you could come", "Select who you care for"
    )
    check_accessibility(page)
    page.get_by_role("group", name="Thursday").get_by_label("Evening").check()
    page.get_by_label("An adult").check()
    page.get_by_role("button", name="Save").click()
    expect_page(page, url, "Groups for Ada Foxglove", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("1 time a week, in ZZ1")).to_be_visible()


def test_a_hub_manager_sees_when_carers_could_come_against_sessions(
    page,
    live_server,
    hub,
    partnership,
    make_staff,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    manager = make_staff(Role.HUB_MANAGER, hub, full_name="Morgan Manager")
    services.record_availability(
        None,
        partnership,
        slots=["tue-morning", "thu-evening"],
        outward_code="AV1",
        audience="adult",
    )
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("groups:manage"))
    page.get_by_role("link", name="When carers could come").click()
    expect_page(
        page,
        hub_url("groups:demand"),
        "When carers could come to a group",
        signed_in_as="Morgan Manager, Hub manager at Testshire Carers Centre",
    )
    expect(page.get_by_role("row", name="Tuesday morning")).to_contain_text("AV1")
    check_accessibility(page)


def test_the_public_find_a_session_and_say_when_they_could_come(
    page,
    partnership,
    hub,
    hub_url,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    cafe = GroupFactory(
        organisation=hub, name="Carers cafe", cost="", accessibility="Step-free access"
    )
    full = SessionFactory(group=cafe, capacity=1, places_taken=1)
    SessionFactory(
        group=GroupFactory(
            organisation=hub, name="Parent carers coffee morning", audience="parent"
        ),
        mode="online",
        venue="",
        address="",
        postcode="",
        joining_link="https://meet.example/coffee",
    )
    page.goto(hub_url("groups:calendar"))
    expect_page(page, hub_url("groups:calendar"), "Carers groups and events")
    expect(page.get_by_role("table")).to_contain_text("2 sessions coming up")
    check_accessibility(page)

    page.get_by_label("In person or online").select_option("online")
    page.get_by_role("button", name="Show sessions").click()
    expect(page.get_by_role("table")).to_contain_text("1 session coming up")
    expect(page.get_by_role("table")).to_contain_text("Parent carers coffee morning")
    check_accessibility(page)
    page.get_by_role("link", name="Clear filters").click()

    presenter = SessionPresenter(full)
    page.get_by_role("link", name=f"Carers cafe on {presenter.day}").click()
    expect_page(
        page, hub_url("groups:session", session_id=full.pk), f"Carers cafe: {presenter.day}"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text("Free")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Step-free access")
    expect(page.locator(".govuk-summary-list")).to_contain_text("waiting list")
    check_accessibility(page)

    page.get_by_role("link", name="All groups and events").click()
    page.get_by_role("link", name="Tell us when you could come to a group").click()
    expect_page(page, hub_url("groups:availability"), "When could you come to a group?")
    check_accessibility(page)
    page.get_by_role("button", name="Send").click()
    expect_error_summary(
        page,
        "Select at least one day and time you could come",
        "Enter the first half of your postcode",
        "Select who you care for",
    )
    check_accessibility(page)
    page.get_by_role("group", name="Tuesday").get_by_label("Morning").check()
    page.get_by_role("group", name="Saturday").get_by_label("Afternoon").check()
    page.get_by_label("The first half of your postcode").fill("AV1 2BC")
    page.get_by_label("My disabled child").check()
    page.get_by_role("button", name="Send").click()
    expect_error_summary(page, "Enter only the first half of your postcode, like AV1 or AV12")
    expect(page.get_by_role("group", name="Tuesday").get_by_label("Morning")).to_be_checked()
    check_accessibility(page)
    page.get_by_label("The first half of your postcode").fill("AV1")
    page.get_by_role("button", name="Send").click()
    expect_page(page, hub_url("groups:availability_done"), "Thank you")
    check_accessibility(page)


def test_two_people_changing_one_session_at_once(
    new_page,
    live_server,
    worker,
    manager,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    expect_refused_save,
    check_accessibility,
):
    session = SessionFactory(
        group=GroupFactory(organisation=hub, name="Carers cafe"),
        venue="Ashvale Library",
        capacity=10,
    )
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)
    edit_url = hub_url("groups:edit_session", session_id=session.pk)
    session_url = hub_url("groups:session_bookings", session_id=session.pk)
    title = f"Carers cafe: {SessionPresenter(session).day}"

    first.goto(edit_url)
    second.goto(edit_url)
    expect_page(first, edit_url, "Change the session", signed_in_as=WORKER_AT_HUB)
    check_accessibility(first)
    first.get_by_label("Venue (for in person)").fill("Ashvale Town Hall")
    first.get_by_role("button", name="Save").click()
    expect_page(first, session_url, title, signed_in_as=WORKER_AT_HUB)
    expect(first.get_by_text("Session saved")).to_be_visible()

    second.get_by_label("Venue (for in person)").fill("Ashvale Community Centre")
    second.get_by_label("Number of places").fill("")
    second.get_by_role("button", name="Save").click()
    expect_error_summary(second, "Enter the number of places")
    check_accessibility(second)
    second.get_by_label("Number of places").fill("12")
    second.get_by_role("button", name="Save").click()
    expect_refused_save(second, "session", "Ashvale Town Hall", "Ashvale Community Centre")
    expect(second.get_by_label("Venue (for in person)")).to_have_value("Ashvale Community Centre")
    expect(second.get_by_label("Number of places")).to_have_value("12")
    check_accessibility(second)
    session.refresh_from_db()
    assert (session.venue, session.capacity) == ("Ashvale Town Hall", 10)

    second.get_by_role("button", name="Save").click()
    expect(second.locator("h1")).to_have_text(title)
    expect(second.get_by_text("Session saved")).to_be_visible()
    check_accessibility(second)
    session.refresh_from_db()
    assert (session.venue, session.capacity) == ("Ashvale Community Centre", 12)
