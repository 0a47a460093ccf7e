"""CSV files that are safe to open in a spreadsheet: no cell can run as a formula.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
leading tab or carriage return can hide such a start ("CSV injection", OWASP). Every CSV the hub
writes for people to open - exports, files of rejected import rows - goes through ``neutralise``,
which puts an apostrophe in front of such a cell so the spreadsheet shows it as text.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as text that no spreadsheet will run: ``'=1+1`` for ``=1+1``."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def undo_neutralise(text):
    """Take off the apostrophe that ``neutralise`` added, so a corrected file reads as typed."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
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
