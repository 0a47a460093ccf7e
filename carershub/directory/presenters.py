"""What the public directory pages show: schedules, costs, ages and distances in words, and a
service as a results row or as its own page."""

import re
from decimal import Decimal

from carershub.core.formats import date, time
from carershub.core.phone_numbers import format_phone_number
from carershub.directory import postcodes
from carershub.directory.models import AttendingType, Frequency, LocationType, ServiceStatus
from carershub.directory.selectors import DAYS
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, taxonomy_id

DAY_ORDER = list(DAYS)
ORDINALS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    -1: "last",
    -2: "second to last",
}
CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
SHORT_DESCRIPTION = 200
_BYDAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")


def joined(items, word="and"):
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def day_of_month(number):
    suffix = (
        "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _parse_byday(byday):
    """'1TU,3TU' -> [(1, 'TU'), (3, 'TU')]; unknown parts are left out."""
    parsed = []
    for part in (byday or "").upper().replace(" ", "").split(","):
        match = _BYDAY.match(part)
        if match:
            parsed.append((int(match.group(1)) if match.group(1) else None, match.group(2)))
    return parsed


def _weekdays(codes):
    """Day names in week order; three or more days in a row read as a range ('Monday to Friday')."""
    codes = sorted(set(codes), key=DAY_ORDER.index)
    positions = [DAY_ORDER.index(c) for c in codes]
    if len(codes) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{DAYS[codes[0]]} to {DAYS[codes[-1]]}", True
    return joined([DAYS[c] for c in codes]), False


def _weekly(days, interval):
    names, is_range = _weekdays(days)
    if interval == 1:
        return names if is_range else f"Every {names}"
    if interval == 2:
        return f"Every other {names}" if not is_range else f"{names}, every other week"
    return f"Every {interval} weeks on {names}"


def _monthly(parsed, bymonthday, interval):
    every = (
        "of the month"
        if interval == 1
        else ("of every other month" if interval == 2 else f"of every {interval} months")
    )
    nths = [(n, d) for n, d in parsed if n is not None]
    if nths:
        days = {d for _, d in nths}
        if len(days) == 1:  # "First and third Tuesday"
            day = DAYS[nths[0][1]]
            words = joined(
                [
                    ORDINALS.get(n, day_of_month(n))
                    for n, _ in sorted(nths, key=lambda p: (p[0] < 0, p[0]))
                ]
            )
            return f"{words.capitalize()} {day} {every}"
        parts = [f"{ORDINALS.get(n, day_of_month(n))} {DAYS[d]}" for n, d in nths]
        return f"{joined(parts).capitalize()} {every}"
    numbers = [
        int(n) for n in (bymonthday or "").replace(" ", "").split(",") if n.lstrip("-").isdigit()
    ]
    if numbers:
        days = [("last day" if n == -1 else day_of_month(n)) for n in numbers]
        return f"The {joined(days)} {'of every month' if interval == 1 else every}"
    return ""


def schedule_when(schedule):
    """The days in words: 'Every Tuesday', 'First Tuesday of the month', 'On 3 October 2026'."""
    one_day = schedule.valid_from and schedule.valid_from == schedule.valid_to
    if one_day or (schedule.dtstart and schedule.valid_to == schedule.dtstart):
        return f"On {date(schedule.valid_from if one_day else schedule.dtstart)}"
    parsed = _parse_byday(schedule.byday)
    interval = schedule.interval or 1
    if schedule.freq == Frequency.MONTHLY:
        return _monthly(parsed, schedule.bymonthday, interval)
    if parsed:
        return _weekly([d for _, d in parsed], interval)
    return ""


def opening_hours(opens, closes):
    """'10am to midday', 'from 10am', 'until 4pm' or ''."""
    if opens and closes:
        return f"{time(opens)} to {time(closes)}"
    if opens:
        return f"from {time(opens)}"
    if closes:
        return f"until {time(closes)}"
    return ""


def schedule_text(schedule):
    """A schedule in one line, e.g. 'Every Tuesday, 10am to midday'. The rule, when there is one,
    is written out the same way for every service; otherwise the words staff typed are used."""
    when = schedule_when(schedule)
    if not when:
        return (
            schedule.description
            or opening_hours(schedule.opens_at, schedule.closes_at).capitalize()
        )
    hours = opening_hours(schedule.opens_at, schedule.closes_at)
    return f"{when}, {hours}" if hours else when


def schedule_dates(schedule):
    """When a run of sessions starts or ends, e.g. 'From 1 December 2026 to 31 March 2027'."""
    if schedule.valid_from and schedule.valid_from == schedule.valid_to:
        return ""
    if schedule.valid_from and schedule.valid_to:
        return f"From {date(schedule.valid_from)} to {date(schedule.valid_to)}"
    if schedule.valid_from:
        return f"From {date(schedule.valid_from)}"
    if schedule.valid_to:
        return f"Until {date(schedule.valid_to)}"
    return ""


class SchedulePresenter:
    def __init__(self, schedule):
        self.text = schedule_text(schedule)
        self.dates = schedule_dates(schedule)
        self.how = AttendingType(schedule.attending_type).label if schedule.attending_type else ""
        self.notes = schedule.notes
        self.link = schedule.schedule_link


def money(amount, currency="GBP"):
    """Decimal('5.00') -> '£5'; Decimal('2.50') -> '£2.50'."""
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency or "GBP")
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def cost_text(option):
    """A cost option in words: 'Per session: £5', 'Free', 'Lunch: £3.50 (pay on the day)'."""
    if option.amount is None:
        price = ""
    elif option.amount == Decimal(0):
        price = "Free"
    else:
        price = money(option.amount, option.currency)
    label = option.option.strip()
    text = f"{label}: {price}" if label and price else (label or price)
    if option.amount_description:
        text = f"{text} ({option.amount_description})" if text else option.amount_description
    return text


