"""Small exports for tests, written as another case system would write them."""

import csv
import io

HEADINGS = ["Client ID", "Forename", "Surname", "DOB", "NHS No", "Postcode", "Telephone", "Email"]


def csv_bytes(rows, *, encoding="utf-8", delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def row(
    client_id="CP1",
    given="Ada",
    family="Foxglove",
    dob="27/03/1961",
    nhs="9434765919",
    postcode="ZZ1 1AA",
    phone="07700 900123",
    email="ada@example.com",
):
    return [client_id, given, family, dob, nhs, postcode, phone, email]


def person(n, **changes):
    """The n-th of many different carers (no NHS number unless given)."""
    values = {
        "client_id": f"CP{n}",
        "given": f"Carer{n}",
        "dob": f"{1 + n % 28:02d}/03/1961",
        "nhs": "",
    }
    return row(**{**values, **changes})


def export(*rows, headings=HEADINGS, **kwargs):
    """CSV bytes: a heading row, then the rows."""
    return csv_bytes([headings, *rows], **kwargs)


def xlsx_bytes(rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
