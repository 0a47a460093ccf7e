"""Booking carers on sessions: places, the waiting list, cancelling, registers and reminders."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from carershub.audit.models import AuditLog, Operation
from carershub.core.concurrency import EditConflict
from carershub.groups import services
from carershub.groups.models import Attendance, Booking, BookingStatus, Session, SessionStatus
from carershub.groups.tests.factories import SessionFactory, days_ahead
from carershub.notifications.models import Notification


def messages_about(booking):
    return list(
        Notification.unscoped.filter(
            subject_type="groups.booking", subject_id=str(booking.pk)
        ).values_list("template", flat=True)
    )


def test_booking_takes_a_place_until_the_session_is_full_then_joins_the_waiting_list(
    hub_actor, session, make_carer
):
    first, second, third = (services.book(hub_actor, session, make_carer()) for _ in range(3))
    assert [first.status, second.status, third.status] == ["booked", "booked", "waiting"]
    session.refresh_from_db()
    assert session.places_taken == 2
    assert session.spaces_left == 0


def test_two_bookings_for_the_last_place_from_stale_pages_do_not_overbook(
    hub_actor, session, make_carer
):
    """Each booking reads the session before either writes (as two requests at once would): the
    place is taken by the database's conditional update, not by what the page last saw."""
    services.book(hub_actor, session, make_carer())
    seen_by_one = Session.objects.get(pk=session.pk)
    seen_by_other = Session.objects.get(pk=session.pk)
    assert seen_by_one.spaces_left == seen_by_other.spaces_left == 1
    one = services.book(hub_actor, seen_by_one, make_carer())
    other = services.book(hub_actor, seen_by_other, make_carer())
    assert sorted([one.status, other.status]) == ["booked", "waiting"]
    session.refresh_from_db()
    assert session.places_taken == session.capacity == 2
    assert Booking.unscoped.filter(session=session, status="booked").count() == 2


def test_the_database_refuses_more_places_than_the_capacity(session):
    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(places_taken=session.capacity + 1)


def test_a_carer_cannot_be_booked_twice_on_one_session(hub_actor, session, make_carer):
    carer = make_carer(given_name="Ada")
    services.book(hub_actor, session, carer)
    with pytest.raises(services.BookingRefused, match="already booked"):
        services.book(hub_actor, session, carer)
    session.refresh_from_db()
    assert session.places_taken == 1  # the refused booking took no place


def test_the_database_refuses_a_second_live_booking_for_one_carer(hub_actor, session, make_carer):
    carer = make_carer()
    booking = services.book(hub_actor, session, carer)
    with pytest.raises(IntegrityError):
        Booking.unscoped.create(
            session=session,
            carer=carer,
            holding_organisation=booking.holding_organisation,
            status=BookingStatus.WAITING,
        )


def test_a_carer_who_cancelled_can_book_again(hub_actor, session, make_carer):
    carer = make_carer()
    services.cancel_booking(hub_actor, services.book(hub_actor, session, carer))
    assert services.book(hub_actor, session, carer).status == "booked"


def test_cancelling_a_place_gives_it_to_the_first_person_waiting_who_is_told(
    hub_actor, session, make_carer, django_capture_on_commit_callbacks
):
    booked = [services.book(hub_actor, session, make_carer()) for _ in range(2)]
    first_waiting = services.book(hub_actor, session, make_carer(email="first@example.com"))
    second_waiting = services.book(hub_actor, session, make_carer(email="second@example.com"))
    promoted = services.cancel_booking(hub_actor, booked[0])
    assert promoted.pk == first_waiting.pk
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == "booked"
    assert second_waiting.status == "waiting"
    assert messages_about(first_waiting) == ["group_place_offered_email"]
    assert messages_about(second_waiting) == []
    session.refresh_from_db()
    assert session.places_taken == 2


def test_cancelling_a_place_with_nobody_waiting_frees_it(hub_actor, session, make_carer):
    booking = services.book(hub_actor, session, make_carer())
    assert services.cancel_booking(hub_actor, booking) is None
    session.refresh_from_db()
    assert session.places_taken == 0


