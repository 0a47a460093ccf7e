"""Letters are real PDFs, laid out for a windowed envelope, readable by a screen reader."""

import io

import pypdf
import pytest

from carershub.notifications import letters, services
from carershub.notifications.tests.factories import ADDRESS, REGISTERED_LETTER

MM_PER_POINT = 25.4 / 72


@pytest.fixture
def letter(manager_actor, partnership):
    partnership.website = "https://testshire-carers.example"
    partnership.save()
    notification = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
    )
    services.deliver(notification.pk)
    notification.refresh_from_db()
    return notification


@pytest.fixture
def pdf(letter):
    return pypdf.PdfReader(io.BytesIO(bytes(letter.letter_pdf)))


def text_positions(page):
    """Each piece of text on the page with its position in mm from the paper's top-left corner."""
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append((text.strip(), x * MM_PER_POINT, (height - y) * MM_PER_POINT))

    page.extract_text(visitor_text=visit)
    return found


def test_a_letter_is_a_real_pdf_with_the_recipients_name_and_the_letters_text(pdf):
    text = " ".join(
        " ".join(page.extract_text() for page in pdf.pages).split()
    )  # lines wrap anywhere

    assert "Ada Foxglove" in text
    assert "You are registered with Testshire Carers Partnership" in text
    assert "Dear Ada Foxglove" in text
    assert "Your carer reference is C-7KQ2-MX9P" in text
    assert "Call our helpline on 0808 157 0000" in text
    assert "Yours sincerely" in text


def test_a_reference_or_phone_number_is_never_split_across_two_lines(pdf):
    lines = pdf.pages[0].extract_text().splitlines()

    assert any("C-7KQ2-MX9P" in line for line in lines)
    assert any("0808 157 0000 if you need help" in line for line in lines)


def test_a_letter_comes_from_the_partnership_and_the_sending_organisation(pdf, letter):
    text = " ".join(pdf.pages[0].extract_text().split())

    assert "Testshire Carers Partnership" in text
    assert "Testshire Carers Centre" in text
    assert "Helpline: 0808 157 0000" in text
    assert "https://testshire-carers.example" in text
    assert f"{letter.created_at.day} {letter.created_at:%B %Y}" in text


def test_every_page_is_a4(pdf):
    for page in pdf.pages:
        assert round(float(page.mediabox.width) * MM_PER_POINT) == 210
        assert round(float(page.mediabox.height) * MM_PER_POINT) == 297


def test_the_address_shows_through_the_envelope_window(pdf):
    window = letters.ADDRESS_WINDOW
    positions = {text: (x, y) for text, x, y in text_positions(pdf.pages[0])}

    for line in ADDRESS:
        x, y = positions[line]  # y is the text's baseline
        assert window["left"] <= x <= window["right"], f"{line!r} starts {x:.1f}mm from the left"
        assert window["top"] <= y <= window["bottom"], f"{line!r} sits {y:.1f}mm from the top"


def test_the_letter_text_starts_below_the_address_area(pdf):
    positions = {text: y for text, _, y in text_positions(pdf.pages[0])}

    assert positions["You are registered with Testshire Carers Partnership"] > 95


def test_nothing_is_printed_where_notify_puts_its_tag(pdf):
    """GOV.UK Notify prints "NOTIFY" in the top-left corner of the first page (15mm by 6mm)."""
    for text, x, y in text_positions(pdf.pages[0]):
        assert not (x < 15.2 and y < 6.2 + 4), f"{text!r} is in the Notify tag area"


def test_the_letter_is_a_tagged_pdf_in_british_english_with_a_title(pdf):
    root = pdf.trailer["/Root"]

    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert pdf.metadata.title == "You are registered with Testshire Carers Partnership"


def test_text_in_a_letter_is_printed_as_text_and_never_fetches_anything(manager_actor):
    notification = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        actor=manager_actor,
        personalisation={**REGISTERED_LETTER, "full_name": '<img src="file:///etc/hostname"> Ada'},
    )

    pdf = pypdf.PdfReader(io.BytesIO(letters.letter_pdf(notification)))

    assert 'Dear <img src="file:///etc/hostname"> Ada' in pdf.pages[0].extract_text()
