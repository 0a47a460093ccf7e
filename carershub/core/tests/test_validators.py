import pytest
from django.core.exceptions import ValidationError

from carershub.core.validators import format_nhs_number, normalise_nhs_number, normalise_postcode


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919", " 9434765919 "])
def test_nhs_numbers_are_accepted_with_spaces_or_dashes(typed):
    assert normalise_nhs_number(typed) == "9434765919"


def test_an_nhs_number_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError, match="check each digit"):
        normalise_nhs_number("9434765918")


@pytest.mark.parametrize("typed", ["943476591", "94347659190", "94347A5919"])
def test_an_nhs_number_must_be_ten_digits(typed):
    with pytest.raises(ValidationError, match="10 digits"):
        normalise_nhs_number(typed)


def test_nhs_numbers_are_shown_in_three_groups():
    assert format_nhs_number("9434765919") == "943 476 5919"


@pytest.mark.parametrize(
    "typed, stored", [("sw1a1aa", "SW1A 1AA"), (" B1 1AA ", "B1 1AA"), ("ec1a 1bb", "EC1A 1BB")]
)
def test_postcodes_are_stored_in_their_standard_form(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["not a postcode", "12345", "A1 1AAA", ""])
def test_things_that_are_not_postcodes_are_refused(typed):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        normalise_postcode(typed)
