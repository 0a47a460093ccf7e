"""Reading exports: encodings, file types and shapes,
and the clear refusal of what cannot be read.
"""

import codecs
import datetime as dt
import io
import zipfile

import pytest

from carershub.imports.reading import UnreadableFile, read_table
from carershub.imports.tests.helpers import HEADINGS, csv_bytes, export, row, xlsx_bytes


def rows_of(table):
    return list(table.rows())


def test_utf8_with_excels_byte_order_mark_reads_the_first_heading_cleanly():
    table = read_table(codecs.BOM_UTF8 + export(row(given="Zoë")), "export.csv")
    assert table.headings[0] == "Client ID"  # not "\ufeffClient ID"
    assert table.encoding == "UTF-8"
    assert rows_of(table) == [(2, row(given="Zoë"))]
    assert table.notes == []


def test_utf8_without_a_byte_order_mark():
    table = read_table(export(row(given="Zoë")), "export.csv")
    assert rows_of(table)[0][1][1] == "Zoë"


def test_windows_1252_is_read_and_the_page_is_told_which_encoding_was_used():
    data = export(
        row(given="Zoë", family="Brontë"),
        row(client_id="CP2", given="José", family="Núñez"),
        encoding="cp1252",
    )
    table = read_table(data, "export.csv")
    assert table.encoding == "Windows-1252 (Western European)"
    assert [cells[1:3] for _, cells in rows_of(table)] == [["Zoë", "Brontë"], ["José", "Núñez"]]
    assert "read as Windows-1252" in table.notes[0]


def test_utf16_with_a_byte_order_mark_as_excel_saves_unicode_text():
    data = codecs.BOM_UTF16_LE + csv_bytes(
        [HEADINGS, row(given="Zoë")], encoding="utf-16-le", delimiter="\t"
    )
    table = read_table(data, "export.txt")
    assert table.delimiter == "\t"
    assert rows_of(table)[0][1][1] == "Zoë"


def test_a_file_mixing_utf8_and_windows_1252_lines_is_refused_naming_the_lines():
    data = export(row(given="Zoë")) + csv_bytes(
        [row(client_id="CP2", given="José")], encoding="cp1252"
    )
    with pytest.raises(
        UnreadableFile, match=r"mixes two text encodings: line 2 is in UTF-8 but line 3 is not"
    ):
        read_table(data, "export.csv")


def test_a_file_whose_encoding_cannot_be_told_is_refused():
    data = export(row()) + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3 + b",x\r\n"
    with pytest.raises(UnreadableFile, match="could not tell which text encoding"):
        read_table(data, "export.csv")


def test_a_utf16_file_without_its_marker_or_a_binary_file_is_refused():
    with pytest.raises(UnreadableFile, match="not a plain text CSV file"):
        read_table(export(row(given="Zoë"), encoding="utf-16-le"), "export.csv")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("export.xls", b"\xd0\xcf\x11\xe0rest", "CSV file or an Excel workbook"),
        ("export.xlsm", b"PK\x03\x04rest", "CSV file or an Excel workbook"),
        ("export.pdf", b"%PDF-1.7", "CSV file"),
        ("export.xlsx", b"Client ID,Forename\r\n", "not an Excel workbook"),
        ("export.csv", b"%PDF-1.7 rest", "not a CSV file"),
        ("export.csv", b"PK\x03\x04 rest", "not a CSV file"),
        ("export.csv", b"", "The file is empty"),
        ("export.csv", b"\r\n\r\n", "no rows"),
        ("export.csv", b"Client ID,Forename\r\n\r\n", "no carers in it"),
    ],
)
def test_files_that_are_not_exports_are_refused_with_a_reason(name, content, message):
    with pytest.raises(UnreadableFile, match=message):
        read_table(content, name)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        read_table(out.getvalue(), "export.xlsx")


def test_a_cell_longer_than_the_csv_limit_refuses_the_file_with_its_line():
    data = export(row(), row(client_id="CP2", given="x" * 200_000))
    with pytest.raises(UnreadableFile, match="Line 3 has a value longer than 131,072 characters"):
        read_table(data, "export.csv")


def test_blank_lines_are_kept_with_their_line_numbers_and_not_counted():
    data = b"\r\n" + export(row(), [], row(client_id="CP2"))
    table = read_table(data, "export.csv")
    assert table.heading_line == 2
    assert table.row_estimate == 2
    assert [line for line, _ in rows_of(table)] == [3, 4, 5]


def test_a_quoted_value_over_two_lines_keeps_the_line_number_of_its_first_line():
    data = export(row(given="Ada\nMary"), row(client_id="CP2"))
    assert [line for line, _ in rows_of(read_table(data, "export.csv"))] == [2, 4]


def test_semicolon_separated_files_are_recognised():
    table = read_table(export(row(), delimiter=";"), "export.csv")
    assert table.delimiter == ";"
    assert table.headings == HEADINGS


def test_an_excel_workbook_gives_typed_cells_and_row_numbers():
    data = xlsx_bytes(
        [HEADINGS, row(dob=dt.datetime(1961, 3, 27)), [None] * 8, row(client_id=42, nhs=9434765919)]
    )
    table = read_table(data, "export.xlsx")
    assert table.format == "xlsx"
    assert table.headings == HEADINGS
    lines = rows_of(table)
    assert [line for line, _ in lines] == [2, 3, 4]
    assert lines[0][1][3] == dt.datetime(1961, 3, 27)
    assert lines[2][1][0] == 42


def test_only_the_first_sheet_of_a_workbook_is_read_and_the_page_says_so():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADINGS)
    workbook.active.append(row())
    workbook.create_sheet("Notes").append(["ignore me"])
    out = io.BytesIO()
    workbook.save(out)
    table = read_table(out.getvalue(), "export.xlsx")
    assert "only the first" in table.notes[0]


def test_a_workbook_with_only_headings_is_refused():
    with pytest.raises(UnreadableFile, match="no carers in it"):
        read_table(xlsx_bytes([HEADINGS]), "export.xlsx")


def test_a_heading_row_too_wide_or_too_long_to_be_headings_is_refused():
    with pytest.raises(UnreadableFile, match="has 201 columns; the hub reads at most 200"):
        read_table(csv_bytes([[f"h{n}" for n in range(201)], ["x"] * 201]), "export.csv")
    with pytest.raises(UnreadableFile, match="Column 2 of line 1 is longer than 100 characters"):
        read_table(csv_bytes([["Forename", "x" * 101], ["Ada", "y"]]), "export.csv")
