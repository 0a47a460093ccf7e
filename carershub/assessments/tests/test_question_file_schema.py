"""The quality-of-life question file's JSON Schema: a right file passes,
each mistake is told plainly.
"""

import json

import pytest
from django.core.exceptions import ValidationError

from carershub.assessments.loading import SCHEMA, load_question_set
from carershub.assessments.quality_of_life import Domain
from carershub.core import data_files

pytestmark = pytest.mark.django_db  # loading is all or nothing, in one transaction


def questions():
    return [
        {"domain": domain, "wording": f"How is your {domain}?", "answers": ["Good", "So-so", "Bad"]}
        for domain in Domain.values
    ]


def question_file(**changes):
    return {
        "name": "Test wording",
        "source": "Written for tests",
        "questions": questions(),
        **changes,
    }


def problems_with(data):
    with pytest.raises(ValidationError) as invalid:
        load_question_set(None, json.dumps(data), file_name="wording.json")
    return invalid.value.messages


def test_a_right_file_follows_the_schema():
    assert data_files.problems(SCHEMA, question_file()) == []


def test_the_schema_lists_the_domains_the_hub_scores():
    question = data_files.validator(SCHEMA).schema["properties"]["questions"]["items"]

    assert question["properties"]["domain"]["enum"] == Domain.values


def with_question(number, **changes):
    changed = questions()
    changed[number - 1] = {**changed[number - 1], **changes}
    return question_file(questions=changed)


@pytest.mark.parametrize(
    "data, problem",
    [
        ([], "wording.json: The file must hold one object with a name, a source and six questions"),
        (question_file(name=" "), "wording.json: Give the question set a name"),
        (
            {"name": "Test wording", "questions": questions()},
            "wording.json: Give the question set a source",
        ),
        (
            question_file(questions={"occupation": "How are you?"}),
            'wording.json: Give the six questions as a list under "questions"',
        ),
        (
            with_question(2, wording=""),
            'wording.json, question 2 ("control"): give its wording',
        ),
        (
            with_question(3, answers=["Good", " ", "Bad"]),
            'wording.json, question 3 ("self_care"): give exactly three answers, best first',
        ),
        (
            question_file(questions=[*questions(), "How are you?"]),
            "wording.json, question 7: give its domain, its wording and its three answers",
        ),
    ],
)
def test_each_kind_of_mistake_is_told_in_plain_english(data, problem):
    assert problems_with(data) == [problem]


def test_a_domain_the_hub_does_not_score_is_named_without_repeating_it():
    assert problems_with(with_question(6, domain="happiness")) == [
        "wording.json, question 6: the domain must be one of occupation, control, self_care, "
        "safety, social, support",
        "wording.json: Missing questions for: support",
    ]


def test_each_domain_is_asked_once():
    assert problems_with(with_question(6, domain="social")) == [
        'wording.json, question 6 ("social"): question 5 already asks about social',
        "wording.json: Missing questions for: support",
    ]


def test_a_file_that_is_not_json_names_the_file_and_the_line():
    with pytest.raises(ValidationError) as invalid:
        load_question_set(None, '{"name": "x",\n}', file_name="wording.json")

    assert invalid.value.messages == [
        "wording.json: The file is not valid JSON (line 2, column 1: "
        "Expecting property name enclosed in double quotes)."
    ]
