"""Dates and times written the GOV.UK way ("3 June 2026", "9am", "5:30pm")."""

import datetime as dt

from django.template import engines
from django.utils import timezone

_environment = None


def register_environment(env):
    global _environment
    _environment = env


def get_environment():
    if _environment is None:
        engines["jinja2"]  # building the engine registers the environment
    return _environment


def date(value):
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def time(value):
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def datetime(value):
    if value is None:
        return ""
    value = timezone.localtime(value)
    return f"{date(value)} at {time(value)}"


def moment_on(day):
    """A timezone-aware moment for something recorded only by its date: now if it is today,
    else midday that day (so it sorts within its day and never crosses midnight)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