def test_leaving_the_waiting_list_frees_no_place(hub_actor, session, make_carer):
    for _ in range(2):
        services.book(hub_actor, session, make_carer())
    waiting = services.book(hub_actor, session, make_carer())
    services.cancel_booking(hub_actor, waiting)
    session.refresh_from_db()
    assert session.places_taken == 2


def test_more_places_go_to_the_people_waiting_longest(hub_actor, session, make_carer):
    for _ in range(2):
        services.book(hub_actor, session, make_carer())
    first, second = (services.book(hub_actor, session, make_carer()) for _ in range(2))
    local = timezone.localtime(session.starts_at)
    services.update_session(
        hub_actor,
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
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("booked", "waiting")
    session.refresh_from_db()
    assert session.places_taken == 3


def test_bookings_do_not_make_a_session_page_stale_but_another_change_does(
    hub_actor, session, make_carer
):
    opened_at = session.version
    services.book(hub_actor, session, make_carer())
    local = timezone.localtime(session.starts_at)
    when = {
        "day": local.date(),
        "starts": local.time(),
        "ends": timezone.localtime(session.ends_at).time(),
        "mode": "in_person",
        "address": session.address,
        "postcode": session.postcode,
    }
    services.update_session(
        hub_actor, session, capacity=3, venue="Town Hall", expected_version=opened_at, **when
    )
    with pytest.raises(EditConflict) as refused:
        services.update_session(
            hub_actor, session, capacity=4, venue="Library", expected_version=opened_at, **when
        )
    assert (refused.value.current.venue, refused.value.current.capacity) == ("Town Hall", 3)
    session.refresh_from_db()
    assert (session.venue, session.capacity, session.places_taken) == ("Town Hall", 3, 1)


def test_places_cannot_be_cut_below_the_number_booked(hub_actor, session, make_carer):
    for _ in range(2):
        services.book(hub_actor, session, make_carer())
    local = timezone.localtime(session.starts_at)
    with pytest.raises(services.SessionChangeRefused, match="at least 2"):
        services.update_session(
            hub_actor,
            session,
            day=local.date(),
            starts=local.time(),
            ends=timezone.localtime(session.ends_at).time(),
            capacity=1,
            mode="in_person",
        )


def test_cancelling_a_session_tells_everyone_booked_or_waiting(hub_actor, session, make_carer):
    bookings = [services.book(hub_actor, session, make_carer()) for _ in range(3)]
    services.cancel_session(hub_actor, session, reason="The room is flooded")
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.cancelled_reason == "The room is flooded"
    for booking in bookings:
        assert messages_about(booking) == ["group_session_cancelled_email"]
    notification = Notification.unscoped.filter(template="group_session_cancelled_email").first()
    assert "The room is flooded" in notification.body


def test_a_session_cannot_be_cancelled_without_a_reason(hub_actor, session):
    with pytest.raises(services.SessionChangeRefused):
        services.cancel_session(hub_actor, session, reason="  ")


def test_a_cancelled_session_cannot_be_booked(hub_actor, session, make_carer):
    services.cancel_session(hub_actor, session, reason="Snow")
    session.refresh_from_db()
    with pytest.raises(services.BookingRefused, match="cancelled"):
        services.book(hub_actor, session, make_carer())


def test_messages_go_by_text_when_the_carer_prefers_text(hub_actor, session, make_carer):
    carer = make_carer(preferred_contact_method="text", mobile="07700 900123")
    booking = services.book(hub_actor, session, carer)
    services.cancel_session(hub_actor, session, reason="Snow")
    assert messages_about(booking) == ["group_session_cancelled_sms"]


def test_a_carer_we_cannot_reach_is_still_booked(hub_actor, session, make_carer):
    booking = services.book(hub_actor, session, make_carer(email="", mobile=""))
    services.cancel_session(hub_actor, session, reason="Snow")
    assert messages_about(booking) == []


def test_reminders_go_the_day_before_once_per_booking(hub_actor, group, make_carer):
    tomorrow = SessionFactory(group=group, starts_at=days_ahead(1, hour=18))
    next_week = SessionFactory(group=group, starts_at=days_ahead(7))
    due = services.book(hub_actor, tomorrow, make_carer())
    later = services.book(hub_actor, next_week, make_carer())
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert messages_about(due) == ["group_session_reminder_email"]
    assert messages_about(later) == []
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


def test_nobody_is_reminded_of_a_cancelled_session_or_a_waiting_list_place(
    hub_actor, group, make_carer
):
    full = SessionFactory(group=group, starts_at=days_ahead(1), capacity=1)
    services.book(hub_actor, full, make_carer())
    waiting = services.book(hub_actor, full, make_carer())
    cancelled = SessionFactory(group=group, starts_at=days_ahead(1, hour=14))
    booked_on_cancelled = services.book(hub_actor, cancelled, make_carer())
    services.cancel_session(hub_actor, cancelled, reason="Snow")
    assert services.send_reminders() == 1
    assert messages_about(waiting) == []
    assert "group_session_reminder_email" not in messages_about(booked_on_cancelled)


def test_the_register_records_attendance_on_each_booking_and_audits_it(
    hub_actor, session, make_carer
):
    came, missed = (services.book(hub_actor, session, make_carer()) for _ in range(2))
    services.record_attendance(
        hub_actor, session, {came.pk: Attendance.ATTENDED, missed.pk: Attendance.DID_NOT_ATTEND}
    )
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attendance, missed.attendance) == ("attended", "did_not_attend")
    audited = AuditLog.objects.filter(
        object_type="groups.booking", operation=Operation.UPDATE, fields=["attendance"]
    )
    assert {row.object_id for row in audited} == {str(came.pk), str(missed.pk)}


