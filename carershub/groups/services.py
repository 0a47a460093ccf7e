"""Every change to groups, sessions, bookings, calendar feeds and availability, each in one
transaction with its audit row; messages to carers go through the notification service."""

import datetime as dt
import hashlib
import logging
import secrets

from dateutil.rrule import WEEKLY, rrule
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.carers.models.choices import ContactMethod
from carershub.core import formats
from carershub.core.concurrency import EditConflict, write_if_unchanged
from carershub.groups import messages
from carershub.groups.models import (
    Attendance,
    Availability,
    Booking,
    BookingStatus,
    CalendarFeed,
    Group,
    Mode,
    Session,
    SessionStatus,
)
from carershub.notifications import services as notifications
from carershub.notifications.message_templates import get_template

logger = logging.getLogger(__name__)

GROUP_FIELDS = ["name", "description", "audience", "cost", "accessibility"]
SESSION_FIELDS = [
    "starts_at",
    "ends_at",
    "mode",
    "venue",
    "address",
    "postcode",
    "joining_link",
    "capacity",
]
MAX_WEEKS = 52


class BookingRefused(Exception):
    """The booking cannot be made (the message says why, in plain English)."""


class SessionChangeRefused(ValidationError):
    """The session cannot be changed like that (the message says why). A ValidationError, so an
    edit page puts it on the form like any other service's refusal."""


# --- Groups and sessions -----------------------------------------------------------------------


@transaction.atomic
def create_group(actor, **fields):
    group = Group.objects.create(
        organisation=actor.organisation, **{k: fields.get(k, "") for k in GROUP_FIELDS}
    )
    auditor.created(actor, group)
    return group


@transaction.atomic
def update_group(actor, group, *, expected_version=None, **fields):
    """Save changes to a group. With ``expected_version``, refuse (EditConflict) if someone else
    saved it since the editor opened it."""
    changed = [
        name for name in GROUP_FIELDS if name in fields and getattr(group, name) != fields[name]
    ]
    if not changed:
        return group
    if not write_if_unchanged(
        Group.objects.filter(pk=group.pk),
        expected_version,
        updated_at=timezone.now(),
        **{n: fields[n] for n in changed},
    ):
        raise EditConflict(Group.objects.get(pk=group.pk))
    group.refresh_from_db()
    auditor.updated(actor, group, fields=changed)
    return group


def occurrences(first_day, starts, ends, weeks):
    """(start, end) for a session on ``first_day`` and each following week, in Europe/London.

    The wall-clock time stays the same across the change to and from British Summer Time.
    """
    weeks = max(1, min(int(weeks), MAX_WEEKS))
    result = []
    for day in rrule(WEEKLY, count=weeks, dtstart=dt.datetime.combine(first_day, dt.time())):
        result.append(
            (
                timezone.make_aware(dt.datetime.combine(day.date(), starts)),
                timezone.make_aware(dt.datetime.combine(day.date(), ends)),
            )
        )
    return result


def _place_fields(fields):
    """What a session holds of where it is: an address for in person, a link for online."""
    values = {
        name: fields.get(name, "")
        for name in ("mode", "venue", "address", "postcode", "joining_link")
    }
    if values["mode"] == Mode.ONLINE:
        values.update(venue="", address="", postcode="")
    else:
        values["joining_link"] = ""
        values["postcode"] = " ".join(values["postcode"].upper().split())
    return values


@transaction.atomic
def add_sessions(actor, group, *, first_day, starts, ends, weeks=1, capacity, **place):
    """Sessions of ``group`` on ``first_day`` and, for ``weeks`` > 1,
    the same time each week after.
    """
    if ends <= starts:
        raise SessionChangeRefused("The end time must be after the start time")
    sessions = [
        Session(
            group=group, starts_at=start, ends_at=end, capacity=capacity, **_place_fields(place)
        )
        for start, end in occurrences(first_day, starts, ends, weeks)
    ]
    for session in sessions:
        session.save()
        auditor.created(actor, session)
    return sessions


@transaction.atomic
def update_session(actor, session, *, day, starts, ends, capacity, expected_version=None, **place):
    """Change when and where a session is and its number of places. With ``expected_version``,
    refuse (EditConflict) if someone else saved it since the editor opened it."""
    session = Session.objects.select_for_update().select_related("group").get(pk=session.pk)
    if session.is_cancelled:
        raise SessionChangeRefused("This session is cancelled and cannot be changed")
    values = {
        "starts_at": timezone.make_aware(dt.datetime.combine(day, starts)),
        "ends_at": timezone.make_aware(dt.datetime.combine(day, ends)),
        "capacity": capacity,
        **_place_fields(place),
    }
    changed = [name for name, value in values.items() if getattr(session, name) != value]
    # Checked before the rules below, so the editor sees what the other person saved first.
    if changed and expected_version is not None and session.version != expected_version:
        raise EditConflict(session)
    if ends <= starts:
        raise SessionChangeRefused("The end time must be after the start time")
    if capacity < session.places_taken:
        raise SessionChangeRefused(
            f"The number of places must be at least {session.places_taken}, "
            "the number of people booked"
        )
    if changed:
        # Conditional too, for databases where the lock above is not a row lock (SQLite).
        if not write_if_unchanged(
            Session.objects.filter(pk=session.pk),
            expected_version,
            updated_at=timezone.now(),
            **{n: values[n] for n in changed},
        ):
            raise EditConflict(Session.objects.select_related("group").get(pk=session.pk))
        for name in changed:
            setattr(session, name, values[name])
        session.version += 1
        auditor.updated(actor, session, fields=changed)
    # More places: the people waiting longest get them.
    while session.places_taken < session.capacity and _offer_place(actor, session):
        session.places_taken += 1
    Session.objects.filter(pk=session.pk).update(places_taken=session.places_taken)
    return session


