"""The groups pages through the test client: who may do what, forms and their errors, feeds,
availability and the demand report."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import restrictions
from carershub.carers.models import RestrictionReason
from carershub.carers.tests.factories import CarerFactory
from carershub.groups import services
from carershub.groups.models import Availability, Booking, Group, Session, SessionStatus
from carershub.groups.tests.factories import GroupFactory, SessionFactory, days_ahead

# --- The public pages --------------------------------------------------------------------------


def test_the_calendar_lists_upcoming_sessions_and_filters_them(client, hub):
    cafe = GroupFactory(organisation=hub, name="Carers cafe", audience="adult")
    club = GroupFactory(organisation=hub, name="Young carers club", audience="young")
    SessionFactory(group=cafe)
    SessionFactory(
        group=club,
        mode="online",
        venue="",
        address="",
        postcode="",
        joining_link="https://m.example/x",
    )
    SessionFactory(group=cafe, starts_at=days_ahead(-7))  # over
    page = client.get(reverse("groups:calendar")).content.decode()
    assert "2 sessions coming up" in page
    young = client.get(reverse("groups:calendar"), {"audience": "young"}).content.decode()
    assert "1 session coming up" in young and "Carers cafe<span" not in young
    online = client.get(reverse("groups:calendar"), {"mode": "online"}).content.decode()
    assert "1 session coming up" in online
    by_group = client.get(reverse("groups:calendar"), {"group": cafe.pk}).content.decode()
    assert "1 session coming up" in by_group


def test_the_calendar_pages_through_many_sessions_in_a_fixed_number_of_queries(
    client, hub, django_assert_max_num_queries
):
    group = GroupFactory(organisation=hub)
    for n in range(45):
        SessionFactory(group=group, starts_at=days_ahead(1 + n))
    with django_assert_max_num_queries(8):
        first = client.get(reverse("groups:calendar"))
    assert "45 sessions coming up" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("groups:calendar"), {"page": 3}).status_code == 200


def test_a_session_page_says_when_where_cost_access_and_spaces(client, hub):
    group = GroupFactory(
        organisation=hub,
        name="Carers cafe",
        cost="£2 for tea and cake",
        accessibility="Step-free access",
    )
    session = SessionFactory(group=group, capacity=3, places_taken=1)
    page = client.get(reverse("groups:session", kwargs={"session_id": session.pk})).content.decode()
    for text in (
        "Carers cafe",
        "£2 for tea and cake",
        "Step-free access",
        "2 spaces left",
        "AV1 2BC",
    ):
        assert text in page


def test_a_full_session_page_offers_the_waiting_list(client, hub):
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=2, places_taken=2)
    page = client.get(reverse("groups:session", kwargs={"session_id": session.pk})).content.decode()
    assert "waiting list" in page


def test_a_cancelled_session_page_says_so_and_hides_the_joining_link(client, hub):
    session = SessionFactory(
        group=GroupFactory(organisation=hub),
        mode="online",
        joining_link="https://m.example/x",
        status=SessionStatus.CANCELLED,
        cancelled_reason="The host is ill",
    )
    page = client.get(reverse("groups:session", kwargs={"session_id": session.pk})).content.decode()
    assert "This session is cancelled" in page and "The host is ill" in page
    assert "https://m.example/x" not in page


def test_a_group_feed_is_an_icalendar_of_its_sessions(client, hub):
    group = GroupFactory(organisation=hub, name="Carers cafe")
    session = SessionFactory(
        group=group, starts_at=days_ahead(3, hour=10), ends_at=days_ahead(3, hour=12)
    )
    SessionFactory(group=GroupFactory(organisation=hub, name="Another group"))
    response = client.get(reverse("groups:group_feed", kwargs={"group_id": group.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Carers cafe"
    assert event.decoded("DTSTART") == timezone.localtime(session.starts_at)
    assert "AV1 2BC" in str(event["LOCATION"])


def test_a_line_feed_in_a_groups_name_or_venue_is_escaped_in_its_calendar_feed(client, hub):
    group = GroupFactory(organisation=hub, name="Carers cafe\nEND:VCALENDAR\r\nX-EVIL:1")
    SessionFactory(
        group=group,
        venue="Ashvale\r\nLibrary",
        starts_at=days_ahead(3, hour=10),
        ends_at=days_ahead(3, hour=12),
    )
    SessionFactory(
        group=group,
        mode="online",
        joining_link="https://meet.example.com/a\nb",
        starts_at=days_ahead(4, hour=10),
        ends_at=days_ahead(4, hour=12),
    )
    response = client.get(reverse("groups:group_feed", kwargs={"group_id": group.pk}))
    assert response.status_code == 200
    assert "X-EVIL" not in [line.split(":")[0] for line in response.content.decode().splitlines()]
    cal = icalendar.Calendar.from_ical(response.content)
    # Still one property each, the line breaks escaped (a calendar app shows them as breaks).
    assert str(cal["X-WR-CALNAME"]) == "Carers cafe\\nEND:VCALENDAR\\nX-EVIL:1"
    first, online = cal.walk("VEVENT")
    assert str(first["SUMMARY"]) == "Carers cafe\nEND:VCALENDAR\nX-EVIL:1"
    assert str(first["LOCATION"]).startswith("Ashvale\nLibrary")
    assert "URL" not in online  # a link with a line break cannot be escaped, so it is left out


def test_a_carers_private_feed_lists_only_their_places_and_nothing_about_them(
    client, hub, worker, actor_of
):
    actor = actor_of(worker, hub)
    ada = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    booked = SessionFactory(group=GroupFactory(organisation=hub, name="Carers cafe"), capacity=1)
    full = SessionFactory(group=GroupFactory(organisation=hub, name="Walking group"), capacity=1)
    services.book(actor, booked, ada)
    services.book(actor, full, CarerFactory(holding_organisation=hub))
    services.book(actor, full, ada)  # waiting: not in the calendar
    token = services.issue_feed(actor, ada)
    response = client.get(reverse("groups:carer_feed", kwargs={"token": token}))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Carers cafe" in body and "Walking group" not in body
    for personal in ("Ada", "Foxglove", ada.reference):
        assert personal not in body


def test_a_stopped_or_made_up_calendar_link_is_not_found(client, hub, worker, actor_of):
    actor = actor_of(worker, hub)
    ada = CarerFactory(holding_organisation=hub)
    token = services.issue_feed(actor, ada)
    services.revoke_feed(actor, ada)
    assert client.get(reverse("groups:carer_feed", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("groups:carer_feed", kwargs={"token": "guess"})).status_code == 404


def test_the_public_availability_form_stores_no_personal_data(client, partnership):
    response = client.post(
        reverse("groups:availability"),
        {
            "tue": ["morning", "evening"],
            "sat": ["afternoon"],
            "outward_code": "av1",
            "audience": "parent",
        },
    )
    assert response.status_code == 302
    answer = Availability.unscoped.get()
    assert (answer.slots, answer.outward_code, answer.audience, answer.carer) == (
        ["sat-afternoon", "tue-evening", "tue-morning"],
        "AV1",
        "parent",
        None,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"outward_code": "AV1", "audience": "adult"},
            "Select at least one day and time you could come",
        ),
        ({"mon": ["morning"], "audience": "adult"}, "Enter the first half of your postcode"),
        (
            {"mon": ["morning"], "outward_code": "AV1 2BC", "audience": "adult"},
            "Enter only the first half",
        ),
        ({"mon": ["morning"], "outward_code": "12", "audience": "adult"}, "like AV1 or AV12"),
        ({"mon": ["morning"], "outward_code": "AV1"}, "Select who you care for"),
    ],
)
def test_the_availability_form_explains_each_mistake_and_keeps_what_was_typed(
    client, partnership, data, message
):
    response = client.post(reverse("groups:availability"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert Availability.unscoped.count() == 0
    if data.get("outward_code"):
        assert f'value="{data["outward_code"]}"' in page


# --- Staff pages -------------------------------------------------------------------------------


@pytest.fixture
def staff(make_staff, hub, sign_in):
    """staff(role) -> a client signed in at the hub with that role."""

    def do(role=Role.SUPPORT_WORKER):
        return sign_in(make_staff(role, hub), hub)

    return do


def test_a_worker_adds_a_group_and_weekly_sessions(staff, hub):
    client = staff()
    response = client.post(
        reverse("groups:new_group"),
        {
            "name": "Carers cafe",
            "description": "Tea and a chat",
            "audience": "adult",
            "cost": "",
            "accessibility": "",
        },
    )
    group = Group.objects.get()
    assert group.organisation == hub
    assert response["Location"] == reverse("groups:new_sessions", kwargs={"group_id": group.pk})
    first = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        reverse("groups:new_sessions", kwargs={"group_id": group.pk}),
        {
            "day-day": first.day,
            "day-month": first.month,
            "day-year": first.year,
            "starts": "10:30am",
            "ends": "12pm",
            "weeks": "8",
            "mode": "in_person",
            "venue": "Library",
            "address": "1 High Street",
            "postcode": "av1 2bc",
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    sessions = Session.objects.filter(group=group)
    assert sessions.count() == 8
    assert {timezone.localtime(s.starts_at).time() for s in sessions} == {dt.time(10, 30)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the date of the first session"),
        ({"starts": "25:00"}, "Start time must be a real time"),
        ({"starts": "2pm", "ends": "1pm"}, "The end time must be after the start time"),
        ({"mode": "in_person", "venue": "", "address": ""}, "Enter the venue or the address"),
        ({"mode": "online", "joining_link": ""}, "Enter the joining link of an online session"),
        ({"capacity": "0"}, "Number of places must be 1 or more"),
        ({"weeks": "60"}, "Number of weeks must be 52 or fewer"),
    ],
)
def test_the_sessions_form_explains_each_mistake(staff, hub, data, message):
    group = GroupFactory(organisation=hub)
    day = timezone.localdate() + dt.timedelta(days=7)
    base = {
        "day-day": day.day,
        "day-month": day.month,
        "day-year": day.year,
        "starts": "10am",
        "ends": "11am",
        "weeks": "1",
        "mode": "in_person",
        "venue": "Library",
        "postcode": "AV1 2BC",
        "capacity": "5",
    }
    if data == {}:
        base.update({"day-day": "", "day-month": "", "day-year": ""})
    response = staff().post(
        reverse("groups:new_sessions", kwargs={"group_id": group.pk}), {**base, **data}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_an_assessor_may_book_carers_but_not_plan_groups(staff, hub):
    client = staff(Role.ASSESSOR)
    group = GroupFactory(organisation=hub)
    session = SessionFactory(group=group)
    assert client.get(reverse("groups:new_group")).status_code == 403
    assert (
        client.get(reverse("groups:edit_session", kwargs={"session_id": session.pk})).status_code
        == 403
    )
    assert client.get(reverse("groups:book", kwargs={"session_id": session.pk})).status_code == 200


def test_staff_cannot_reach_another_organisations_groups(make_staff, other_hub, hub, sign_in):
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    session = SessionFactory(group=GroupFactory(organisation=hub))
    assert (
        client.get(
            reverse("groups:session_bookings", kwargs={"session_id": session.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("groups:group", kwargs={"group_id": session.group_id})).status_code
        == 404
    )


def test_booking_by_reference_then_the_waiting_list(staff, hub):
    client = staff()
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=1)
    first, second = CarerFactory(holding_organisation=hub), CarerFactory(holding_organisation=hub)
    url = reverse("groups:book", kwargs={"session_id": session.pk})
    client.post(url, {"reference": first.reference.lower()})
    response = client.post(url, {"reference": second.reference}, follow=True)
    assert "is on the waiting list" in response.content.decode()
    assert dict(Booking.unscoped.values_list("carer_id", "status")) == {
        first.pk: "booked",
        second.pk: "waiting",
    }
    assert AuditLog.objects.filter(
        operation=Operation.READ, object_type="carers.carer", object_id=str(second.pk)
    ).exists()


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "Enter the carer"),
        ("C-NOPE-NOPE", "There is no carer with that reference on your register"),
    ],
)
def test_the_booking_form_explains_each_mistake(staff, hub, reference, message):
    session = SessionFactory(group=GroupFactory(organisation=hub))
    response = staff().post(
        reverse("groups:book", kwargs={"session_id": session.pk}), {"reference": reference}
    )
    assert message in response.content.decode()
    assert not Booking.unscoped.exists()


def test_a_carer_held_elsewhere_cannot_be_booked(staff, hub, other_hub):
    session = SessionFactory(group=GroupFactory(organisation=hub))
    stranger = CarerFactory(holding_organisation=other_hub)
    response = staff().post(
        reverse("groups:book", kwargs={"session_id": session.pk}), {"reference": stranger.reference}
    )
    assert "There is no carer with that reference" in response.content.decode()


def test_booking_twice_is_explained(staff, hub):
    client = staff()
    session = SessionFactory(group=GroupFactory(organisation=hub))
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    url = reverse("groups:book", kwargs={"session_id": session.pk})
    client.post(url, {"reference": carer.reference})
    response = client.post(url, {"reference": carer.reference})
    assert "Ada Foxglove is already booked" in response.content.decode()


def test_cancelling_a_booking_gives_the_place_to_the_first_waiting(staff, hub, worker, actor_of):
    actor = actor_of(worker, hub)
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=1)
    booked = services.book(actor, session, CarerFactory(holding_organisation=hub))
    waiting = services.book(
        actor,
        session,
        CarerFactory(holding_organisation=hub, given_name="Bea", family_name="Larch"),
    )
    response = staff().post(
        reverse("groups:cancel_booking", kwargs={"booking_id": booked.pk}), follow=True
    )
    assert "Bea Larch has the place from the waiting list" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "booked"


def test_the_session_page_lists_booked_and_waiting_and_audits_the_list(
    staff, hub, worker, actor_of, django_assert_max_num_queries
):
    actor = actor_of(worker, hub)
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=3)
    for _ in range(6):
        services.book(actor, session, CarerFactory(holding_organisation=hub))
    client = staff()
    url = reverse("groups:session_bookings", kwargs={"session_id": session.pk})
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert "Booked (3)" in page and "Waiting list (3)" in page
    assert (
        AuditLog.objects.filter(operation=Operation.SEARCH, object_type="groups.booking").count()
        == 6
    )


def test_cancelling_a_session_needs_a_reason(staff, hub):
    session = SessionFactory(group=GroupFactory(organisation=hub))
    url = reverse("groups:cancel_session", kwargs={"session_id": session.pk})
    client = staff()
    assert "Enter why the session is cancelled" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "The room is flooded"})
    session.refresh_from_db()
    assert (session.status, session.cancelled_reason) == ("cancelled", "The room is flooded")


def test_the_register_records_who_came(staff, hub, worker, actor_of):
    actor = actor_of(worker, hub)
    session = SessionFactory(group=GroupFactory(organisation=hub), starts_at=days_ahead(1))
    came = services.book(actor, session, CarerFactory(holding_organisation=hub))
    missed = services.book(actor, session, CarerFactory(holding_organisation=hub))
    staff().post(
        reverse("groups:register", kwargs={"session_id": session.pk}),
        {f"booking_{came.pk}": "attended", f"booking_{missed.pk}": "did_not_attend"},
    )
    assert dict(Booking.unscoped.values_list("pk", "attendance")) == {
        came.pk: "attended",
        missed.pk: "did_not_attend",
    }


def test_staff_make_and_stop_a_carers_calendar_link_shown_once(staff, hub):
    client = staff()
    carer = CarerFactory(holding_organisation=hub)
    page_url = reverse("groups:carer_bookings", kwargs={"carer_reference": carer.reference})
    client.post(reverse("groups:issue_feed", kwargs={"carer_reference": carer.reference}))
    first = client.get(page_url).content.decode()
    assert "/groups/my-sessions/" in first
    assert "/groups/my-sessions/" not in client.get(page_url).content.decode()
    client.post(reverse("groups:revoke_feed", kwargs={"carer_reference": carer.reference}))
    assert "The carer has no calendar link" in client.get(page_url).content.decode()


def test_staff_record_when_a_carer_could_come_on_their_record(staff, hub):
    carer = CarerFactory(holding_organisation=hub, postcode="AV3 1ZZ")
    url = reverse("groups:carer_availability", kwargs={"carer_reference": carer.reference})
    client = staff()
    assert 'value="AV3"' in client.get(url).content.decode()
    client.post(url, {"wed": ["evening"], "outward_code": "AV3", "audience": "adult"})
    client.post(url, {"thu": ["morning"], "outward_code": "AV3", "audience": "adult"})
    answer = Availability.unscoped.get(carer=carer)
    assert answer.slots == ["thu-morning"]


def test_a_worker_not_named_on_a_restricted_record_cannot_see_or_overwrite_its_postcode_district(
    staff, hub, manager, actor_of
):
    carer = CarerFactory(holding_organisation=hub, postcode="AV3 1ZZ")
    services.record_availability(
        actor_of(manager, hub),
        hub.partnership,
        slots=["wed-evening"],
        outward_code="AV3",
        audience="adult",
        carer=carer,
    )
    restrictions.restrict(actor_of(manager, hub), carer, reason=RestrictionReason.DOMESTIC_ABUSE)
    url = reverse("groups:carer_availability", kwargs={"carer_reference": carer.reference})
    client = staff()
    form = client.get(url).content.decode()
    assert "AV3" not in form and 'name="outward_code"' not in form
    assert "Contact details are restricted" in form
    assert (
        "AV3"
        not in client.get(
            reverse("groups:carer_bookings", kwargs={"carer_reference": carer.reference})
        ).content.decode()
    )
    client.post(url, {"thu": ["morning"], "audience": "young"})
    answer = Availability.unscoped.get(carer=carer)
    assert (answer.slots, answer.outward_code, answer.audience) == (["thu-morning"], "AV3", "young")
    read = AuditLog.objects.filter(
        operation=Operation.READ, object_type="carers.carer", object_id=str(carer.pk)
    ).latest("pk")
    assert "postcode" not in read.fields


def test_the_demand_report_sets_carers_who_could_come_against_sessions(
    staff, hub, partnership, worker, actor_of
):
    for _ in range(3):
        services.record_availability(
            None, partnership, slots=["tue-morning"], outward_code="AV1", audience="adult"
        )
    services.record_availability(
        None, partnership, slots=["sat-evening"], outward_code="AV2", audience="young"
    )
    tuesday = timezone.localdate() + dt.timedelta(
        days=(1 - timezone.localdate().weekday()) % 7 or 7
    )
    at_ten = timezone.make_aware(dt.datetime.combine(tuesday, dt.time(10)))
    SessionFactory(group=GroupFactory(organisation=hub), starts_at=at_ten, postcode="AV1 2BC")
    page = staff(Role.HUB_MANAGER).get(reverse("groups:demand")).content.decode()
    rows = [
        row.split("</th>")[1]
        for row in page.split('<th scope="row" class="govuk-table__header">')[1:]
    ]
    assert page.index("Tuesday morning") < page.index("Saturday evening")
    assert [">".join(cell.split(">")[1:2]).split("<")[0] for cell in rows[0].split("<td")[1:]] == [
        "AV1",
        "3",
        "1",
        "0",
    ]


def test_only_hub_managers_see_the_demand_report(staff):
    assert staff(Role.SUPPORT_WORKER).get(reverse("groups:demand")).status_code == 403


def test_a_group_feed_carries_the_london_time_zone(client, hub):
    group = GroupFactory(organisation=hub)
    SessionFactory(group=group)
    body = client.get(reverse("groups:group_feed", kwargs={"group_id": group.pk})).content.decode()
    assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/London" in body


def test_a_worker_changes_a_group(staff, hub):
    group = GroupFactory(organisation=hub, name="Cafe")
    url = reverse("groups:edit_group", kwargs={"group_id": group.pk})
    client = staff()
    assert 'value="Cafe"' in client.get(url).content.decode()
    assert (
        "Enter the name of the group"
        in client.post(
            url, {"name": "", "description": "x", "audience": "adult", "version": "1"}
        ).content.decode()
    )
    client.post(
        url, {"name": "Carers cafe", "description": "Tea", "audience": "parent", "version": "1"}
    )
    group.refresh_from_db()
    assert (group.name, group.audience, group.version) == ("Carers cafe", "parent", 2)


def test_a_worker_moves_a_session_online(staff, hub):
    session = SessionFactory(group=GroupFactory(organisation=hub))
    url = reverse("groups:edit_session", kwargs={"session_id": session.pk})
    client = staff()
    assert 'value="AV1 2BC"' in client.get(url).content.decode()
    local = timezone.localtime(session.starts_at)
    client.post(
        url,
        {
            "day-day": local.day,
            "day-month": local.month,
            "day-year": local.year,
            "starts": "6pm",
            "ends": "7pm",
            "mode": "online",
            "joining_link": "https://meet.example/a",
            "capacity": "10",
            "version": "1",
        },
    )
    session.refresh_from_db()
    assert (session.mode, session.postcode, session.joining_link) == (
        "online",
        "",
        "https://meet.example/a",
    )
    assert session.version == 2
    assert timezone.localtime(session.starts_at).hour == 18


def test_places_cut_below_those_booked_are_explained_on_the_form(staff, hub, worker, actor_of):
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=3)
    for _ in range(2):
        services.book(actor_of(worker, hub), session, CarerFactory(holding_organisation=hub))
    local = timezone.localtime(session.starts_at)
    response = staff().post(
        reverse("groups:edit_session", kwargs={"session_id": session.pk}),
        {
            "day-day": local.day,
            "day-month": local.month,
            "day-year": local.year,
            "starts": "10:30",
            "ends": "12:30",
            "mode": "in_person",
            "venue": "Library",
            "postcode": "AV1 2BC",
            "capacity": "1",
            "version": "1",
        },
    )
    assert "The number of places must be at least 2" in response.content.decode()


def test_a_calendar_link_to_a_group_that_has_gone_shows_every_session_without_an_error(client, hub):
    SessionFactory(group=GroupFactory(organisation=hub))
    page = client.get(
        reverse("groups:calendar"), {"group": "9999", "mode": "in_person"}
    ).content.decode()
    assert "1 session coming up" in page
    assert "govuk-error-message" not in page


# --- Two people changing one group or session --------------------------------------------------


def test_a_group_change_saved_by_someone_else_first_is_refused_showing_both_versions(
    staff, hub, worker, actor_of
):
    group = GroupFactory(organisation=hub, name="Carers cafe", description="Tea")
    opened_at = group.version
    services.update_group(
        actor_of(worker, hub), group, expected_version=opened_at, name="Carers coffee morning"
    )
    url = reverse("groups:edit_group", kwargs={"group_id": group.pk})
    client = staff()
    typed = {
        "name": "Carers cafe and chat",
        "description": "Tea",
        "audience": "adult",
        "version": str(opened_at),
    }
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This group has changed since you opened it" in page
    assert "Carers coffee morning" in page and 'value="Carers cafe and chat"' in page
    assert f'name="version" value="{opened_at + 1}"' in page
    group.refresh_from_db()
    assert (group.name, group.version) == ("Carers coffee morning", opened_at + 1)
    assert AuditLog.objects.filter(operation=Operation.UPDATE, object_id=str(group.pk)).count() == 1

    response = client.post(url, {**typed, "version": str(opened_at + 1)})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.version) == ("Carers cafe and chat", opened_at + 2)


def session_form(session, **changes):
    local = timezone.localtime(session.starts_at)
    return {
        "day-day": local.day,
        "day-month": local.month,
        "day-year": local.year,
        "starts": f"{local:%H:%M}",
        "ends": f"{timezone.localtime(session.ends_at):%H:%M}",
        "mode": session.mode,
        "venue": session.venue,
        "address": session.address,
        "postcode": session.postcode,
        "joining_link": session.joining_link,
        "capacity": str(session.capacity),
        "version": str(session.version),
        **changes,
    }


def test_a_session_change_saved_by_someone_else_first_is_refused_showing_both_versions(
    staff, hub, worker, actor_of
):
    session = SessionFactory(
        group=GroupFactory(organisation=hub), venue="Ashvale Library", capacity=10
    )
    typed = session_form(session, venue="Ashvale Community Centre", capacity="12")
    opened_at = session.version
    local = timezone.localtime(session.starts_at)
    services.update_session(
        actor_of(worker, hub),
        session,
        day=local.date(),
        starts=local.time(),
        ends=timezone.localtime(session.ends_at).time(),
        capacity=10,
        mode="in_person",
        venue="Ashvale Town Hall",
        address=session.address,
        postcode=session.postcode,
        expected_version=opened_at,
    )
    url = reverse("groups:edit_session", kwargs={"session_id": session.pk})
    client = staff()
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This session has changed since you opened it" in page
    assert "Ashvale Town Hall" in page and 'value="Ashvale Community Centre"' in page
    table = page.split("What is different")[1].split("</table>")[0]
    assert "Venue (for in person)" in table and "Number of places" in table
    assert "Start time" not in table  # the same in both versions
    assert f'name="version" value="{opened_at + 1}"' in page
    session.refresh_from_db()
    assert (session.venue, session.capacity, session.version) == (
        "Ashvale Town Hall",
        10,
        opened_at + 1,
    )

    response = client.post(url, {**typed, "version": str(opened_at + 1)})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.venue, session.capacity, session.version) == (
        "Ashvale Community Centre",
        12,
        opened_at + 2,
    )


def test_a_session_form_sent_back_with_mistakes_keeps_the_version_it_was_opened_at(
    staff, hub, worker, actor_of
):
    session = SessionFactory(group=GroupFactory(organisation=hub))
    typed = session_form(session, venue="Ashvale Community Centre", postcode="")
    local = timezone.localtime(session.starts_at)
    services.update_session(
        actor_of(worker, hub),
        session,
        day=local.date(),
        starts=local.time(),
        ends=timezone.localtime(session.ends_at).time(),
        capacity=3,
        mode="in_person",
        venue=session.venue,
        address=session.address,
        postcode=session.postcode,
    )
    page = (
        staff()
        .post(reverse("groups:edit_session", kwargs={"session_id": session.pk}), typed)
        .content.decode()
    )
    assert "Enter the postcode of a session in person" in page
    assert f'name="version" value="{typed["version"]}"' in page


def test_a_group_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    staff, hub, worker, actor_of
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    group = GroupFactory(organisation=hub, name="Carers cafe", description="Tea")
    response = save_after_a_colleague_and_a_mistake(
        staff(),
        reverse("groups:edit_group", kwargs={"group_id": group.pk}),
        colleague_saves=lambda: services.update_group(
            actor_of(worker, hub),
            group,
            expected_version=group.version,
            name="Carers coffee morning",
        ),
        typed={"name": "Carers cafe and chat"},
        mistake={"description": ""},
        error="Enter what happens at the group",
    )
    page = response.content.decode()
    assert response.status_code == 409 and "This group has changed since you opened it" in page
    assert "Carers coffee morning" in page and 'value="Carers cafe and chat"' in page
    group.refresh_from_db()
    assert group.name == "Carers coffee morning"


def test_a_session_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    staff, hub, worker, actor_of
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    session = SessionFactory(
        group=GroupFactory(organisation=hub), venue="Ashvale Library", capacity=10
    )
    local = timezone.localtime(session.starts_at)

    def colleague_saves():
        services.update_session(
            actor_of(worker, hub),
            session,
            day=local.date(),
            starts=local.time(),
            ends=timezone.localtime(session.ends_at).time(),
            capacity=10,
            mode="in_person",
            venue="Ashvale Town Hall",
            address=session.address,
            postcode=session.postcode,
            expected_version=session.version,
        )

    response = save_after_a_colleague_and_a_mistake(
        staff(),
        reverse("groups:edit_session", kwargs={"session_id": session.pk}),
        colleague_saves=colleague_saves,
        typed={"venue": "Ashvale Community Centre", "capacity": "12"},
        mistake={"starts": ""},
        error="Enter the start time",
    )
    page = response.content.decode()
    assert response.status_code == 409 and "This session has changed since you opened it" in page
    assert "Ashvale Town Hall" in page and 'value="Ashvale Community Centre"' in page
    session.refresh_from_db()
    assert (session.venue, session.capacity) == ("Ashvale Town Hall", 10)
