"""CSV files that are safe to open in a spreadsheet: no cell can run as a formula.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
leading tab or carriage return can hide such a start ("CSV injection", OWASP). So can any other
blank: spreadsheets skip spaces, line feeds and invisible characters (a zero-width space, a byte
order mark) before they look for the ``=``, so the first character that is not blank is the one
that counts. Every CSV the hub writes for people to open - exports, files of rejected import
rows - goes through ``neutralise``, which puts an apostrophe in front of such a cell so the
spreadsheet shows it as text.
"""

import csv
import io
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_blank(ch):
    # Spaces and line breaks of any script, control characters, and invisible format characters.
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def first_character(text):
    """The first character of ``text`` that is not blank, or "" if there is none."""
    return next((ch for ch in text if not _is_blank(ch)), "")


def starts_like_a_formula(text):
    """Whether a spreadsheet could read the cell as a formula: its first character that is not
    blank is ``=``, ``+``, ``-`` or ``@`` (or it starts with a tab or carriage return)."""
    if text.startswith(("\t", "\r")):
        return True
    first = first_character(text)
    # NFKC also catches the full-width and small forms (＝, ﹢) some spreadsheets accept.
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_STARTS


def neutralise(value):
    """The cell as text that no spreadsheet will run: ``'=1+1`` for ``=1+1`` and for `` =1+1``."""
    if value is None:
        return ""
    text = str(value)
    if starts_like_a_formula(text):
        return "'" + text
    return text


def undo_neutralise(text):
    """Take off the apostrophe that ``neutralise`` added, so a corrected file reads as typed."""
    if len(text) > 1 and text[0] == "'" and starts_like_a_formula(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` that neutralises every cell it writes."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def safe_csv_text(rows):
    """The rows as CSV text, every cell neutralised."""
    out = io.StringIO()
    SafeWriter(out).writerows(rows)
    return out.getvalue()
