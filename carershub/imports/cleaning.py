"""Checking one row of an export: each value cleaned the way the register stores it, or a reason.

Reasons name the column and the problem but never repeat the value: they are shown on pages,
printed by the command and written beside the original row in the rejected-rows file, which
already holds the value for the person correcting it.
"""

import datetime as dt
import math
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from carershub.carers.duplicates import fold
from carershub.core.csv_safety import first_character, starts_like_a_formula, undo_neutralise
from carershub.core.phone_numbers import e164_or_none
from carershub.core.validators import normalise_nhs_number, normalise_postcode
from carershub.imports.mapping import REQUIRED, TARGETS_BY_NAME
from carershub.imports.reading import excel_text

PHONE_FIELDS = {"phone", "mobile"}
_PHONE = re.compile(r"^\+?[0-9 ()-]+$")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}
_MONTHS["sept"] = 9
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][0-9:.]+z?)?$"
)  # text is lower-cased first
_WORDS_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{2,4})$")
# Excel counts days from 1 January 1900 (and wrongly believes 1900 was a leap year).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIAL = re.compile(r"^\d{1,5}(?:\.0+)?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)


class Problem(Exception):
    pass


def _text(value):
    """A cell as stripped text, with the apostrophe our own rejected-rows files add taken off."""
    return undo_neutralise(excel_text(value).strip()).strip()


def _date(value, label, today):
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        day = _from_excel_serial(value, label)
    else:
        day = _date_from_text(_text(value).lower(), label)
    if day > today:
        raise Problem(f"{label} is in the future")
    if day.year < 1900:
        raise Problem(f"{label} is before 1900: check the year")
    return day


# Excel's last date, 31/12/9999, as a serial number: anything larger is not a date.
_EXCEL_LAST_SERIAL = 2_958_465


def _from_excel_serial(number, label):
    if (
        not math.isfinite(number)
        or number != int(number)
        or number < 61
        or number > _EXCEL_LAST_SERIAL
    ):
        raise Problem(f"{label} is a number that is not a date: write it like 27/03/1961")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _date_from_text(text, label):
    if _EXCEL_SERIAL.match(text):
        return _from_excel_serial(float(text), label)
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _NUMERIC_DATE.match(text):
        day, month, year = match.groups()
    elif match := _WORDS_DATE.match(text):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name)
        if month is None:
            raise Problem(f"{label} has a month we do not recognise: write it like 27/03/1961")
    else:
        raise Problem(f"{label} is not a date we recognise: write it like 27/03/1961")
    if len(str(year)) != 4:
        raise Problem(f"{label} has a 2-digit year: write the year in full, like 27/03/1961")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise Problem(
            f"{label} is not a real date (the day and month are read as dd/mm/yyyy)"
        ) from exc


def _nhs_number(value, label):
    text = _text(value)
    if _SCIENTIFIC.match(text):
        raise Problem(
            f"{label} was shortened by a spreadsheet (it shows as a number like 9.43E+09): "
            "format the column as text and export again"
        )
    try:
        return normalise_nhs_number(text)
    except ValidationError as exc:
        if exc.code == "nhs_number_length":
            raise Problem(f"{label} is not 10 digits long") from exc
        raise Problem(f"{label} is not a valid NHS number: a digit is wrong") from exc


def _postcode(value, label):
    try:
        return normalise_postcode(_text(value))
    except ValidationError as exc:
        raise Problem(f"{label} is not a UK postcode") from exc


def _email(value, label):
    text = _text(value)
    try:
        validate_email(text)
    except ValidationError as exc:
        raise Problem(f"{label} is not an email address") from exc
    return text


def _phone(value, label, numeric_cell):
    text = _text(value)
    if numeric_cell:
        raise Problem(
            f"{label} is stored as a number, so the spreadsheet has dropped its first 0: format "
            "the column as text and export again"
        )
    if not _PHONE.match(text):
        raise Problem(f"{label} has characters a phone number cannot have")
    if not text.startswith(("0", "+")):
        raise Problem(f"{label} must start with 0 or + (a spreadsheet may have dropped the 0)")
    e164 = e164_or_none(text)
    if e164 is None:
        raise Problem(
            f"{label} is not a UK phone number, like 01632 960 001 or 07700 900 982, "
            "or an international number starting with +"
        )
    return e164


