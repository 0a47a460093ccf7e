"""UK identifiers checked by well-kept libraries: NHS numbers (modulus 11) and postcodes."""

import nhs_number
import uk_postcodes_parsing
from django import forms
from django.core.exceptions import ValidationError


def normalise_nhs_number(value):
    """'943 476 5919' -> '9434765919'; raises ValidationError if it is not a valid NHS number."""
    digits = "".join(ch for ch in str(value) if not ch.isspace() and ch != "-")
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            "Enter an NHS number that is 10 digits long, like 485 777 3456",
            code="nhs_number_length",
        )
    if not nhs_number.is_valid(digits):
        raise ValidationError(
            "Enter a valid NHS number: check each digit", code="nhs_number_checksum"
        )
    return digits


def format_nhs_number(digits):
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if digits else ""


def normalise_postcode(value):
    """' zz11aa ' -> 'ZZ1 1AA'; raises ValidationError if it is not a UK postcode format."""
    parsed = uk_postcodes_parsing.parse(str(value).strip(), attempt_fix=False)
    if parsed is None:
        raise ValidationError("Enter a real postcode, like SW1A 1AA", code="postcode")
    return parsed.postcode


class NHSNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_nhs_number(value) if value else ""


class PostcodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_postcode(value) if value else ""
