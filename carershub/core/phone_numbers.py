"""The hub's one phone number rule: checked by the phonenumbers library (region GB), stored in
E.164.

Every place that takes a number (the register, emergency plans, the helpline, imports, text
messages, the directory) calls ``normalise_phone_number``; every page shows one through
``format_phone_number``, as a link a phone can call through ``phone_link`` (the ``tel``
filter). See ADR 32.
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from markupsafe import Markup, escape

REGION = "GB"
INVALID = (
    "Enter a UK phone number, like 01632 960 001 or 07700 900 982, "
    "or an international number starting with +"
)
INVALID_MOBILE = (
    "Enter a mobile phone number, like 07700 900 982, or an international number starting with +"
)

# Ofcom keeps these ranges for drama and examples (ours, GOV.UK's and the demo's). Nobody can be
# reached on them, but the library does not know them, so they would refuse the very examples
# the error message gives. Stored as E.164 prefixes followed by three more digits.
_DRAMA_RANGES = ("+441632960", "+447700900", "+441154960")
_DRAMA_MOBILE = "+447700900"


def _parse(value):
    """A PhoneNumber, or None if the text cannot be read as one."""
    text = " ".join(str(value or "").split())
    if not text or any(ch.isalpha() for ch in text):
        return None
    try:
        return phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None


def _e164(number):
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_drama(e164):
    return len(e164) == 13 and e164.startswith(_DRAMA_RANGES)


def e164_or_none(value):
    """'07700 900123', '+44 7700 900123', '0044 7700 900123' -> '+447700900123';
    None if not a number.
    """
    number = _parse(value)
    if number is None:
        return None
    e164 = _e164(number)
    if phonenumbers.is_valid_number(number) or _is_drama(e164):
        return e164
    return None


def normalise_phone_number(value, *, message=INVALID):
    """The number in E.164 ('+447700900123'); raises ValidationError if it is not a real number."""
    e164 = e164_or_none(value)
    if e164 is None:
        raise ValidationError(message, code="phone_number")
    return e164


def normalise_mobile_number(value):
    """A number a text message can go to: a UK mobile, or any valid number outside the UK."""
    e164 = normalise_phone_number(value, message=INVALID_MOBILE)
    number = phonenumbers.parse(e164)
    if number.country_code == 44 and not (
        e164.startswith(_DRAMA_MOBILE)
        or phonenumbers.number_type(number)
        in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    ):
        raise ValidationError(INVALID_MOBILE, code="phone_number")
    return e164


def format_phone_number(value):
    """How people read a stored number: '07700 900123' in the UK, '+33 1 42 68 53 00' abroad.

    A number stored before the rule that the rule cannot read is shown as it was written.
    """
    if not value:
        return ""
    e164 = e164_or_none(value)
    if e164 is None:
        return str(value)
    number = phonenumbers.parse(e164)
    if number.country_code == 44:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_link(value):
    """A number people can tap to call: a ``tel:`` link in E.164, showing the number as
    ``format_phone_number`` does. Text the rule cannot read as a number is shown, unlinked."""
    if not value:
        return ""
    e164 = e164_or_none(value)
    if e164 is None:
        return escape(str(value))
    return Markup('<a class="govuk-link" href="tel:{}">{}</a>').format(
        e164, format_phone_number(e164)
    )


def _same_text(a, b):
    return "".join(str(a or "").split()) == "".join(str(b or "").split())


class PhoneNumberField(forms.CharField):
    """A phone number typed in any usual way, cleaned to E.164 and shown in national format.

    A number stored before the rule, which the rule refuses, is kept as it is when the field is
    sent back unchanged: correcting someone's address must not be blocked by an old number.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)
        self.error_messages["max_length"] = INVALID

    def prepare_value(self, value):
        return format_phone_number(value) if value and str(value).startswith("+") else value

    def _clean_bound_field(self, bf):
        # Django's hook that sees the bound field, so the value the page was opened with is known.
        stored = bf.initial
        if (
            not self.disabled
            and stored
            and (_same_text(bf.data, stored) or _same_text(bf.data, self.prepare_value(stored)))
        ):
            if e164_or_none(stored) is None:
                return str(stored)
        return super()._clean_bound_field(bf)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone_number(value) if value else ""


def stored_numbers_to_e164(app_label, numbers):
    """A data migration's forward step: each model's phone fields rewritten in E.164 where the rule
    reads them, and left exactly as written where it does not (shown that way, and blocking a save
    only when someone changes it). ``numbers`` is ``{"Model": ["field", ...]}``. Going back needs no
    step: every earlier version of the hub also reads E.164."""

    def to_e164(apps, schema_editor):
        for model_name, fields in numbers.items():
            model = apps.get_model(app_label, model_name)
            for row in model._base_manager.only("pk", *fields).iterator():
                changes = {}
                for field in fields:
                    value = getattr(row, field)
                    e164 = e164_or_none(value) if value else None
                    if e164 and e164 != value:
                        changes[field] = e164
                if changes:
                    model._base_manager.filter(pk=row.pk).update(**changes)

    return to_e164
