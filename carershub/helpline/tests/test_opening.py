"""When the helpline is open: before, during and after its hours, weekends, bank holidays,
the week wrapping.
"""

import datetime as dt

from carershub.helpline.opening import Period, helpline_status
from carershub.helpline.selectors import is_bank_holiday

WEEKDAYS_9_TO_7 = [Period(day, dt.time(9), dt.time(19)) for day in range(5)]
# 2025: Monday 5 May is the early May bank holiday; 25 and 26 December are Thursday and Friday.
MONDAY = dt.date(2025, 5, 12)


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute))


def no_bank_holidays(day):
    return False


def status(now, periods=WEEKDAYS_9_TO_7, bank_holiday=no_bank_holidays):
    return helpline_status(periods, now, bank_holiday)


def test_before_opening_it_opens_later_today():
    assert status(at(MONDAY, 8, 59)).text == "Closed - opens today at 9am"
    assert not status(at(MONDAY, 8, 59)).is_open


def test_from_opening_until_closing_it_is_open():
    assert status(at(MONDAY, 9)).text == "Open now - closes at 7pm"
    assert status(at(MONDAY, 18, 59)).is_open


def test_at_closing_time_it_is_closed_until_the_next_day():
    assert status(at(MONDAY, 19)).text == "Closed - opens Tuesday at 9am"


def test_at_the_weekend_it_opens_on_monday():
    assert (
        status(at(MONDAY + dt.timedelta(days=4), 20)).text == "Closed - opens Monday at 9am"
    )  # Friday evening
    assert (
        status(at(MONDAY + dt.timedelta(days=5), 12)).text == "Closed - opens Monday at 9am"
    )  # Saturday


def test_the_week_wraps_round_from_sunday_to_monday():
    sunday_only = [Period(6, dt.time(10), dt.time(12, 30)), Period(0, dt.time(9), dt.time(17))]
    sunday = MONDAY - dt.timedelta(days=1)

    assert status(at(sunday, 11), sunday_only).text == "Open now - closes at 12:30pm"
    assert status(at(sunday, 13), sunday_only).text == "Closed - opens Monday at 9am"
    assert (
        status(at(MONDAY + dt.timedelta(days=1), 9), sunday_only).text
        == "Closed - opens Sunday at 10am"
    )


def test_with_several_periods_in_a_day_it_closes_between_them():
    split = [Period(0, dt.time(9), dt.time(12)), Period(0, dt.time(13, 30), dt.time(17))]

    assert status(at(MONDAY, 10), split).text == "Open now - closes at midday"
    assert status(at(MONDAY, 12, 15), split).text == "Closed - opens today at 1:30pm"
    assert status(at(MONDAY, 14), split).text == "Open now - closes at 5pm"
    assert status(at(MONDAY, 17), split).text == "Closed - opens Monday at 9am"


def test_on_a_bank_holiday_it_is_closed_and_says_why():
    bank_holiday_monday = dt.date(2025, 5, 5)

    result = status(at(bank_holiday_monday, 10), bank_holiday=is_bank_holiday)

    assert result.text == "Closed today for a bank holiday - opens Tuesday at 9am"
    assert not result.is_open


def test_the_evening_before_a_bank_holiday_skips_it():
    friday = dt.date(2025, 5, 2)

    assert (
        status(at(friday, 20), bank_holiday=is_bank_holiday).text == "Closed - opens Tuesday at 9am"
    )


def test_christmas_bank_holidays_and_a_weekend_are_skipped_together():
    christmas_eve = dt.date(2025, 12, 24)

    assert (
        status(at(christmas_eve, 20), bank_holiday=is_bank_holiday).text
        == "Closed - opens Monday at 9am"
    )


def test_a_bank_holiday_on_a_day_it_never_opens_is_not_mentioned():
    weekends_only = [Period(5, dt.time(10), dt.time(14))]
    bank_holiday_monday = dt.date(2025, 5, 5)

    assert (
        status(at(bank_holiday_monday, 10), weekends_only, is_bank_holiday).text
        == "Closed - opens Saturday at 10am"
    )


def test_without_any_hours_there_is_no_status():
    assert status(at(MONDAY, 10), periods=[]) is None


def test_hours_only_on_bank_holidays_say_closed_without_a_next_opening():
    def every_day_a_holiday(day):
        return True

    assert (
        status(at(MONDAY, 10), bank_holiday=every_day_a_holiday).text
        == "Closed today for a bank holiday"
    )


def test_england_and_wales_bank_holidays_are_known():
    assert is_bank_holiday(dt.date(2025, 8, 25))  # summer bank holiday in England and Wales
    assert not is_bank_holiday(dt.date(2025, 8, 4))  # Scotland's, not England's
    assert not is_bank_holiday(dt.date(2025, 5, 10))  # a Saturday
