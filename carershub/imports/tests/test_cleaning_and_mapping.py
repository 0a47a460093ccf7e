"""Each value of a row cleaned as the register stores it, or refused with a reason;
headings recognised.
"""

import datetime as dt

import pytest

from carershub.imports.cleaning import clean_row, row_keys
from carershub.imports.mapping import guess_mapping, mapping_problems

TODAY = dt.date(2026, 11, 23)
ONE = {"0": "date_of_birth"}


def cleaned(field, value):
    values, problems = clean_row([value], {"0": field}, today=TODAY)
    assert not problems, problems
    return values[field]


def problem(field, value):
    _, problems = clean_row([value], {"0": field}, today=TODAY)
    assert len(problems) == 1, problems
    return problems[0]


# --- Mapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, field",
    [
        ("Forename", "given_name"),
        ("First name", "given_name"),
        ("Given name", "given_name"),
        ("Surname", "family_name"),
        ("Last name", "family_name"),
        ("LAST_NAME", "family_name"),
        ("DOB", "date_of_birth"),
        ("D.O.B.", "date_of_birth"),
        ("Date of birth", "date_of_birth"),
        ("NHS No", "nhs_number"),
        ("NHS number", "nhs_number"),
        ("NHS No.", "nhs_number"),
        ("Postcode", "postcode"),
        ("Post code", "postcode"),
        ("Email", "email"),
        ("E-mail address", "email"),
        ("Phone", "phone"),
        ("Telephone", "phone"),
        ("Mobile", "mobile"),
        ("Client ID", "source_record_id"),
        ("ID", "source_record_id"),
        ("Record ID", "source_record_id"),
        ("Address 1", "address_line_1"),
        ("Address line 2", "address_line_2"),
        ("Town", "town"),
        ("Known as", "preferred_name"),
    ],
)
def test_common_headings_are_recognised(heading, field):
    assert guess_mapping([heading]) == {"0": field}


def test_unknown_headings_and_a_second_column_for_the_same_detail_are_left_unmapped():
    assert guess_mapping(["Notes", "Forename", "First name", "Problem"]) == {"1": "given_name"}


def test_a_mapping_needs_both_names_and_a_key():
    problems = mapping_problems({"0": "given_name"})
    assert problems["family_name"] == "Choose the column that holds the last name"
    assert "record ID, the NHS number, or both the date of birth and the postcode" in problems[""]
    assert mapping_problems({"0": "given_name", "1": "family_name", "2": "nhs_number"}) == {}
    assert (
        mapping_problems(
            {"0": "given_name", "1": "family_name", "2": "date_of_birth", "3": "postcode"}
        )
        == {}
    )
    assert "" in mapping_problems({"0": "given_name", "1": "family_name", "2": "date_of_birth"})


def test_a_detail_chosen_for_two_columns_is_a_problem():
    problems = mapping_problems(
        {"0": "given_name", "1": "given_name", "2": "family_name", "3": "nhs_number"}
    )
    assert problems == {"given_name": "First name is chosen for 2 columns: choose it for one only"}


# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "27/03/1961",
        "27/3/1961",
        "27-03-1961",
        "27.03.1961",
        "1961-03-27",
        "1961-03-27T00:00:00",
        "1961-03-27 00:00:00",
        "27 March 1961",
        "27 Mar 1961",
        "27th March 1961",
        " 27/03/1961 ",
        "22367",
        22367,
        22367.0,
        dt.datetime(1961, 3, 27),
        dt.date(1961, 3, 27),
    ],
)
def test_dates_in_uk_iso_words_and_excel_forms_are_read(value):
    assert cleaned("date_of_birth", value) == "1961-03-27"


@pytest.mark.parametrize(
    "value, message",
    [
        ("03/27/1961", "not a real date"),
        ("31/02/1980", "not a real date"),
        ("27/03/61", "2-digit year"),
        ("next Tuesday", "not a date we recognise"),
        ("27 Marchember 1961", "month we do not recognise"),
        ("01/01/2030", "in the future"),
        ("01/01/1850", "before 1900"),
        ("22367.5", "not a date we recognise"),
        (22367.5, "number that is not a date"),
    ],
)
def test_dates_that_are_not_real_or_not_clear_are_refused(value, message):
    assert message in problem("date_of_birth", value)


# --- Identifiers and contact details ---------------------------------------------------------


