"""Sessions as iCalendar (RFC 5545) feeds that calendar apps subscribe to.

Every value goes through the icalendar library's own types, which escape line breaks, commas and
semicolons in text; the library knows no type for an ``X-`` property, so the calendar's name is
given as ``vText`` (a line feed in a group's name would otherwise break the feed).
"""

import icalendar
from django.utils import timezone

from carershub.core.text import one_line
from carershub.groups.models import Mode

CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar(name, sessions, *, domain):
    """An iCalendar feed of ``sessions``. Each event says what, when and where, and nothing about
    who is coming: the same event is in the group's public feed and a carer's private one."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Carers Hub//Groups and events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", icalendar.vText(name))
    cal.add("x-wr-timezone", icalendar.vText("Europe/London"))
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"group-session-{session.pk}@{domain}")
        event.add("dtstamp", session.updated_at)
        event.add("summary", session.group.name + (" (cancelled)" if session.is_cancelled else ""))
        event.add("dtstart", timezone.localtime(session.starts_at))
        event.add("dtend", timezone.localtime(session.ends_at))
        event.add("location", session.place)
        if (
            session.mode == Mode.ONLINE
            and session.joining_link
            and one_line(session.joining_link) == session.joining_link
        ):
            event.add(
                "url", session.joining_link
            )  # a URI cannot be escaped: one with a line break is left out
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        cal.add_component(event)
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal.to_ical()
