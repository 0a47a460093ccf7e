"""The one phone number rule: what it accepts, how it keeps and shows a number,
and what it refuses.
"""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from carershub.core.phone_numbers import (
    INVALID,
    PhoneNumberField,
    e164_or_none,
    format_phone_number,
    normalise_mobile_number,
    normalise_phone_number,
)


@pytest.mark.parametrize(
    "typed",
    [
        "07700 900123",
        "+44 7700 900123",
        "07700900123",
        "0044 7700 900123",
        "07700-900-123",
        "(07700) 900123",
        " 07700  900 123 ",
    ],
)
def test_a_uk_mobile_typed_any_usual_way_is_kept_in_e164(typed):
    assert normalise_phone_number(typed) == "+447700900123"


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("020 7946 0123", "+442079460123"),
        ("0113 496 0000", "+441134960000"),
        ("01632 960 001", "+441632960001"),
        ("0808 157 0192", "+448081570192"),
        ("+33 1 42 68 53 00", "+33142685300"),
        ("+1 202 555 0143", "+12025550143"),
    ],
)
def test_landlines_freephone_and_international_numbers_are_kept_in_e164(typed, kept):
    assert normalise_phone_number(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "0770 090",
        "077009009",
        "077009009821",
        "0163296000",
        "12345",
        "+44 12345",
        "call me",
        "07700 900123 ext 2",
        "+999 1234 5678",
    ],
)
def test_anything_that_is_not_a_real_number_is_refused_in_plain_english(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone_number(typed)
    assert refused.value.messages == [
        "Enter a UK phone number, like 01632 960 001 or 07700 900 982, or an international "
        "number starting with +"
    ]
    assert e164_or_none(typed) is None


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("+447700900123", "07700 900123"),
        ("+442079460123", "020 7946 0123"),
        ("+441632960001", "01632 960001"),
        ("+33142685300", "+33 1 42 68 53 00"),
        (
            "0770 090",
            "0770 090",
        ),  # stored before the rule and refused by it: shown as it was written
        ("", ""),
    ],
)
def test_a_stored_number_is_shown_in_national_format(stored, shown):
    assert format_phone_number(stored) == shown


def test_text_messages_go_only_to_mobiles_or_numbers_abroad():
    assert normalise_mobile_number("07700 900982") == "+447700900982"
    assert normalise_mobile_number("07911 123456") == "+447911123456"
    assert normalise_mobile_number("+33 6 12 34 56 78") == "+33612345678"
    for landline in ["020 7946 0123", "01632 960 001"]:
        with pytest.raises(ValidationError, match="Enter a mobile phone number"):
            normalise_mobile_number(landline)


class ContactForm(forms.Form):
    phone = PhoneNumberField(label="Phone number", required=False)
    town = forms.CharField(required=False)


def test_the_field_cleans_to_e164_and_shows_a_stored_number_nationally():
    form = ContactForm({"phone": "07700 900 123", "town": ""})
    assert form.is_valid() and form.cleaned_data["phone"] == "+447700900123"
    assert 'value="07700 900123"' in str(ContactForm(initial={"phone": "+447700900123"})["phone"])


def test_an_old_number_the_rule_refuses_blocks_a_save_only_when_that_field_changes():
    stored = {"phone": "0770 090", "town": "Leeds"}
    unchanged = ContactForm({"phone": "0770 090", "town": "York"}, initial=stored)
    assert unchanged.is_valid(), unchanged.errors
    assert unchanged.cleaned_data["phone"] == "0770 090"
    changed = ContactForm({"phone": "0770 091", "town": "York"}, initial=stored)
    assert not changed.is_valid()
    assert changed.errors["phone"] == [INVALID]


def test_a_number_too_long_for_the_field_gets_the_same_plain_english_error():
    form = ContactForm({"phone": "0" * 31})
    assert form.errors["phone"] == [INVALID]
