"""Loading rule sets from a file: the shipped file, all or nothing,
and every problem in plain English.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from carershub.audit.models import AuditLog
from carershub.carers_allowance import selectors
from carershub.carers_allowance.loading import (
    BUNDLED_RULES_DIR,
    parse_rules,
    read_rules_file,
)
from carershub.carers_allowance.models import RuleSet
from carershub.core.data_files import DataFileError

BUNDLED_2025 = BUNDLED_RULES_DIR / "2025-26.json"
BUNDLED_2026 = BUNDLED_RULES_DIR / "2026-27.json"


def shipped():
    return json.loads(BUNDLED_2025.read_text())


def write(tmp_path, data):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def test_the_shipped_rules_have_the_april_2025_figures():
    (rules,) = read_rules_file(BUNDLED_2025)

    assert rules["effective_from"] == dt.date(2025, 4, 7)
    assert rules["effective_until"] == dt.date(2026, 4, 5)
    assert rules["weekly_rate"] == Decimal("83.30")
    assert rules["earnings_limit"] == Decimal("196.00")
    assert (rules["minimum_hours"], rules["minimum_age"], rules["study_hours_limit"]) == (
        35,
        16,
        21,
    )
    assert {b["code"] for b in rules["qualifying_benefits"]} >= {
        "pip_daily_living",
        "dla_care",
        "attendance_allowance",
        "constant_attendance_allowance",
        "afip",
        "child_disability_payment",
        "adult_disability_payment",
        "pension_age_disability_payment",
    }
    assert all(s["url"].startswith("https://") for s in rules["sources"])


@pytest.mark.django_db
def test_the_command_loads_a_file_and_a_second_load_replaces_the_same_year(tmp_path):
    data = shipped()
    later = dict(
        data["rule_sets"][0],
        name="2026 to 2027",
        effective_from="2026-04-06",
        effective_until="2027-04-11",
        weekly_rate="86.45",
    )
    data["rule_sets"].append(later)
    call_command("load_carers_allowance_rules", str(write(tmp_path, data)))
    assert RuleSet.objects.count() == 2

    data["rule_sets"][1]["weekly_rate"] = "86.50"
    call_command("load_carers_allowance_rules", str(write(tmp_path, data)))

    assert RuleSet.objects.count() == 2
    assert RuleSet.objects.get(effective_from=dt.date(2026, 4, 6)).weekly_rate == Decimal("86.50")
    assert AuditLog.objects.filter(object_type="carers_allowance.ruleset").count() == 4


@pytest.mark.django_db
def test_a_file_with_any_problem_loads_nothing_and_lists_every_problem(tmp_path):
    data = shipped()
    good = data["rule_sets"][0]
    bad = dict(
        good,
        effective_from="6 April 2026",
        weekly_rate="lots",
        minimum_hours=0,
        countries=["mars"],
        qualifying_benefits=[{"code": "none", "name": "x"}],
        sources=[{"about": "x", "title": "y", "url": "http://a"}],
        colour="blue",
    )
    data["rule_sets"] = [dict(good, effective_from="2026-04-06"), bad]

    with pytest.raises(CommandError) as error:
        call_command("load_carers_allowance_rules", str(write(tmp_path, data)))

    message = str(error.value)
    assert message.startswith("Nothing was loaded")
    for expected in [
        'rules.json, rule set 2 ("2025 to 2026"): "effective_from" (the date the rules apply '
        "from) must be a date written like 2025-04-07.",
        '"weekly_rate" (the weekly rate) must be an amount in pounds',
        '"minimum_hours" (the minimum hours of caring a week) must be a whole number from 1 to '
        "168.",
        '"countries" has mars',
        'the benefit code "none" is kept for the checker\'s own answers',
        'source 1: "url" must start with https://',
        '"colour" is not a field a rule set has',
    ]:
        assert expected in message
    assert not RuleSet.objects.exists()


def test_two_rule_sets_with_the_same_start_date_are_refused():
    data = shipped()
    data["rule_sets"].append(dict(data["rule_sets"][0], name="Again"))

    with pytest.raises(DataFileError) as error:
        parse_rules(data)

    assert error.value.problems == [
        'Rule set 2 ("Again"): rule set 1 already applies from 7 April 2025; each rule set needs '
        "its own start date."
    ]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{not json", "rules.json: The file is not valid JSON"),
        ("[]", 'rules.json: The file must hold an object with a "rule_sets" list'),
        ('{"rule_sets": [1]}', "rules.json, rule set 1: it must be an object"),
    ],
)
def test_a_file_that_is_not_a_rules_file_says_why(tmp_path, text, problem):
    with pytest.raises(DataFileError) as error:
        read_rules_file(write(tmp_path, text))

    assert error.value.problems[0].startswith(problem)


def test_a_missing_file_says_it_cannot_be_read(tmp_path):
    with pytest.raises(DataFileError) as error:
        read_rules_file(tmp_path / "nowhere.json")

    assert "cannot be read" in error.value.problems[0]


@pytest.mark.django_db
def test_a_hub_without_rules_loads_the_shipped_ones_on_first_use():
    assert not RuleSet.objects.exists()

    rule_set = selectors.rules_in_force(dt.date(2025, 5, 1))

    assert rule_set.effective_from == dt.date(2025, 4, 7)
    assert RuleSet.objects.count() == 2  # 2025 to 2026 and 2026 to 2027


@pytest.mark.django_db
def test_the_rule_set_in_force_is_the_newest_started_on_or_before_the_day(
    django_assert_max_num_queries,
):
    selectors.rules_in_force(dt.date(2025, 5, 1))  # loads the shipped rules
    data = shipped()["rule_sets"][0]
    RuleSet.objects.create(
        **{
            **data,
            "effective_from": dt.date(2027, 4, 12),
            "effective_until": dt.date(2028, 4, 9),
            "name": "2027 to 2028",
            "checked_on": dt.date(2027, 4, 1),
        }
    )

    with django_assert_max_num_queries(2):
        assert selectors.rules_in_force(dt.date(2026, 4, 5)).name == "2025 to 2026"
    assert selectors.rules_in_force(dt.date(2026, 4, 6)).name == "2026 to 2027"
    assert selectors.rules_in_force(dt.date(2027, 4, 12)).name == "2027 to 2028"
    assert selectors.rules_in_force(dt.date(2025, 1, 1)) is None


@pytest.mark.django_db
def test_the_demo_loads_the_shipped_rules_and_can_load_them_again():
    from carershub.carers_allowance.demo import seed_carers_allowance_rules

    seed_carers_allowance_rules()
    seed_carers_allowance_rules()

    assert list(RuleSet.objects.values_list("name", flat=True)) == ["2026 to 2027", "2025 to 2026"]


def test_the_shipped_rules_for_2026_27_have_the_april_2026_figures_marked_to_be_confirmed():
    (rules,) = read_rules_file(BUNDLED_2026)

    assert (rules["effective_from"], rules["effective_until"]) == (
        dt.date(2026, 4, 6),
        dt.date(2027, 4, 11),
    )
    assert rules["weekly_rate"] == Decimal("86.45")
    assert rules["earnings_limit"] == Decimal("204.00")
    unconfirmed = [s for s in rules["sources"] if s.get("to_be_confirmed")]
    assert unconfirmed and all("to be confirmed against GOV.UK" in s["about"] for s in unconfirmed)
    assert all(
        "86.45" not in s["about"] and "204" not in s["about"]
        for s in rules["sources"]
        if not s.get("to_be_confirmed") and "gov.uk" in s["url"]
    )


@pytest.mark.django_db
def test_a_hub_holding_only_last_years_rules_gets_the_2026_27_rules_on_first_use():
    from carershub.carers_allowance.services import load_rules_file

    load_rules_file(None, BUNDLED_2025)  # a hub set up before the 2026 to 2027 rules shipped
    assert RuleSet.objects.count() == 1

    rule_set = selectors.rules_in_force(dt.date(2026, 12, 7))

    assert rule_set.name == "2026 to 2027"
    assert rule_set.earnings_limit == Decimal("204.00")


@pytest.mark.django_db
def test_loading_the_shipped_rules_never_replaces_a_corrected_figure():
    from carershub.carers_allowance.services import load_rules_file

    load_rules_file(None, BUNDLED_2026)
    RuleSet.objects.filter(effective_from=dt.date(2026, 4, 6)).update(weekly_rate=Decimal("86.50"))

    assert selectors.rules_in_force(dt.date(2026, 12, 7)).weekly_rate == Decimal("86.50")


def test_every_rule_set_needs_an_end_date_on_or_after_its_start():
    data = shipped()
    without = {k: v for k, v in data["rule_sets"][0].items() if k != "effective_until"}
    backwards = dict(
        data["rule_sets"][0],
        name="Backwards",
        effective_from="2027-04-12",
        effective_until="2027-01-01",
    )

    with pytest.raises(DataFileError) as error:
        parse_rules({"rule_sets": [without, backwards]})

    assert error.value.problems == [
        'Rule set 1 ("2025 to 2026"): "effective_until" (the last day the rules apply) must be a '
        "date written like 2025-04-07.",
        'Rule set 2 ("Backwards"): "effective_until" (the last day the rules apply) must be on '
        'or after "effective_from".',
    ]


def test_rule_sets_whose_dates_overlap_are_refused():
    data = shipped()
    overlapping = dict(
        data["rule_sets"][0],
        name="Overlapping",
        effective_from="2026-01-01",
        effective_until="2026-12-31",
    )

    with pytest.raises(DataFileError) as error:
        parse_rules({"rule_sets": [data["rule_sets"][0], overlapping]})

    assert error.value.problems == [
        'Rule set 2 ("Overlapping"): its dates overlap rule set 1\'s (7 April 2025 to 5 April '
        "2026)."
    ]


@pytest.mark.django_db
def test_the_figures_are_out_of_date_only_after_the_last_day_of_the_newest_rule_set():
    assert selectors.stale_figures(dt.date(2027, 4, 11)) is None

    stale = selectors.stale_figures(dt.date(2027, 4, 12))

    assert stale.text == (
        "The Carer's Allowance figures the hub holds applied until 11 April 2027, so they may be "
        "out of date. Check the current figures on GOV.UK."
    )