@transaction.atomic
def cancel_session(actor, session, *, reason):
    """Cancel a session with a reason, and tell everyone booked or waiting."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise SessionChangeRefused("Enter why the session is cancelled")
    session = (
        Session.objects.select_for_update().select_related("group__organisation").get(pk=session.pk)
    )
    if session.is_cancelled:
        return session
    session.status = SessionStatus.CANCELLED
    session.cancelled_reason = reason
    session.save(update_fields=["status", "cancelled_reason", "updated_at"])
    auditor.updated(actor, session, fields=["status", "cancelled_reason"])
    affected = list(
        Booking.unscoped.filter(
            session=session, status__in=[BookingStatus.BOOKED, BookingStatus.WAITING]
        ).select_related("carer")
    )
    for booking in affected:
        _tell(actor, booking, messages.CANCELLED, reason=reason)
    return session


# --- Bookings ----------------------------------------------------------------------------------


def book(actor, session, carer):
    """Book ``carer`` on ``session``: a place if one is left, else the end of the waiting list.

    The place is taken by one conditional UPDATE (``places_taken < capacity``), which the database
    applies to one booking at a time, so two bookings for the last place cannot both get it.
    A carer already booked or waiting is refused by the database's own constraint.
    """
    if session.is_cancelled:
        raise BookingRefused("This session is cancelled")
    if session.starts_at <= timezone.now():
        raise BookingRefused("This session has already started")
    try:
        with transaction.atomic():
            took_place = Session.objects.filter(
                pk=session.pk, status=SessionStatus.SCHEDULED, places_taken__lt=F("capacity")
            ).update(places_taken=F("places_taken") + 1)
            booking = Booking.unscoped.create(
                session=session,
                carer=carer,
                holding_organisation_id=carer.holding_organisation_id,
                status=BookingStatus.BOOKED if took_place else BookingStatus.WAITING,
                booked_by=actor.user if actor is not None and actor.is_authenticated else None,
            )
            auditor.created(actor, booking, context={"status": booking.status})
    except IntegrityError:
        raise BookingRefused(
            f"{carer.full_name} is already booked on this session or on its waiting list"
        ) from None
    session.refresh_from_db(fields=["places_taken"])
    return booking


def _offer_place(actor, session):
    """Give the place to the first person on the waiting list, and tell them. Their booking,
    or None.
    """
    first = (
        Booking.unscoped.select_for_update()
        .select_related("carer")
        .filter(session=session, status=BookingStatus.WAITING)
        .order_by("queued_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = BookingStatus.BOOKED
    first.save(update_fields=["status", "updated_at"])
    auditor.updated(actor, first, fields=["status"], context={"from": "waiting_list"})
    first.session = session
    _tell(actor, first, messages.PLACE_OFFERED)
    return first


@transaction.atomic
def cancel_booking(actor, booking):
    """Cancel a booking. A place given up goes to the first person waiting, who is told.

    Returns the booking that got the place, or None.
    """
    # The session row is locked first, so two cancellations at once hand out one place each.
    session = (
        Session.objects.select_for_update()
        .select_related("group__organisation")
        .get(pk=booking.session_id)
    )
    booking = Booking.unscoped.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CANCELLED:
        return None
    had_place = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    auditor.updated(actor, booking, fields=["status"])
    if not had_place:
        return None
    if not session.is_cancelled and session.starts_at > timezone.now():
        promoted = _offer_place(actor, session)
        if promoted is not None:
            return promoted
    Session.objects.filter(pk=session.pk).update(places_taken=F("places_taken") - 1)
    return None


@transaction.atomic
def record_attendance(actor, session, marks):
    """``marks`` maps booking ids to attended or did not attend; only booked places count."""
    bookings = {
        b.pk: b
        for b in Booking.objects.visible_to(actor)
        .select_for_update()
        .filter(session=session, status=BookingStatus.BOOKED, pk__in=list(marks))
    }
    changed = []
    for booking_id, mark in marks.items():
        booking = bookings.get(int(booking_id))
        if booking is None or mark not in Attendance.values or booking.attendance == mark:
            continue
        booking.attendance = mark
        booking.save(update_fields=["attendance", "updated_at"])
        auditor.updated(actor, booking, fields=["attendance"])
        changed.append(booking)
    return changed


# --- Messages ----------------------------------------------------------------------------------


def _channel_for(carer):
    """The carer's preferred way to hear from us, where we have the details; else what we have."""
    email = carer.email.strip()
    mobile = carer.mobile.strip()
    if carer.preferred_contact_method == ContactMethod.TEXT and mobile:
        return "sms", mobile
    if email:
        return "email", email
    if mobile:
        return "sms", mobile
    return None, None