def test_nhs_numbers_are_normalised_and_checked():
    assert cleaned("nhs_number", "943 476 5919") == "9434765919"
    assert cleaned("nhs_number", 9434765919) == "9434765919"
    assert cleaned("nhs_number", 9434765919.0) == "9434765919"
    assert (
        problem("nhs_number", "9434765918")
        == "NHS number is not a valid NHS number: a digit is wrong"
    )
    assert problem("nhs_number", "943476591") == "NHS number is not 10 digits long"
    assert "shortened by a spreadsheet" in problem("nhs_number", "9.43477E+09")


def test_postcodes_and_emails_are_checked():
    assert cleaned("postcode", " zz11aa ") == "ZZ1 1AA"
    assert problem("postcode", "nowhere") == "Postcode is not a UK postcode"
    assert cleaned("email", "ada@example.com") == "ada@example.com"
    assert problem("email", "ada at example") == "Email address is not an email address"


def test_phone_numbers_may_start_with_plus_but_not_lose_their_zero():
    assert cleaned("phone", "+44 7700 900123") == "+447700900123"
    assert cleaned("mobile", "07700 900123") == "+447700900123"
    assert "not a UK phone number" in problem("phone", "0770 090 01")
    assert "must start with 0 or +" in problem("phone", "7700900123")
    assert "dropped its first 0" in problem("phone", 7700900123)
    assert "characters a phone number cannot have" in problem("phone", "07700 ext 9")


# --- Hostile cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x")',
        "+SUM(A1)",
        "-2+3",
        "@SUM(A1)",
        "  =1+1",
        "=cmd|' /C calc'!A0",
        "\u200b=1+1",
        "\ufeff\u00a0@SUM(A1)",
    ],
)
@pytest.mark.parametrize("field", ["given_name", "town", "phone", "source_record_id"])
def test_cells_that_a_spreadsheet_could_run_as_a_formula_are_refused(field, value):
    message = problem(field, value)
    first = value.strip(" \u200b\ufeff\u00a0")[0]
    assert f"starts with '{first}', so a spreadsheet could run it as a formula" in message


def test_our_own_apostrophe_against_formulas_is_taken_off_a_corrected_file():
    assert cleaned("phone", "'+44 7700 900123") == "+447700900123"
    assert "formula" in problem("given_name", "'=1+1")
    assert cleaned("given_name", "O'Brien") == "O'Brien"


def test_values_longer_than_the_register_keeps_are_refused_not_cut():
    assert cleaned("town", "x" * 80) == "x" * 80
    assert problem("town", "x" * 81) == "Town or city is longer than 80 characters"
    assert problem("given_name", "x" * 5000) == "First name is longer than 100 characters"


def test_control_characters_in_a_value_are_refused():
    assert "control character" in problem("given_name", "Ada\x07")
    assert "control character" in problem("town", "Ash\nvale")


def test_missing_names_are_problems_and_other_blanks_are_empty():
    values, problems = clean_row(
        ["", "", ""], {"0": "given_name", "1": "family_name", "2": "town"}, today=TODAY
    )
    assert problems == ["First name is missing", "Last name is missing"]
    assert values["town"] == ""


def test_every_problem_of_a_row_is_reported_without_its_values():
    mapping = {"0": "given_name", "1": "date_of_birth", "2": "nhs_number"}
    _, problems = clean_row(["=evil", "31/02/1980", "1234567890"], mapping, today=TODAY)
    assert len(problems) == 3
    assert not any(value in " ".join(problems) for value in ["evil", "1980", "1234567890"])


# --- Keys ---------------------------------------------------------------------------------------


def test_a_row_is_known_by_its_record_id_nhs_number_and_name_with_birth_date_and_postcode():
    values = {
        "source_record_id": "CP1",
        "nhs_number": "9434765919",
        "given_name": "Zoë",
        "family_name": "O'Brien",
        "date_of_birth": "1961-03-27",
        "postcode": "ZZ1 1AA",
    }
    assert row_keys(values, "CarePoint") == [
        ("id", "carepoint\x1fCP1"),
        ("nhs", "9434765919"),
        ("person", "zoe\x1fobrien\x1f1961-03-27\x1fZZ1 1AA"),
    ]
    assert (
        row_keys({"given_name": "Ada", "family_name": "Fox", "date_of_birth": "1961-03-27"}, "X")
        == []
    )
