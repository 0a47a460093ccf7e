"""Schedules, costs, ages and distances as the public pages write them."""

import datetime as dt
from decimal import Decimal

import pytest

from carershub.directory import presenters
from carershub.directory.models import CostOption, Schedule


def schedule(**fields):
    return Schedule(**fields)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"byday": "TU", "opens_at": dt.time(10), "closes_at": dt.time(12)},
            "Every Tuesday, 10am to midday",
        ),
        (
            {"byday": "TU", "interval": 2, "opens_at": dt.time(18, 30), "closes_at": dt.time(20)},
            "Every other Tuesday, 6:30pm to 8pm",
        ),
        ({"byday": "WE", "interval": 3}, "Every 3 weeks on Wednesday"),
        (
            {"byday": "MO,WE,FR", "opens_at": dt.time(9), "closes_at": dt.time(17)},
            "Every Monday, Wednesday and Friday, 9am to 5pm",
        ),
        (
            {"byday": "FR,MO,TU,TH,WE", "opens_at": dt.time(9), "closes_at": dt.time(17)},
            "Monday to Friday, 9am to 5pm",
        ),
        ({"byday": "SA,SU"}, "Every Saturday and Sunday"),
    ],
)
def test_weekly_schedules_name_the_days_and_times(fields, text):
    assert presenters.schedule_text(schedule(freq="WEEKLY", **fields)) == text


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"byday": "1TU"}, "First Tuesday of the month"),
        (
            {"byday": "1TU,3TU", "opens_at": dt.time(13, 30), "closes_at": dt.time(15)},
            "First and third Tuesday of the month, 1:30pm to 3pm",
        ),
        ({"byday": "-1FR"}, "Last Friday of the month"),
        ({"byday": "2WE", "interval": 2}, "Second Wednesday of every other month"),
        ({"bymonthday": "15"}, "The 15th of every month"),
        ({"bymonthday": "1,-1"}, "The 1st and last day of every month"),
    ],
)
def test_monthly_schedules_say_which_week_of_the_month(fields, text):
    assert presenters.schedule_text(schedule(freq="MONTHLY", **fields)) == text


def test_a_one_day_event_gives_its_date_and_no_run_of_dates():
    one_day = schedule(
        valid_from=dt.date(2026, 10, 3),
        valid_to=dt.date(2026, 10, 3),
        opens_at=dt.time(10),
        closes_at=dt.time(15, 30),
    )
    assert presenters.schedule_text(one_day) == "On 3 October 2026, 10am to 3:30pm"
    assert presenters.schedule_dates(one_day) == ""


def test_a_run_of_sessions_says_when_it_starts_and_ends():
    course = schedule(byday="TH", valid_from=dt.date(2026, 12, 3), valid_to=dt.date(2027, 1, 28))
    assert presenters.schedule_text(course) == "Every Thursday"
    assert presenters.schedule_dates(course) == "From 3 December 2026 to 28 January 2027"
    assert (
        presenters.schedule_dates(schedule(valid_to=dt.date(2027, 3, 31))) == "Until 31 March 2027"
    )


def test_a_schedule_without_times_gives_only_the_days():
    assert presenters.schedule_text(schedule(byday="WE")) == "Every Wednesday"


def test_without_a_rule_the_words_staff_typed_are_used():
    assert (
        presenters.schedule_text(schedule(byday="", description="Ring to book a time"))
        == "Ring to book a time"
    )
    assert (
        presenters.schedule_text(schedule(byday="", opens_at=dt.time(9), closes_at=dt.time(17)))
        == "9am to 5pm"
    )


def test_an_online_session_says_how_people_attend():
    online = presenters.SchedulePresenter(
        schedule(byday="TH", opens_at=dt.time(19), closes_at=dt.time(20), attending_type="online")
    )
    assert (online.text, online.how) == ("Every Thursday, 7pm to 8pm", "Online")
    assert presenters.SchedulePresenter(schedule(byday="TH")).how == ""


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"option": "Per session", "amount": Decimal("5.00")}, "Per session: £5"),
        (
            {"option": "Lunch", "amount": Decimal("3.50"), "amount_description": "pay on the day"},
            "Lunch: £3.50 (pay on the day)",
        ),
        ({"amount": Decimal("0")}, "Free"),
        ({"option": "Carers", "amount": Decimal("0")}, "Carers: Free"),
        (
            {"option": "Weekend away", "amount": Decimal("1200"), "currency": "EUR"},
            "Weekend away: €1,200",
        ),
        ({"amount_description": "Ask about help with the cost"}, "Ask about help with the cost"),
    ],
)
def test_costs_read_as_prices(fields, text):
    assert presenters.cost_text(CostOption(**fields)) == text


@pytest.mark.parametrize(
    ("minimum", "maximum", "text"),
    [
        (8, 17, "Aged 8 to 17"),
        (18, None, "Aged 18 and over"),
        (None, 25, "Aged up to 25"),
        (None, None, ""),
        (16, 16, "Aged 16"),
    ],
)
def test_ages(minimum, maximum, text):
    assert presenters.ages(minimum, maximum) == text


@pytest.mark.parametrize(
    ("metres", "text"),
    [
        (650, "0.4 miles away"),
        (50, "Less than 0.1 miles away"),
        (1609, "1 mile away"),
        (4023, "2.5 miles away"),
        (20000, "12 miles away"),
        (None, ""),
    ],
)
def test_distances_are_in_miles(metres, text):
    assert presenters.distance(metres) == text


def test_a_long_description_is_cut_at_a_word_for_the_results():
    text = "Carers meet for a cuppa and a chat. " * 10 + "\n\nSecond paragraph."
    cut = presenters.short(text)
    assert len(cut) <= presenters.SHORT_DESCRIPTION + 1 and cut.endswith("…")
    assert "Second" not in cut
    assert presenters.short("Short.\n\nMore.") == "Short."
