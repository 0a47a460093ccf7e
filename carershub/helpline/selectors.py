"""Reads for the helpline page: its hours and whether it is open now, in Europe/London."""

import zoneinfo

from django.utils import timezone

from carershub.core.working_days import is_working_day
from carershub.helpline.opening import Period, helpline_status

LONDON = zoneinfo.ZoneInfo("Europe/London")


def is_bank_holiday(day):
    # Bank holidays in England and Wales always fall on weekdays (substitute days included).
    return day.weekday() < 5 and not is_working_day(day)


def current_moment():
    # One place to read the clock, so tests can say what the page shows at a given moment.
    return timezone.now()


def status_now(partnership, now=None):
    """Whether the partnership's helpline is open now; None when it has no hours set."""
    if partnership is None:
        return None
    now = (now or current_moment()).astimezone(LONDON).replace(tzinfo=None)
    periods = [Period(h.day, h.opens, h.closes) for h in partnership.helpline_hours.all()]
    return helpline_status(periods, now, is_bank_holiday)