def _plain_text(value, target):
    text = _text(value)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise Problem(f"{target.label} contains a line break, tab or other control character")
    if target.max_length and len(text) > target.max_length:
        raise Problem(f"{target.label} is longer than {target.max_length} characters")
    return text


def _looks_like_formula(text, target_name):
    if not starts_like_a_formula(text):
        return False
    if target_name in PHONE_FIELDS and text.startswith("+") and _PHONE.match(text):
        return False  # an international number: +44 7700 900123
    return True


def clean_row(cells, mapping, *, today=None):
    """(values, problems) for one row. ``values`` is JSON-safe (dates as ISO text)."""
    today = today or dt.date.today()
    values, problems = {}, []
    for index, target_name in mapping.items():
        target = TARGETS_BY_NAME[target_name]
        raw = cells[int(index)] if int(index) < len(cells) else None
        numeric_cell = isinstance(raw, int | float) and not isinstance(raw, bool)
        text = _text(raw)
        if not text:
            if target_name in REQUIRED:
                problems.append(f"{target.label} is missing")
            values[target_name] = None if target_name == "date_of_birth" else ""
            continue
        if _looks_like_formula(text, target_name):
            problems.append(
                f"{target.label} starts with '{first_character(text)}', so a spreadsheet could "
                "run it as a formula: remove the symbol or correct the value"
            )
            continue
        try:
            if target_name == "date_of_birth":
                values[target_name] = _date(raw, target.label, today).isoformat()
            elif target_name == "nhs_number":
                values[target_name] = _nhs_number(raw, target.label)
            elif target_name == "postcode":
                values[target_name] = _postcode(raw, target.label)
            else:
                value = _plain_text(raw, target)
                if target_name == "email":
                    value = _email(value, target.label)
                elif target_name in PHONE_FIELDS:
                    value = _phone(value, target.label, numeric_cell)
                values[target_name] = value
        except Problem as problem:
            problems.append(str(problem))
    return values, problems


# --- Keys: how a row is recognised as a carer already on the register -----------------------

KEY_NAMES = {
    "id": "same record ID",
    "nhs": "same NHS number",
    "person": "same name, date of birth and postcode",
}


def row_keys(values, source_system):
    """Every key this row can be matched by, strongest first.

    The record ID in the source system is the key of a repeat import; the NHS number also
    matches a carer registered by hand or from another system; name, date of birth and
    postcode together are the last resort. A row is already on the register when any key
    matches, so a carer is never added twice because one file had an ID and another did not.
    """
    keys = []
    if values.get("source_record_id"):
        keys.append(("id", f"{source_system.casefold()}\x1f{values['source_record_id']}"))
    if values.get("nhs_number"):
        keys.append(("nhs", values["nhs_number"]))
    if values.get("date_of_birth") and values.get("postcode"):
        name = f"{fold(values.get('given_name', ''))}\x1f{fold(values.get('family_name', ''))}"
        keys.append(("person", f"{name}\x1f{values['date_of_birth']}\x1f{values['postcode']}"))
    return keys


def carer_keys(
    source_system,
    source_record_id,
    nhs_number,
    given_name,
    family_name,
    date_of_birth,
    postcode,
    *,
    this_source,
):
    """The keys of a carer already on the register, in the same form as ``row_keys``."""
    values = {
        "source_record_id": source_record_id
        if (source_system or "").casefold() == this_source.casefold()
        else "",
        "nhs_number": nhs_number,
        "given_name": given_name,
        "family_name": family_name,
        "date_of_birth": date_of_birth.isoformat() if date_of_birth else None,
        "postcode": postcode,
    }
    return row_keys(values, this_source)