def _tell(actor, booking, message, **extra):
    """Send one message about a booking. A carer we cannot reach is logged, not a failed booking."""
    session = booking.session
    carer = booking.carer
    channel, to = _channel_for(carer)
    if channel is None:
        logger.info("Booking %s: no email address or mobile to send %s to", booking.pk, message)
        return None
    values = {
        "name": carer.known_as,
        "group": session.group.name,
        "when": formats.datetime(session.starts_at),
        "where": session.place,
        "organisation": session.group.organisation.name,
        **extra,
    }
    template = f"{message}_{channel}"
    # Text messages are short: each template says which of these it uses.
    personalisation = {name: values[name] for name in get_template(template).placeholders}
    send = notifications.send_email if channel == "email" else notifications.send_sms
    try:
        return send(
            to=to,
            template=template,
            personalisation=personalisation,
            actor=actor,
            subject_type="groups.booking",
            subject_id=booking.pk,
        )
    except notifications.InvalidRecipient:
        logger.warning("Booking %s: the carer's %s details cannot be sent to", booking.pk, channel)
        return None


def send_reminders(today=None):
    """Remind everyone booked on a session tomorrow, once per booking however often this runs."""
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time()))
    due = Booking.unscoped.filter(
        status=BookingStatus.BOOKED,
        reminder_sent_at__isnull=True,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).values_list("pk", flat=True)
    sent = 0
    for booking_id in list(due):
        with transaction.atomic():
            claimed = Booking.unscoped.filter(pk=booking_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:
                continue  # another worker got there first
            booking = Booking.unscoped.select_related("carer", "session__group__organisation").get(
                pk=booking_id
            )
            auditor.updated(None, booking, fields=["reminder_sent_at"])
            if _tell(None, booking, messages.REMINDER):
                sent += 1
    return sent


# --- Calendar feeds ----------------------------------------------------------------------------


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_feed(actor, carer):
    """A new secret link to the carer's calendar;
    any earlier link stops working. Returns the secret.
    """
    revoke_feed(actor, carer)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.unscoped.create(
        carer=carer,
        holding_organisation_id=carer.holding_organisation_id,
        token_hash=token_hash(token),
        created_by=actor.user,
    )
    auditor.created(actor, feed, fields=["carer", "token_hash"])
    return token


@transaction.atomic
def revoke_feed(actor, carer):
    live = list(
        CalendarFeed.unscoped.select_for_update().filter(carer=carer, revoked_at__isnull=True)
    )
    for feed in live:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        auditor.updated(actor, feed, fields=["revoked_at"])
    return bool(live)


def feed_for_token(token):
    """The live feed a secret opens, or None (system code: the secret is what admits the reader)."""
    if not token or len(token) > 100:
        return None
    return CalendarFeed.unscoped.filter(
        token_hash=token_hash(token), revoked_at__isnull=True
    ).first()


def feed_sessions(feed):
    """The sessions a private feed lists: those the carer has a place on, from a month ago.
    System code like ``feed_for_token``: the secret admits the reader, there is no actor."""
    since = timezone.now() - dt.timedelta(days=31)
    bookings = Booking.unscoped.filter(
        carer_id=feed.carer_id, status=BookingStatus.BOOKED, session__starts_at__gte=since
    )
    return (
        Session.objects.filter(pk__in=bookings.values("session_id"))
        .select_related("group")
        .order_by("starts_at")
    )


# --- When carers could come --------------------------------------------------------------------


@transaction.atomic
def record_availability(actor, partnership, *, slots, outward_code, audience, carer=None):
    """Store when a carer could come. From the public form (no carer) it names nobody.

    ``outward_code`` None keeps the one recorded for the carer: staff who may not see a
    restricted carer's address are not asked for it (ADR 19).
    """
    values = {"partnership": partnership, "slots": sorted(slots), "audience": audience}
    if outward_code is not None:
        values["outward_code"] = outward_code.upper()
    elif carer is None:
        raise ValueError("An answer from the public form needs the first half of a postcode")
    if carer is not None:
        answer, made = Availability.unscoped.update_or_create(carer=carer, defaults=values)
    else:
        answer, made = Availability.unscoped.create(**values), True
    (auditor.created if made else auditor.updated)(actor, answer, fields=[*values, "carer"])
    return answer
