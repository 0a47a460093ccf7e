"""Reading another system's export: CSV in whatever encoding it came in, or an Excel workbook.

Everything here refuses a file it cannot read with certainty, with a message a hub manager can
act on (``UnreadableFile``), rather than guess and store mangled names. A file is checked
for its type by its content, not only its name: an Excel workbook is a zip archive holding a
workbook, and a CSV file is text.
"""

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

import charset_normalizer

CSV = "csv"
XLSX = "xlsx"

# Big enough for any real export (100,000 carers is about 15 MB), small enough to read at once.
MAX_FILE_BYTES = 50 * 1024 * 1024
# An Excel file is a zip: refuse one that would unpack to far more than any export needs.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
# Python's csv module refuses a cell longer than this; say so in words.
MAX_CELL_CHARACTERS = csv.field_size_limit()

# More columns than any case system exports: a file with more is not what it seems.
MAX_COLUMNS = 200
MAX_HEADING_CHARACTERS = 100

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}

ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
}


class UnreadableFile(Exception):
    """The file cannot be read safely; the message says why and what to do, in plain English."""


@dataclass
class Table:
    """A file's heading row and a way to go through its other rows, each with its line number."""

    format: str
    headings: list
    heading_line: int
    row_estimate: int
    encoding: str = ""
    delimiter: str = ""
    notes: list = field(default_factory=list)
    _rows: object = None

    def rows(self):
        """(line number, cells) for every row after the headings, blank ones included."""
        return self._rows()


def file_format(name, head):
    """'csv' or 'xlsx' from the file's name and first bytes; refuse anything else."""
    lower = (name or "").lower()
    if lower.endswith((".xls", ".xlsm", ".xlsb", ".ods", ".numbers")):
        raise UnreadableFile(
            "The file must be a CSV file or an Excel workbook (.xlsx). Open it in Excel or the "
            "other system and save it as 'CSV UTF-8' or 'Excel workbook (.xlsx)'."
        )
    is_zip = head.startswith(b"PK\x03\x04")
    if lower.endswith(".xlsx"):
        if not is_zip:
            raise UnreadableFile(
                "The file is named .xlsx but is not an Excel workbook. Save it again from Excel."
            )
        return XLSX
    if lower.endswith((".csv", ".txt", ".tsv")):
        if is_zip or head.startswith((b"\xd0\xcf\x11\xe0", b"%PDF")):
            raise UnreadableFile(
                "The file is named .csv but is not a CSV file (it looks like a spreadsheet or a "
                "document). Save it as 'CSV UTF-8' and upload it again."
            )
        return CSV
    raise UnreadableFile("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")


def read_table(data, name):
    """A ``Table`` for the file's bytes: the format, encoding and headings worked out."""
    if not data:
        raise UnreadableFile("The file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"The file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    fmt = file_format(name, data[:8])
    if fmt == XLSX:
        return _read_xlsx(data)
    text, encoding = decode(data)
    return _read_csv(text, encoding)


# --- CSV -------------------------------------------------------------------------------------


def decode(data):
    """(text, encoding name) for a CSV file's bytes, or UnreadableFile.

    UTF-8 (with or without Excel's byte-order mark) and UTF-16 with a byte-order mark are read
    as they are. Otherwise the file must be in one encoding throughout: Windows-1252 (what Excel
    on Windows saves as plain "CSV") when that reads as real words, else another encoding only
    when charset-normalizer recognises a language in it. A file that mixes encodings, or whose
    encoding cannot be told, is refused: guessing would store mangled names.
    """
    if data.startswith(codecs.BOM_UTF8):
        codec = "utf_8_sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf_16"
    else:
        codec = None
    if codec:
        try:
            return data.decode(codec), ENCODING_NAMES[codec]
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                f"The file starts with a {ENCODING_NAMES[codec]} marker but is not all in "
                f"{ENCODING_NAMES[codec]} (line {_line_at(data, exc.start)}). Save it again as "
                "'CSV UTF-8'."
            ) from exc
    if b"\x00" in data:
        raise UnreadableFile(
            "The file is not a plain text CSV file (it may be a 'Unicode text' file or not text at "
            "all). Save it as 'CSV UTF-8' and upload it again."
        )
    try:
        return data.decode("utf_8"), ENCODING_NAMES["utf_8"]
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encodings(data)
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None:
        return data.decode("cp1252"), ENCODING_NAMES["cp1252"]
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.coherence >= 0.2 and guess.language != "Unknown":
        return str(guess), guess.encoding.replace("_", "-").upper()
    raise UnreadableFile(
        "We could not tell which text encoding the file uses. Save it from the other system or "
        "from Excel as 'CSV UTF-8' and upload it again."
    )


def _refuse_mixed_encodings(data):
    """Refuse a file where some lines are UTF-8 and others are not (two exports pasted together)."""
    utf8_line = other_line = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf_8")
            utf8_line = utf8_line or number
        except UnicodeDecodeError:
            other_line = other_line or number
        if utf8_line and other_line:
            raise UnreadableFile(
                f"The file mixes two text encodings: line {utf8_line} is in UTF-8 but line "
                f"{other_line} is not. Save the whole file again as 'CSV UTF-8' and upload it "
                "again."
            )


