import datetime as dt

from carershub.core.working_days import add_working_days, is_working_day


def test_weekends_are_not_working_days():
    assert not is_working_day(dt.date(2026, 11, 21))  # Saturday
    assert is_working_day(dt.date(2026, 11, 23))  # Monday


def test_five_working_days_from_a_monday_is_the_next_monday():
    assert add_working_days(dt.date(2026, 11, 23), 5) == dt.date(2026, 11, 30)


def test_bank_holidays_are_skipped():
    # Thursday 24 December 2026: Christmas Day (Fri), Boxing Day observed (Mon 28th) are skipped.
    assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 29)
    assert add_working_days(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)  # Easter 2026


def test_a_referral_on_a_saturday_counts_from_monday():
    assert add_working_days(dt.date(2026, 11, 21), 5) == dt.date(2026, 11, 27)
