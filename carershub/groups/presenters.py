"""How groups, sessions and bookings appear on pages: when and where, spaces left, status tags."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from carershub.core import tables
from carershub.core.formats import date, time
from carershub.groups.models import Attendance, BookingStatus, Mode

NOT_GIVEN = "Not given"


def when(session):
    """'Tuesday 1 December 2026, 10:30am to midday' in Europe/London."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{start:%A} {date(start)}, {time(start)} to {time(end)}"


def _lines(text):
    return {"html": Markup("<br>").join(escape(line) for line in text.splitlines())}


def session_details(session):
    """A saved session in the terms of the session form: its day and times in Europe/London."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return {
        "day": start.date(),
        "starts": start.time(),
        "ends": end.time(),
        "mode": session.mode,
        "venue": session.venue,
        "address": session.address,
        "postcode": session.postcode,
        "joining_link": session.joining_link,
        "capacity": session.capacity,
    }


class SessionPresenter:
    def __init__(self, session):
        self.session = session
        self.group = session.group

    def __getattr__(self, name):
        return getattr(self.session, name)

    @property
    def title(self):
        return self.group.name

    @property
    def when(self):
        return when(self.session)

    @property
    def day(self):
        start = timezone.localtime(self.session.starts_at)
        return f"{start:%A} {date(start)}"

    @property
    def times(self):
        return (
            f"{time(timezone.localtime(self.session.starts_at))} to "
            f"{time(timezone.localtime(self.session.ends_at))}"
        )

    @property
    def where(self):
        return self.session.place

    @property
    def is_online(self):
        return self.session.mode == Mode.ONLINE

    @property
    def spaces(self):
        """What a carer needs to know about getting a place."""
        if self.session.is_cancelled:
            return "Cancelled"
        left = self.session.spaces_left
        if left == 0:
            return "Full: waiting list"
        return f"{left} {'space' if left == 1 else 'spaces'} left"

    @property
    def status_tag(self):
        if self.session.is_cancelled:
            return {"text": "Cancelled", "classes": "govuk-tag--red"}
        if self.session.spaces_left == 0:
            return {"text": "Waiting list", "classes": "govuk-tag--yellow"}
        return {"text": self.spaces, "classes": "govuk-tag--green"}

    def summary_rows(self, *, staff=False):
        session, group = self.session, self.group
        rows = [
            {"key": {"text": "When"}, "value": {"text": self.when}},
            {"key": {"text": "Where"}, "value": {"text": self.where}},
        ]
        if self.is_online and session.joining_link and (staff or not session.is_cancelled):
            rows.append(
                {
                    "key": {"text": "Joining link"},
                    "value": {
                        "html": Markup('<a class="govuk-link" href="{0}">{0}</a>').format(
                            session.joining_link
                        )
                    },
                }
            )
        rows += [
            {"key": {"text": "Who it is for"}, "value": {"text": group.get_audience_display()}},
            {"key": {"text": "Cost"}, "value": {"text": group.cost or "Free"}},
            {
                "key": {"text": "Accessibility"},
                "value": _lines(group.accessibility)
                if group.accessibility
                else {"text": "Ask us about access"},
            },
            {"key": {"text": "Places"}, "value": {"text": self.places_text(staff)}},
        ]
        if session.is_cancelled:
            rows.insert(
                0, {"key": {"text": "Cancelled"}, "value": {"text": session.cancelled_reason}}
            )
        return rows

    def places_text(self, staff=False):
        session = self.session
        if session.is_cancelled:
            return "This session is cancelled"
        if staff:
            return f"{session.places_taken} of {session.capacity} booked"
        if session.spaces_left == 0:
            return (
                "Full. Ask us to put you on the waiting list: "
                "if someone cannot come, you get their place."
            )
        return self.spaces


def calendar_rows(sessions):
    """The public calendar's table: when, which group and for whom, where, and places left."""
    rows = []
    for s in sessions:
        title = Markup("{}{}").format(s.title, tables.hidden(f" on {s.day}"))
        rows.append(
            [
                tables.cell(s.day, tables.line_break, s.times),
                tables.cell(
                    tables.link(reverse("groups:session", kwargs={"session_id": s.pk}), title),
                    tables.line_break,
                    tables.small(s.group.get_audience_display()),
                ),
                tables.text(s.where),
                tables.cell(tables.tag(s.status_tag)),
            ]
        )
    return rows


