"""The Carer's Allowance rules: every reason for not qualifying,
and the boundaries of each figure.
"""

import datetime as dt
from decimal import Decimal

import pytest

from carershub.carers_allowance import rules as r
from carershub.carers_allowance.models import RuleSet

BENEFITS = [
    {"code": "attendance_allowance", "name": "Attendance Allowance"},
    {
        "code": "pip_daily_living",
        "name": "Personal Independence Payment (PIP) daily living component",
    },
]


def rule_set(**changes):
    values = dict(
        name="2025 to 2026",
        effective_from=dt.date(2025, 4, 7),
        weekly_rate=Decimal("83.30"),
        earnings_limit=Decimal("196.00"),
        minimum_hours=35,
        minimum_age=16,
        study_hours_limit=21,
        carers_credit_hours=20,
        countries=["england", "wales"],
        qualifying_benefits=BENEFITS,
        sources=[],
        checked_on=dt.date(2025, 4, 7),
    )
    values.update(changes)
    return RuleSet(**values)


def answers(**changes):
    values = dict(
        country="england",
        age=45,
        benefits=("attendance_allowance",),
        hours=40,
        studying=r.STUDY_NONE,
        study_hours=None,
        earnings=Decimal("0"),
    )
    values.update(changes)
    return r.Answers(**values)


def conditions(findings):
    return [f.condition for f in findings]


def test_a_carer_meeting_every_condition_may_get_it_and_is_told_each_answer_that_counted():
    result = r.evaluate(rule_set(), answers())

    assert result.outcome == r.MAY_GET
    assert conditions(result.met) == ["country", "age", "benefit", "hours", "education", "earnings"]
    assert "The person you care for gets Attendance Allowance." in [f.text for f in result.met]
    assert not result.carers_credit


@pytest.mark.parametrize("age, outcome", [(15, r.UNLIKELY), (16, r.MAY_GET), (17, r.MAY_GET)])
def test_carers_must_be_16_or_over(age, outcome):
    result = r.evaluate(rule_set(), answers(age=age))

    assert result.outcome == outcome
    assert conditions(result.unmet) == ([] if outcome == r.MAY_GET else ["age"])


@pytest.mark.parametrize("hours, outcome", [(34, r.UNLIKELY), (35, r.MAY_GET), (36, r.MAY_GET)])
def test_caring_for_exactly_35_hours_a_week_is_enough(hours, outcome):
    assert r.evaluate(rule_set(), answers(hours=hours)).outcome == outcome


@pytest.mark.parametrize(
    "earnings, outcome", [("195.99", r.MAY_GET), ("196.00", r.MAY_GET), ("196.01", r.UNLIKELY)]
)
def test_earnings_exactly_at_the_limit_are_allowed(earnings, outcome):
    result = r.evaluate(rule_set(), answers(earnings=Decimal(earnings)))

    assert result.outcome == outcome


def test_earning_over_the_limit_says_so_and_suggests_carers_credit():
    result = r.evaluate(rule_set(), answers(earnings=Decimal("250")))

    assert conditions(result.unmet) == ["earnings"]
    assert (
        result.unmet[0].text
        == "You earn £250 a week after deductions, which is more than the limit of £196 a week."
    )
    assert result.carers_credit


@pytest.mark.parametrize(
    "study_hours, outcome", [(20, r.MAY_GET), (21, r.UNLIKELY), (22, r.UNLIKELY)]
)
def test_studying_21_hours_a_week_or_more_counts_as_full_time_education(study_hours, outcome):
    result = r.evaluate(rule_set(), answers(studying=r.STUDY_PART_TIME, study_hours=study_hours))

    assert result.outcome == outcome
    assert conditions(result.unmet) == ([] if outcome == r.MAY_GET else ["education"])


def test_a_full_time_student_may_not_get_it_but_may_get_carers_credit():
    result = r.evaluate(rule_set(), answers(studying=r.STUDY_FULL_TIME))

    assert result.outcome == r.UNLIKELY
    assert [f.text for f in result.unmet] == ["You are in full-time education."]
    assert result.carers_credit


