import datetime as dt

import pytest

from carershub.carers.rules import CarerType, age_on, carer_types

TODAY = dt.date(2026, 11, 23)


def born_years_ago(years, days_after_birthday=0):
    return dt.date(TODAY.year - years, TODAY.month, TODAY.day) - dt.timedelta(
        days=days_after_birthday
    )


def test_a_twelve_year_old_is_a_young_carer():
    assert carer_types(born_years_ago(12), today=TODAY) == [CarerType.YOUNG_CARER]


def test_a_seventeen_year_old_is_both_a_young_carer_and_a_young_adult_carer():
    assert carer_types(born_years_ago(17), today=TODAY) == [
        CarerType.YOUNG_CARER,
        CarerType.YOUNG_ADULT_CARER,
    ]


def test_on_their_eighteenth_birthday_a_young_carer_becomes_an_adult_carer():
    assert carer_types(born_years_ago(18), today=TODAY) == [
        CarerType.YOUNG_ADULT_CARER,
        CarerType.ADULT_CARER,
    ]
    day_before = born_years_ago(18) + dt.timedelta(days=1)
    assert CarerType.YOUNG_CARER in carer_types(day_before, today=TODAY)


def test_young_adult_carers_are_sixteen_to_twenty_five():
    assert CarerType.YOUNG_ADULT_CARER not in carer_types(born_years_ago(15), today=TODAY)
    assert CarerType.YOUNG_ADULT_CARER in carer_types(
        born_years_ago(25, days_after_birthday=364), today=TODAY
    )
    assert CarerType.YOUNG_ADULT_CARER not in carer_types(born_years_ago(26), today=TODAY)


def test_a_parent_of_a_disabled_child_is_a_parent_carer():
    assert carer_types(born_years_ago(40), cares_for_disabled_child=True, today=TODAY) == [
        CarerType.ADULT_CARER,
        CarerType.PARENT_CARER,
    ]


def test_carers_of_sixty_five_and_over_are_older_carers():
    assert carer_types(born_years_ago(64), today=TODAY) == [CarerType.ADULT_CARER]
    assert carer_types(born_years_ago(65), today=TODAY) == [
        CarerType.ADULT_CARER,
        CarerType.OLDER_CARER,
    ]


def test_an_ex_carer_is_only_an_ex_carer():
    assert carer_types(born_years_ago(50), is_ex_carer=True, today=TODAY) == [CarerType.EX_CARER]


def test_an_unknown_date_of_birth_is_age_not_known_never_an_assumed_adult():
    assert carer_types(None, today=TODAY) == [CarerType.AGE_NOT_KNOWN]
    assert carer_types(None, cares_for_disabled_child=True, today=TODAY) == [
        CarerType.AGE_NOT_KNOWN
    ]
    assert CarerType.AGE_NOT_KNOWN.label == "Age not known"


def test_a_carer_under_18_caring_for_their_own_child_is_a_young_carer_children_act_s17za():
    assert carer_types(born_years_ago(16), cares_for_disabled_child=True, today=TODAY) == [
        CarerType.YOUNG_CARER,
        CarerType.YOUNG_ADULT_CARER,
    ]


def test_a_parent_carer_is_18_or_over_children_act_s17zd():
    day_before = born_years_ago(18) + dt.timedelta(days=1)
    assert CarerType.PARENT_CARER not in carer_types(
        day_before, cares_for_disabled_child=True, today=TODAY
    )
    assert CarerType.PARENT_CARER in carer_types(
        born_years_ago(18), cares_for_disabled_child=True, today=TODAY
    )


@pytest.mark.parametrize(
    "born, on, age",
    [
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
        (dt.date(1961, 3, 27), dt.date(2026, 3, 26), 64),
        (dt.date(1961, 3, 27), dt.date(2026, 3, 27), 65),
    ],
)
def test_age_counts_whole_years(born, on, age):
    assert age_on(born, on) == age
