"""Working days in England and Wales: Monday to Friday, less the bank holidays.

Bank holidays come from the maintained ``holidays`` package (England's list, which England and
Wales share), so a new year's dates need a package update, not a code change.
"""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]).keys())


def is_working_day(day):
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (the start day itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