def _line_at(data, offset):
    return data.count(b"\n", 0, offset) + 1


def _delimiter(heading_line):
    counts = {d: heading_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_records(text, delimiter):
    """(first line number, cells) for each record; a record may span lines inside quotes."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            if "field larger than field limit" in str(exc):
                raise UnreadableFile(
                    f"Line {line} has a value longer than {MAX_CELL_CHARACTERS:,} characters, "
                    "which no carer's details need. Check the file was exported correctly."
                ) from exc
            raise UnreadableFile(f"Line {line} could not be read as CSV ({exc}).") from exc
        yield start, cells
        start = reader.line_num + 1


def _check_headings(headings, line):
    if len(headings) > MAX_COLUMNS:
        raise UnreadableFile(
            f"The heading row (line {line}) has {len(headings):,} columns; the hub reads at most "
            f"{MAX_COLUMNS}. Remove the columns you do not need and upload it again."
        )
    for index, heading in enumerate(headings, start=1):
        if len(heading) > MAX_HEADING_CHARACTERS:
            raise UnreadableFile(
                f"Column {index} of line {line} is longer than {MAX_HEADING_CHARACTERS} "
                "characters, so it cannot be a heading. The first row of the file must hold the "
                "column headings."
            )


def _is_blank(cells):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _read_csv(text, encoding):
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise UnreadableFile("The file has no rows")
    delimiter = _delimiter(first_line)
    headings, heading_line, count = None, 0, 0
    for line, cells in _csv_records(text, delimiter):
        if headings is None:
            if not _is_blank(cells):
                headings, heading_line = [c.strip() for c in cells], line
        elif not _is_blank(cells):
            count += 1
    if not headings:
        raise UnreadableFile("The file has no heading row")
    _check_headings(headings, heading_line)
    if count == 0:
        raise UnreadableFile("The file has a heading row but no carers in it")

    def rows():
        for line, cells in _csv_records(text, delimiter):
            if line > heading_line:
                yield line, cells

    notes = []
    if encoding not in {"UTF-8", "UTF-16"}:
        notes.append(
            f"The file is not in UTF-8: it was read as {encoding}. Check that names with accents "
            "look right in the other system's export before importing."
        )
    return Table(CSV, headings, heading_line, count, encoding, delimiter, notes, rows)


# --- Excel -----------------------------------------------------------------------------------


def _check_archive(data):
    """Refuse a file that is not a whole workbook archive, or that unpacks to far too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(
            "The Excel workbook is damaged. Open it in Excel and save it again."
        ) from exc
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(
            "The file is not an Excel workbook. Save it from Excel as 'Excel workbook (.xlsx)'."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            "The Excel workbook is too big to import. Save it as 'CSV UTF-8' and upload that."
        )


def _open_workbook(data):
    # Loaded only when a spreadsheet is read: openpyxl takes over a second to import, and most
    # imports are CSV. With defusedxml installed, openpyxl refuses XML entity tricks.
    import openpyxl

    _check_archive(data)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or hostile workbook
        raise UnreadableFile(
            "The Excel workbook could not be opened. Open it in Excel and save it again."
        ) from exc


def _sheet_rows(sheet):
    """(line number, cells) for every row of the sheet, blank ones included."""
    try:
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(cells)
    except Exception as exc:  # a damaged sheet fails part-way, in many ways
        raise UnreadableFile(
            "Part of the Excel workbook could not be read. Open it in Excel and save it again."
        ) from exc


def _sheet_headings(sheet):
    """(headings, heading line, estimated number of carer rows) for the sheet."""
    headings, heading_line, count = None, 0, 0
    # Reading a big workbook takes seconds for every 10,000 rows, so when the sheet says how
    # many rows it has (Excel and most exporters do), that is the estimate; else count them.
    declared = sheet.max_row
    for line, cells in _sheet_rows(sheet):
        if headings is None:
            if not _is_blank(cells):
                headings = [excel_text(c).strip() for c in cells]
                heading_line = line
                if declared:
                    count = declared - heading_line
                    break
        elif not _is_blank(cells):
            count += 1
    if not headings:
        raise UnreadableFile("The workbook's first sheet is empty")
    while headings and not headings[-1]:
        headings.pop()  # Excel often reports formatted but empty columns on the right
    _check_headings(headings, heading_line)
    if count <= 0:
        raise UnreadableFile("The workbook has a heading row but no carers in it")
    return headings, heading_line, count


def _read_xlsx(data):
    workbook = _open_workbook(data)
    sheet = workbook.worksheets[0]
    notes = []
    if len(workbook.worksheets) > 1:
        notes.append(
            f"The workbook has {len(workbook.worksheets)} sheets: only the first, "
            f"'{sheet.title}', was read."
        )
    headings, heading_line, count = _sheet_headings(sheet)

    def rows():
        for line, cells in _sheet_rows(sheet):
            if line > heading_line:
                yield line, cells[: len(headings)] + [None] * (len(headings) - len(cells))

    return Table(XLSX, headings, heading_line, count, "", "", notes, rows)


def excel_text(value):
    """A cell from a workbook as the text a person would see (for headings and rejected rows)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
