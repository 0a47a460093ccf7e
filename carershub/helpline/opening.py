"""Whether the helpline is open at a moment, and when it next opens: a pure function of its hours.

The caller passes the moment in Europe/London and a test for bank holidays, so every case (before
opening, between periods, weekends, bank holidays, the week wrapping round) is tested with plain
values and no clock.
"""

import datetime as dt
from dataclasses import dataclass

from carershub.core.formats import time

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Far enough to pass Christmas and Easter bank holidays joined to a weekend.
_LOOK_AHEAD_DAYS = 14


@dataclass(frozen=True)
class Period:
    day: int  # 0 = Monday
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class Status:
    is_open: bool
    text: str  # "Open now - closes at 7pm", "Closed - opens Monday at 9am"


def _periods_on(periods, day, is_bank_holiday):
    if is_bank_holiday(day):
        return []
    return sorted((p for p in periods if p.day == day.weekday()), key=lambda p: p.opens)


def _next_opening(periods, now, is_bank_holiday):
    """(date, time) of the next opening after ``now``, or None if there is none soon."""
    today = now.date()
    for offset in range(_LOOK_AHEAD_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        for period in _periods_on(periods, day, is_bank_holiday):
            if offset > 0 or period.opens > now.time():
                return day, period.opens
    return None


def helpline_status(periods, now, is_bank_holiday):
    """The helpline's status at ``now`` (a naive or London-local datetime);
    None without any hours.
    """
    periods = list(periods)
    if not periods:
        return None
    for period in _periods_on(periods, now.date(), is_bank_holiday):
        if period.opens <= now.time() < period.closes:
            return Status(True, f"Open now - closes at {time(period.closes)}")
    closed = "Closed"
    if is_bank_holiday(now.date()) and any(p.day == now.weekday() for p in periods):
        closed = "Closed today for a bank holiday"
    following = _next_opening(periods, now, is_bank_holiday)
    if following is None:
        return Status(False, closed)
    day, opens = following
    when = "today" if day == now.date() else DAY_NAMES[day.weekday()]
    return Status(False, f"{closed} - opens {when} at {time(opens)}")