def test_the_cared_for_person_must_get_a_qualifying_benefit():
    result = r.evaluate(rule_set(), answers(benefits=(r.NONE_OF_THESE,)))

    assert result.outcome == r.UNLIKELY
    assert conditions(result.unmet) == ["benefit"]
    assert (
        not result.carers_credit
    )  # the credit turns on their benefits too: the hub talks that through


def test_not_knowing_their_benefits_gives_a_conditional_answer():
    result = r.evaluate(rule_set(), answers(benefits=(r.NOT_SURE,)))

    assert result.outcome == r.MAY_GET_IF_BENEFIT
    assert conditions(result.unsure) == ["benefit"]


def test_a_definite_no_outweighs_not_knowing_their_benefits():
    result = r.evaluate(rule_set(), answers(benefits=(r.NOT_SURE,), age=15))

    assert result.outcome == r.UNLIKELY


def test_a_benefit_no_longer_in_the_rule_set_does_not_count():
    assert r.evaluate(rule_set(), answers(benefits=("retired_benefit",))).outcome == r.UNLIKELY


def test_several_benefits_are_named_together():
    result = r.evaluate(rule_set(), answers(benefits=("attendance_allowance", "pip_daily_living")))

    assert result.met[2].text == (
        "The person you care for gets Attendance Allowance and "
        "Personal Independence Payment (PIP) daily living component."
    )


@pytest.mark.parametrize(
    "country, outcome",
    [
        ("england", r.MAY_GET),
        ("wales", r.MAY_GET),
        ("scotland", r.CARER_SUPPORT_PAYMENT),
        ("northern_ireland", r.NORTHERN_IRELAND),
        ("elsewhere", r.UNLIKELY),
    ],
)
def test_where_the_carer_lives_decides_which_benefit_to_claim(country, outcome):
    result = r.evaluate(rule_set(), answers(country=country))

    assert result.outcome == outcome
    assert (result.findings[0].met is True) is (outcome == r.MAY_GET)


def test_the_countries_come_from_the_rule_set():
    assert (
        r.evaluate(rule_set(countries=["england"]), answers(country="wales")).outcome == r.UNLIKELY
    )


def test_caring_too_few_hours_for_carers_allowance_but_enough_for_carers_credit():
    assert r.evaluate(rule_set(), answers(hours=20)).carers_credit
    assert not r.evaluate(rule_set(), answers(hours=19)).carers_credit


def test_carers_credit_is_not_suggested_when_another_reason_rules_it_out():
    assert not r.evaluate(rule_set(), answers(earnings=Decimal("300"), age=15)).carers_credit


def test_every_reason_is_listed_at_once():
    result = r.evaluate(
        rule_set(),
        answers(
            age=15,
            hours=10,
            benefits=(r.NONE_OF_THESE,),
            studying=r.STUDY_FULL_TIME,
            earnings=Decimal("500"),
        ),
    )

    assert conditions(result.unmet) == ["age", "benefit", "hours", "education", "earnings"]


def test_the_figures_come_from_the_rule_set():
    later = rule_set(earnings_limit=Decimal("204.00"), minimum_hours=30)

    assert r.evaluate(later, answers(earnings=Decimal("200"), hours=30)).outcome == r.MAY_GET


def test_the_rule_set_changes_on_its_effective_date():
    old = rule_set(effective_from=dt.date(2025, 4, 7))
    new = rule_set(effective_from=dt.date(2026, 4, 6))
    sets = [new, old]

    assert r.rule_set_in_force(sets, dt.date(2026, 4, 5)) is old
    assert r.rule_set_in_force(sets, dt.date(2026, 4, 6)) is new
    assert r.rule_set_in_force(sets, dt.date(2027, 1, 1)) is new
    assert r.rule_set_in_force(sets, dt.date(2025, 4, 6)) is None


@pytest.mark.parametrize(
    "amount, text", [("196", "£196"), ("83.30", "£83.30"), ("1234.5", "£1,234.50")]
)
def test_money_shows_pence_only_when_there_are_some(amount, text):
    assert r.money(Decimal(amount)) == text
