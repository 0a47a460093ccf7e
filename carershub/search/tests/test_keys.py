import datetime as dt

import pytest

from carershub.search import keys


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("Siân Müller", "sian muller"),
        ("Łukasz Wiśniewski", "lukasz wisniewski"),
        ("Straße", "strasse"),
        ("محمد علی", "محمد علی"),
        ("مُحَمَّد", "محمد"),  # short vowel marks are optional in Arabic script
        ("علي", "علی"),  # Arabic yeh and Urdu yeh are the same letter to a reader
    ],
)
def test_folding_drops_case_and_latin_accents_but_keeps_other_scripts(typed, folded):
    assert keys.fold(typed) == folded


def test_an_apostrophe_or_hyphen_joins_a_name_and_its_parts_are_indexed_too():
    assert keys.name_tokens("Zoë", "O'Brien") == ["zoe", "obrien", "o", "brien"]
    assert keys.name_tokens("Smith-Jones") == ["smithjones", "smith", "jones"]
    assert keys.name_tokens("O’Brien") == ["obrien", "o", "brien"]


def test_query_words_are_joined_as_typed():
    assert keys.query_tokens("O'Brien") == keys.query_tokens("OBrien") == ["obrien"]
    assert keys.query_tokens("  Jonh   Smiht ") == ["jonh", "smiht"]


def test_words_one_edit_apart_share_a_deletion_key():
    for typed, name in [
        ("jonh", "john"),
        ("smiht", "smith"),
        ("smth", "smith"),
        ("smitth", "smith"),
        ("smyth", "smith"),
    ]:
        typed_keys = set(keys._name_term(typed).keys)
        assert typed_keys & keys.keys_for_token(name), (typed, name)


def test_words_two_edits_apart_do_not_match():
    assert not set(keys._name_term("jxxn").keys) & keys.keys_for_token("john")
    assert not set(keys._name_term("smoth").keys) & keys.keys_for_token("jones")


def test_short_words_match_only_exactly_or_as_the_start_of_a_name():
    term = keys._name_term("ann")
    assert set(term.keys) == {"=ann", ">ann"}
    assert not set(term.keys) & keys.keys_for_token("dan")


def test_a_carer_is_indexed_by_name_prefixes_date_of_birth_and_postcode():
    indexed = keys.keys_for_carer("Ada", "Foxglove", "", dt.date(1961, 3, 27), "ZZ1 1AA")
    assert {"=ada", ">a", ">ad", "=foxglove", ">fox", "~foxglove", "~foxglve"} <= indexed
    assert {"b1961-03-27", "pZZ11AA", "sZZ11", "oZZ1"} <= indexed


def test_a_reference_is_read_whatever_its_case_or_separators():
    for typed in ["C-7KQ2-MX9P", "c-7kq2-mx9p", "c 7kq2 mx9p", "C7KQ2MX9P"]:
        assert keys.parse(typed).reference == "C-7KQ2-MX9P"


def test_a_name_that_looks_like_a_reference_is_still_a_name():
    query = keys.parse("C Whitlock")
    assert query.reference == ""
    assert [t.label for t in query.terms] == ["initial", "name"]
    assert keys.parse("Christoph").reference == ""


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919"])
def test_an_nhs_number_is_read_with_or_without_spaces(typed):
    assert keys.parse(typed).nhs_number == "9434765919"


@pytest.mark.parametrize(
    "typed", ["27/3/1961", "27 3 1961", "1961-03-27", "27.03.1961", "27-3-1961"]
)
def test_a_date_of_birth_is_read_in_the_ways_people_type_it(typed):
    query = keys.parse(typed)
    assert [list(t.keys) for t in query.terms] == [["b1961-03-27"]]


def test_an_impossible_date_is_a_problem_not_a_search():
    assert keys.parse("31/2/1961").problem == "Enter a real date of birth, like 27/3/1961"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("ZZ1 1AA", "pZZ11AA"),
        ("zz11aa", "pZZ11AA"),
        ("ZZ1 1", "sZZ11"),
        ("zz1", "oZZ1"),
        ("SW1A", "oSW1A"),
    ],
)
def test_a_postcode_sector_or_outward_code_is_read(typed, key):
    assert [list(t.keys) for t in keys.parse(typed).terms] == [[key]]


def test_a_name_and_a_date_of_birth_together_are_two_terms():
    query = keys.parse("Smith 27/3/1961")
    assert sorted(t.label for t in query.terms) == ["date of birth", "name"]


def test_one_letter_alone_is_not_enough_to_search():
    assert keys.parse("J").problem.startswith("Enter at least 2 letters")
    assert keys.parse("J Smith").problem == ""


def test_punctuation_alone_is_not_a_search():
    assert (
        keys.parse("!!!").problem
        == "Enter a name, reference, NHS number, postcode or date of birth"
    )


def test_a_blank_query_is_blank():
    assert keys.parse("   ").is_blank and not keys.parse("").problem
