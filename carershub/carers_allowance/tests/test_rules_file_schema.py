"""The rules file's JSON Schema: the shipped files follow it,
and each kind of mistake is told plainly.
"""

import json
from decimal import Decimal

import pytest

from carershub.carers_allowance.loading import (
    BUNDLED_RULES_DIR,
    SCHEMA,
    bundled_rules_files,
    read_rules_file,
)
from carershub.carers_allowance.rules import COUNTRIES
from carershub.core import data_files
from carershub.core.data_files import DataFileError

WHERE = 'rules.json, rule set 1 ("2025 to 2026"): '
IN_RULE_SET = 'rules.json, rule set 1 ("2025 to 2026"), '


def shipped_rule_set():
    return json.loads((BUNDLED_RULES_DIR / "2025-26.json").read_text())["rule_sets"][0]


def written(tmp_path, rule_set):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"rule_sets": [rule_set]}))
    return path


def problems_with(tmp_path, **changes):
    with pytest.raises(DataFileError) as error:
        read_rules_file(written(tmp_path, {**shipped_rule_set(), **changes}))
    return error.value.problems


def test_every_shipped_rules_file_follows_the_schema():
    assert len(bundled_rules_files()) >= 2
    for path in bundled_rules_files():
        assert data_files.problems(SCHEMA, json.loads(path.read_text())) == [], path.name


def test_the_schema_lists_the_countries_the_checker_asks_about():
    rule_set = data_files.validator(SCHEMA).schema["properties"]["rule_sets"]["items"]

    assert rule_set["properties"]["countries"]["items"]["enum"] == list(COUNTRIES)


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"name": " "}, 'rules.json, rule set 1: enter a "name", such as "2025 to 2026".'),
        (
            {"checked_on": "2025-02-30"},
            WHERE + '"checked_on" (the date the figures were checked) must be a date '
            "written like 2025-04-07.",
        ),
        (
            {"weekly_rate": "83.333"},
            WHERE + '"weekly_rate" (the weekly rate) must be an amount in pounds, more than 0, '
            'like "83.30".',
        ),
        (
            {"earnings_limit": "0.00"},
            WHERE + '"earnings_limit" (the weekly earnings limit) must be an amount in pounds, '
            'more than 0, like "83.30".',
        ),
        (
            {"minimum_age": 169},
            WHERE + '"minimum_age" (the minimum age) must be a whole number from 1 to 168.',
        ),
        (
            {"carers_credit_hours": "20"},
            WHERE
            + '"carers_credit_hours" (the minimum hours of caring a week for Carer\'s Credit) '
            "must be a whole number from 1 to 168.",
        ),
        (
            {"countries": []},
            WHERE + '"countries" must list where Carer\'s Allowance is claimed, from: england, '
            "wales, scotland, northern_ireland, elsewhere.",
        ),
        (
            {"qualifying_benefits": [{"code": "pip"}]},
            IN_RULE_SET + 'benefit 1: "code" and "name" must each be a piece of text.',
        ),
        (
            {"qualifying_benefits": [{"code": "not_sure", "name": "Not sure"}]},
            IN_RULE_SET
            + 'benefit 1: the benefit code "not_sure" is kept for the checker\'s own answers. '
            "Use another code.",
        ),
        (
            {"qualifying_benefits": [{"code": "aa", "name": "A"}, {"code": "aa", "name": "B"}]},
            WHERE + 'the benefit code "aa" is used more than once.',
        ),
        (
            {"sources": "GOV.UK"},
            WHERE + '"sources" must be a list of at least one source, each with "about", "title" '
            'and "url".',
        ),
        (
            {
                "sources": [
                    {
                        "about": "Rates",
                        "title": "GOV.UK",
                        "url": "https://www.gov.uk",
                        "to_be_confirmed": "yes",
                    }
                ]
            },
            IN_RULE_SET + 'source 1: "to_be_confirmed" must be true or false.',
        ),
        ({"colour": "blue"}, WHERE + '"colour" is not a field a rule set has. Check its spelling.'),
    ],
)
def test_each_kind_of_mistake_is_told_in_plain_english(tmp_path, changes, problem):
    assert problems_with(tmp_path, **changes) == [problem]


def test_a_missing_field_is_told_in_its_own_words(tmp_path):
    rule_set = shipped_rule_set()
    del rule_set["minimum_hours"]

    with pytest.raises(DataFileError) as error:
        read_rules_file(written(tmp_path, rule_set))

    assert error.value.problems == [
        WHERE + '"minimum_hours" (the minimum hours of caring a week) must be a whole number '
        "from 1 to 168."
    ]


def test_pounds_are_text_or_a_whole_number_never_a_fraction_that_may_not_be_exact(tmp_path):
    assert problems_with(tmp_path, weekly_rate=83.3) == [
        WHERE + '"weekly_rate" (the weekly rate) must be an amount in pounds, more than 0, '
        'like "83.30".'
    ]

    (rule_set,) = read_rules_file(written(tmp_path, {**shipped_rule_set(), "earnings_limit": 196}))

    assert rule_set["earnings_limit"] == Decimal("196")


def test_a_whole_number_written_with_a_point_nought_is_kept_whole(tmp_path):
    (rule_set,) = read_rules_file(written(tmp_path, {**shipped_rule_set(), "minimum_hours": 35.0}))

    assert rule_set["minimum_hours"] == 35 and isinstance(rule_set["minimum_hours"], int)
