"""UK phone numbers, checked simply: digits and spaces, 10 or 11 digits starting 0, or +44.

A full numbering-plan check would refuse numbers people really give (a new range, a number
abroad written as a note); the hub only needs to catch a digit missed or one too many.
"""

from django.core.exceptions import ValidationError

INVALID = "Enter a phone number, like 01632 960 001 or 07700 900 982"


def normalise_phone_number(value):
    """'07700  900982' -> '07700 900982'; '+44 7700 900982' is kept as written.

    Raises ValidationError unless, with +44 read as 0, it is 10 or 11 digits starting 0 (and not 00).
    """
    written = " ".join(str(value).split())
    compact = written.replace(" ", "")
    national = "0" + compact[3:] if compact.startswith("+44") else compact
    if not national.isdigit() or not 10 <= len(national) <= 11 or not national.startswith("0") or national[1] == "0":
        raise ValidationError(INVALID, code="phone_number")
    return written