def test_weekly_sessions_keep_their_wall_clock_time_across_the_clocks_changing(hub_actor, group):
    # 2026's clocks go back on Sunday 25 October.
    sessions = services.add_sessions(
        hub_actor,
        group,
        first_day=dt.date(2026, 10, 14),
        starts=dt.time(10, 30),
        ends=dt.time(12),
        weeks=4,
        capacity=8,
        mode="in_person",
        venue="Library",
        address="1 High Street",
        postcode="av1 2bc",
    )
    starts = [timezone.localtime(s.starts_at) for s in sessions]
    assert [s.date() for s in starts] == [dt.date(2026, 10, d) for d in (14, 21, 28)] + [
        dt.date(2026, 11, 4)
    ]
    assert {s.time() for s in starts} == {dt.time(10, 30)}
    assert sessions[0].postcode == "AV1 2BC"


def test_an_online_session_keeps_its_link_and_no_address(hub_actor, group):
    [session] = services.add_sessions(
        hub_actor,
        group,
        first_day=dt.date(2026, 12, 1),
        starts=dt.time(19),
        ends=dt.time(20),
        capacity=20,
        mode="online",
        venue="Somewhere",
        joining_link="https://meet.example/abc",
    )
    assert (session.venue, session.joining_link, session.place) == (
        "",
        "https://meet.example/abc",
        "Online",
    )


def test_a_new_calendar_link_stops_the_old_one_working(hub_actor, make_carer):
    carer = make_carer()
    old = services.issue_feed(hub_actor, carer)
    new = services.issue_feed(hub_actor, carer)
    assert services.feed_for_token(old) is None
    assert services.feed_for_token(new).carer_id == carer.pk
    services.revoke_feed(hub_actor, carer)
    assert services.feed_for_token(new) is None


def test_only_a_hash_of_the_calendar_secret_is_stored(hub_actor, make_carer):
    from carershub.groups.models import CalendarFeed

    token = services.issue_feed(hub_actor, make_carer())
    stored = CalendarFeed.unscoped.get()
    assert token not in stored.token_hash
    assert stored.token_hash == services.token_hash(token)


def test_reminders_are_on_the_timetable_every_morning_and_the_task_sends_them(
    hub_actor, group, make_carer
):
    from carershub.jobs.schedules import SCHEDULE

    [entry] = [job for job in SCHEDULE if job.name == "remind-carers-of-group-sessions"]
    assert entry.cron == "0 10 * * *"
    due = services.book(
        hub_actor, SessionFactory(group=group, starts_at=days_ahead(1)), make_carer()
    )
    entry.task.call()
    assert messages_about(due) == ["group_session_reminder_email"]
