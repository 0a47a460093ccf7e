"""A data file checked against its JSON Schema: every problem named by file,
place and what to do.
"""

import json

import pytest
from jsonschema.exceptions import SchemaError

from carershub.core import data_files
from carershub.core.data_files import DataFileError

SHELF = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["books"],
    "maxProperties": 1,
    "errorMessage": {"type": "The file must hold an object with a list of books."},
    "properties": {
        "books": {
            "type": "array",
            "errorMessage": "Give the books as a list.",
            "items": {
                "title": "book",
                "labelProperty": "title",
                "type": "object",
                "required": ["title", "pages"],
                "additionalProperties": False,
                "errorMessage": {"additionalProperties": '"{name}" is not something a book has.'},
                "properties": {
                    "title": {
                        "type": "string",
                        "pattern": "\\S",
                        "errorMessage": "give its title.",
                    },
                    "pages": {
                        "type": "integer",
                        "minimum": 1,
                        "errorMessage": {
                            "minimum": "{value} pages is too few.",
                            "required": "say how many pages it has.",
                        },
                    },
                },
            },
        }
    },
}


@pytest.fixture
def schema(tmp_path):
    path = tmp_path / "shelf.schema.json"
    path.write_text(json.dumps(SHELF), encoding="utf-8")
    return path


def test_a_file_that_follows_the_schema_has_no_problems(schema):
    assert data_files.problems(schema, {"books": [{"title": "Emma", "pages": 474}]}) == []


def test_a_problem_names_the_file_the_item_and_what_is_wrong(schema):
    found = data_files.problems(
        schema, {"books": [{"title": "Emma", "pages": 0}]}, file_name="shelf.json"
    )

    assert found == ['shelf.json, book 1 ("Emma"): 0 pages is too few.']


def test_without_a_file_name_the_place_starts_the_sentence(schema):
    assert data_files.problems(schema, {"books": [{"title": "Emma", "pages": 0}]}) == [
        'Book 1 ("Emma"): 0 pages is too few.'
    ]


def test_an_item_is_named_by_its_label_only_when_the_label_is_right(schema):
    assert data_files.problems(schema, {"books": [{"title": " ", "pages": 1}]}) == [
        "Book 1: give its title."
    ]


def test_each_missing_property_is_told_once_in_its_own_words(schema):
    assert data_files.problems(schema, {"books": [{}]}) == [
        "Book 1: give its title.",
        "Book 1: say how many pages it has.",
    ]


def test_a_property_the_schema_does_not_know_is_named(schema):
    assert data_files.problems(schema, {"books": [{"title": "Emma", "pages": 1, "colour": 1}]}) == [
        'Book 1 ("Emma"): "colour" is not something a book has.'
    ]


def test_a_failure_without_its_own_words_takes_the_nearest_enclosing_ones(schema):
    assert data_files.problems(schema, {"books": "Emma"}) == ["Give the books as a list."]
    assert data_files.problems(schema, []) == ["The file must hold an object with a list of books."]


def test_a_failure_no_message_covers_falls_back_to_jsonschemas_own_words(schema):
    assert data_files.problems(schema, {"books": [], "shelves": 2}) == [
        "{'books': [], 'shelves': 2} has too many properties"
    ]


def test_problems_come_in_the_order_of_the_file(schema):
    books = [{"title": f"Book {n}", "pages": 0 if n in (2, 10) else 1} for n in range(1, 11)]

    assert data_files.problems(schema, {"books": books}) == [
        'Book 2 ("Book 2"): 0 pages is too few.',
        'Book 10 ("Book 10"): 0 pages is too few.',
    ]


def test_a_file_that_is_not_json_says_where_it_goes_wrong():
    with pytest.raises(DataFileError) as error:
        data_files.read_json('{"books": [}', file_name="shelf.json")

    assert error.value.problems == [
        "shelf.json: The file is not valid JSON (line 1, column 12: Expecting value)."
    ]


def test_a_schema_that_is_not_a_schema_is_refused(tmp_path):
    path = tmp_path / "broken.schema.json"
    path.write_text(json.dumps({"type": "shelf"}), encoding="utf-8")

    with pytest.raises(SchemaError):
        data_files.validator(path)
