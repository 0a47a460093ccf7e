"""Whole numbers read from what someone typed or from a URL, range-checked before use.

Python turns any run of digits into an int, however long, but a date, a database column and an
OFFSET do not: ``dt.date(2026, 10**20, 1)`` and a slice at ``10**20`` raise ``OverflowError``
(a server error) instead of the ``ValueError`` a form expects. Every whole number the hub reads
from a request goes through ``whole_number``, which looks at the text's length before it converts.
"""

# Larger than any page, version or count the hub holds; small enough for a 64-bit column and an
# OFFSET on both databases, even multiplied by a page size.
LARGEST = 2**31 - 1


def whole_number(value, *, low=0, high=LARGEST):
    """``value`` (text, or an int) as an int if it is a whole number from ``low`` to ``high``, or
    None.

    Decimal digits of any script count ("١٢" is 12), with one leading minus sign if ``low`` is
    below zero; "²" is a digit to ``str.isdigit`` but not a number ``int`` reads.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        digits = text[1:] if text.startswith("-") and low < 0 else text
        # len() first: int() of thousands of digits costs time, and more than 4,300 raises.
        if (
            not digits
            or len(digits) > len(str(max(abs(low), abs(high)))) + 2
            or not digits.isdecimal()
        ):
            return None
        number = int(text)
    return number if low <= number <= high else None
