"""CSV files the hub writes can be opened in a spreadsheet without any cell running as a formula."""

import csv
import io

import pytest

from carershub.core.csv_safety import SafeWriter, neutralise, safe_csv_text, undo_neutralise


@pytest.mark.parametrize("value", ["=1+1", "+44 7700 900123", "-2", "@SUM(A1)", "\t=1+1", "\r=1+1",
                                   "=HYPERLINK(\"http://example.com\")", "=cmd|' /C calc'!A0"])
def test_a_cell_a_spreadsheet_could_run_gets_an_apostrophe_in_front(value):
    assert neutralise(value) == "'" + value
    assert undo_neutralise(neutralise(value)) == value


@pytest.mark.parametrize("value, written", [
    ("Ada", "Ada"), ("O'Brien", "O'Brien"), ("a=b", "a=b"), ("", ""), (None, ""), (42, "42"), ("'quoted", "'quoted"),
])
def test_ordinary_cells_are_written_as_they_are(value, written):
    assert neutralise(value) == written
    assert undo_neutralise(written) == written


def test_the_writer_neutralises_every_cell_of_every_row():
    out = io.StringIO()
    SafeWriter(out).writerows([["Name", "Phone"], ["=evil()", "+44 7700 900123"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["Name", "Phone"], ["'=evil()", "'+44 7700 900123"]]
    assert safe_csv_text([["@x", "y"]]) == "'@x,y\r\n"
