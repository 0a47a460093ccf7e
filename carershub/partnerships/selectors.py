"""Reads about partnerships, organisations and the helpline."""

from itertools import groupby

from carershub.core.formats import time
from carershub.partnerships.models import HelplineHours, Organisation, OrganisationType, Partnership


def current_partnership():
    return Partnership.objects.current()


def helpline_opening_times(partnership):
    """Opening hours as lines for a page, e.g. ("Monday to Friday", "9am to 7pm")."""
    if partnership is None:
        return []
    rows = list(partnership.helpline_hours.all())
    by_day = {
        day: [(h.opens, h.closes) for h in hours]
        for day, hours in groupby(rows, key=lambda h: h.day)
    }
    lines = []
    days = sorted(by_day)
    # Group consecutive days with identical hours ("Monday to Friday").
    run = []
    for day in days:
        if run and day == run[-1] + 1 and by_day[day] == by_day[run[0]]:
            run.append(day)
            continue
        if run:
            lines.append(_line(run, by_day[run[0]]))
        run = [day]
    if run:
        lines.append(_line(run, by_day[run[0]]))
    return lines


def _line(days, periods):
    names = HelplineHours.Day
    label = (
        names(days[0]).label
        if len(days) == 1
        else f"{names(days[0]).label} to {names(days[-1]).label}"
    )
    hours = ", ".join(f"{time(o)} to {time(c)}" for o, c in periods)
    return label, hours


def councils_of(partnership):
    """The partnership's councils (their adult social care), by name: the councils a caring
    relationship's responsible council is chosen from (ADR 10)."""
    return Organisation.objects.filter(
        partnership=partnership, type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE, is_active=True
    ).order_by("name")


def sole_council(partnership):
    """The partnership's council when it has exactly one (the default), else None."""
    councils = list(councils_of(partnership)[:2])
    return councils[0] if len(councils) == 1 else None