BOOKING_TAGS = {
    BookingStatus.BOOKED: {"text": "Booked", "classes": "govuk-tag--green"},
    BookingStatus.WAITING: {"text": "Waiting list", "classes": "govuk-tag--yellow"},
    BookingStatus.CANCELLED: {"text": "Cancelled", "classes": "govuk-tag--grey"},
}


class BookingPresenter:
    # What a list of bookings shows of each person, named in its audit rows.
    FIELDS = ["carer", "status", "queued_at", "attendance"]

    def __init__(self, booking, position=None):
        self.booking = booking
        self.position = position

    def __getattr__(self, name):
        return getattr(self.booking, name)

    @property
    def name(self):
        return self.booking.carer.full_name

    @property
    def status_tag(self):
        tag = dict(BOOKING_TAGS[BookingStatus(self.booking.status)])
        if self.position:
            tag["text"] = f"Waiting list: {self.position}"
        return tag

    @property
    def attendance_text(self):
        return Attendance(self.booking.attendance).label if self.booking.attendance else ""

    @property
    def session_presenter(self):
        return SessionPresenter(self.booking.session)


def bookings_with_positions(bookings):
    """Booked first, then the waiting list numbered in order."""
    booked = [BookingPresenter(b) for b in bookings if b.status == BookingStatus.BOOKED]
    waiting = [
        BookingPresenter(b, position=n)
        for n, b in enumerate((b for b in bookings if b.status == BookingStatus.WAITING), start=1)
    ]
    return booked, waiting


def staff_session_rows(sessions):
    """A group's sessions for staff (SessionPresenters): when, where and how many are booked."""
    return [
        [
            tables.cell(
                tables.link(reverse("groups:session_bookings", kwargs={"session_id": s.pk}), s.when)
            ),
            tables.text(s.where),
            tables.cell(tables.tag(s.status_tag))
            if s.is_cancelled
            else tables.text(f"{s.places_taken} of {s.capacity} booked"),
        ]
        for s in sessions
    ]


def people_rows(bookings, *, waiting, session_cancelled):
    """Who is booked on a session, or waiting for a place, with a link to cancel each booking."""
    rows = []
    for b in bookings:
        carer = b.carer
        href = reverse("groups:carer_bookings", kwargs={"carer_reference": carer.reference})
        cancel = Markup("Cancel{}").format(tables.hidden(f" {b.name}'s booking"))
        rows.append(
            [
                tables.cell(
                    tables.link(href, b.name), tables.line_break, tables.small(carer.reference)
                ),
                tables.text(b.position if waiting else b.attendance_text or "Not recorded"),
                tables.text("")
                if session_cancelled
                else tables.cell(
                    tables.link(
                        reverse("groups:cancel_booking", kwargs={"booking_id": b.pk}), cancel
                    )
                ),
            ]
        )
    return rows


def carer_booking_rows(bookings):
    """A carer's bookings (BookingPresenters): the session and when, the booking's status."""
    rows = []
    for b in bookings:
        session = b.session
        href = reverse("groups:session_bookings", kwargs={"session_id": session.pk})
        booking = [tables.tag(b.status_tag)]
        if b.attendance_text:
            booking += [tables.line_break, b.attendance_text]
        rows.append(
            [
                tables.cell(
                    tables.link(href, session.group.name),
                    tables.line_break,
                    b.session_presenter.when,
                ),
                tables.cell(*booking),
            ]
        )
    return rows


def demand_rows(demand):
    """Times carers could come, by area, against the sessions already scheduled then."""
    return [
        [
            tables.text(row["slot"]),
            tables.text(row["area"]),
            tables.numeric(row["carers"]),
            tables.numeric(row["in_person"]),
            tables.numeric(row["online"]),
        ]
        for row in demand
    ]