def ages(minimum, maximum):
    """'Aged 8 to 17', 'Aged 18 and over', 'Aged up to 25' or ''."""
    if minimum is not None and maximum is not None:
        return f"Aged {minimum}" if minimum == maximum else f"Aged {minimum} to {maximum}"
    if minimum is not None:
        return f"Aged {minimum} and over"
    if maximum is not None:
        return f"Aged up to {maximum}"
    return ""


def distance(metres):
    """1000 -> '0.6 miles away'; tenths of a mile up to 10 miles, whole miles after."""
    if metres is None:
        return ""
    miles = postcodes.miles(metres)
    if miles < 0.1:
        return "Less than 0.1 miles away"
    value = f"{miles:.1f}".removesuffix(".0") if miles < 10 else f"{miles:.0f}"
    return f"{value} {'mile' if value == '1' else 'miles'} away"


def paragraphs(text):
    """Text typed with blank lines between paragraphs -> the paragraphs."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def short(text, limit=SHORT_DESCRIPTION):
    """The first paragraph, cut at a word before ``limit`` characters."""
    first = (paragraphs(text) or [""])[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


_CATEGORIES = taxonomy_id(CATEGORIES)
_WHO_FOR = taxonomy_id(WHO_FOR)


class ServiceResult:
    """One row of the search results (terms and provider already fetched)."""

    def __init__(self, service, metres=None):
        self.id = service.pk
        self.name = service.name
        self.provider = service.provider.name
        self.description = short(service.description)
        terms = list(service.terms.all())
        self.categories = [t.name for t in terms if t.taxonomy_id == _CATEGORIES]
        self.who_for = [t.name for t in terms if t.taxonomy_id == _WHO_FOR]
        self.ages = ages(service.minimum_age, service.maximum_age)
        self.distance = distance(metres)
        self.temporarily_closed = service.status == ServiceStatus.TEMPORARILY_CLOSED


class PlacePresenter:
    """Where the service runs: a place to go to, or an online or phone location."""

    def __init__(self, link):
        location = link.location
        self.id = location.pk
        self.name = location.name
        self.physical = location.location_type == LocationType.PHYSICAL
        self.online = location.location_type == LocationType.VIRTUAL
        self.heading = (
            location.name or location.address_1 or LocationType(location.location_type).label
        )
        self.address_lines = location.address_lines
        self.description = paragraphs(link.description or location.description)
        self.url = location.url
        self.transport = paragraphs(location.transport)
        self.accessibility = list(location.accessibility.all())
        self.schedules = [SchedulePresenter(s) for s in link.schedules.all()]


class ServicePage:
    """Everything the service's own page shows (from ``selectors.with_everything``)."""

    def __init__(self, service):
        self.service = service
        self.id = service.pk
        self.name = service.name
        self.provider = service.provider
        self.alert = paragraphs(service.alert)
        self.temporarily_closed = service.status == ServiceStatus.TEMPORARILY_CLOSED
        self.description = paragraphs(service.description)
        terms = list(service.terms.all())
        self.categories = [t.name for t in terms if t.taxonomy_id == _CATEGORIES]
        self.who_for = [t.name for t in terms if t.taxonomy_id == _WHO_FOR]
        self.ages = ages(service.minimum_age, service.maximum_age)
        self.eligibility = paragraphs(service.eligibility_description)
        self.schedules = [SchedulePresenter(s) for s in service.schedules.all()]
        self.places = [PlacePresenter(link) for link in service.service_at_locations.all()]
        self.fees = paragraphs(service.fees)
        self.costs = [text for text in (cost_text(o) for o in service.cost_options.all()) if text]
        self.languages = [
            f"{lang.name} ({lang.note})" if lang.note else lang.name
            for lang in service.languages.all()
        ]
        self.areas = [a.name for a in service.service_areas.all()]
        self.phone = format_phone_number(service.phone)
        self.email = service.email
        self.website = service.url
        self.contacts = [
            {
                "name": ", ".join(part for part in (c.name, c.title) if part),
                "department": c.department,
                "phone": format_phone_number(c.phone),
                "email": c.email,
            }
            for c in service.contacts.all()
        ]
        self.last_checked = date(service.assured_date) if service.assured_date else ""

    @property
    def has_who_for(self):
        return bool(self.who_for or self.ages or self.eligibility)

    @property
    def has_when(self):
        return bool(self.schedules or any(p.schedules for p in self.places))

    @property
    def has_cost(self):
        return bool(self.fees or self.costs)

    @property
    def has_contact(self):
        return bool(self.phone or self.email or self.website or self.contacts)
