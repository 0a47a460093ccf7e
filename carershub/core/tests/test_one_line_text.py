"""Line breaks never reach an email subject, an HTTP header or a download's file name: such text
is made one line on its way out, whatever was stored."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse

import carershub
from carershub.core.text import download_name, one_line, set_download
from carershub.notifications.message_templates import TEMPLATES

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x00"]


@pytest.mark.parametrize("brk", BREAKS)
def test_text_made_one_line_has_no_line_break_or_control_character(brk):
    assert one_line(f"Tea{brk}Bcc: someone@example.com") == "Tea Bcc: someone@example.com"


@pytest.mark.parametrize("brk", BREAKS)
def test_a_download_is_named_on_one_line_without_a_path(brk):
    response = set_download(HttpResponse(), f"../C-7KQ2{brk}Set-Cookie: x=1.pdf")
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename=")
    assert not any(ch in header for ch in "\r\n\u2028\u2029\x85\x0b\x00/")
    assert download_name("...") == "download" and download_name('a"b.csv') == "a-b.csv"


def test_an_ascii_file_name_is_given_as_before():
    assert (
        set_download(HttpResponse(), "letter-4.pdf")["Content-Disposition"]
        == 'attachment; filename="letter-4.pdf"'
    )
    assert set_download(HttpResponse(), "group-4.ics", inline=True)["Content-Disposition"] == (
        'inline; filename="group-4.ics"'
    )


@pytest.mark.parametrize(
    "template", [t for t in TEMPLATES.values() if t.subject], ids=lambda t: t.key
)
def test_every_email_subject_stays_one_line_whatever_is_filled_in(template):
    subject, _ = template.render(
        {name: "Testshire\r\nBcc: someone@example.com" for name in template.placeholders}
    )
    assert "\r" not in subject and "\n" not in subject
    assert "Testshire Bcc: someone@example.com" in subject


def test_every_download_the_hub_serves_is_named_through_set_download():
    """Found by reading the code: a Content-Disposition header written by hand can carry a line
    break from a stored name."""
    root = Path(carershub.__file__).parent
    by_hand = re.compile(r"Content-Disposition|content_disposition_header\(|FileResponse\(")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts and path != root / "core" / "text.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert not found, f"name downloads with core.text.set_download: {found}"
