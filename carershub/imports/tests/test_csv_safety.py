"""CSV files the hub writes can be opened in a spreadsheet without any cell running as a formula."""

import csv
import io
import re
from pathlib import Path

import pytest

import carershub
from carershub.core.csv_safety import SafeWriter, neutralise, safe_csv_text, undo_neutralise


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+44 7700 900123",
        "-2",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        '=HYPERLINK("http://example.com")',
        "=cmd|' /C calc'!A0",
        " =1+1",
        "\n=1+1",
        "  \n @SUM(A1)",
        "\u00a0-2+3",
        "\u200b=1+1",
        "\ufeff=1+1",
        "\u3000+1",
        "＝1+1",
    ],
)
def test_a_cell_a_spreadsheet_could_run_gets_an_apostrophe_in_front(value):
    assert neutralise(value) == "'" + value
    assert undo_neutralise(neutralise(value)) == value


@pytest.mark.parametrize(
    "value, written",
    [
        ("Ada", "Ada"),
        ("O'Brien", "O'Brien"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
        ("'quoted", "'quoted"),
    ],
)
def test_ordinary_cells_are_written_as_they_are(value, written):
    assert neutralise(value) == written
    assert undo_neutralise(written) == written


def test_the_writer_neutralises_every_cell_of_every_row():
    out = io.StringIO()
    SafeWriter(out).writerows([["Name", "Phone"], ["=evil()", "+44 7700 900123"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["Name", "Phone"],
        ["'=evil()", "'+44 7700 900123"],
    ]
    assert safe_csv_text([["@x", "y"]]) == "'@x,y\r\n"


def test_every_csv_or_spreadsheet_the_hub_writes_goes_through_the_safe_writer():
    """Found by reading the code, so a new export cannot skip neutralising."""
    root = Path(carershub.__file__).parent
    writes = re.compile(
        r"csv\.(writer|DictWriter)\(|openpyxl\.(Workbook|writer)|Workbook\(|xlsxwriter|\.to_csv\(|\.to_excel\("
    )
    # The benchmark writes fictional carers for the hub itself to import, never a file for people.
    allowed = {root / "core" / "csv_safety.py", root / "imports" / "bench.py"}
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts and path not in allowed
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if writes.search(line)
    ]
    assert not found, f"write spreadsheets with core.csv_safety.SafeWriter: {found}"
