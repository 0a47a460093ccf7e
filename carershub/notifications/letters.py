"""Letters as PDFs ready to print and post, laid out for a windowed envelope.

The layout follows GOV.UK Notify's rules for precompiled letters, so the same PDF can be printed
in the hub or sent to Notify: A4; nothing in the top-left corner where Notify prints its tag;
the recipient's address inside the window area (24.6mm to 120mm from the left, 39.5mm to 66.3mm
from the top, at most seven lines); the letter's text starting 95mm down the first page.
"""

import re

import weasyprint
from django.template.loader import render_to_string
from markupsafe import Markup, escape
from weasyprint.urls import URLFetcher

from carershub.core.formats import date
from carershub.notifications.message_templates import paragraphs

# Notify's address window, in millimetres from the page's top-left corner.
ADDRESS_WINDOW = {"left": 24.6, "right": 120.0, "top": 39.5, "bottom": 66.3}
MIN_ADDRESS_LINES = 3
MAX_ADDRESS_LINES = 7

# PDF/UA-1 gives a tagged PDF (structure, language, title) that screen readers can follow:
# a carer may ask for the letter again as a file. WeasyPrint has had the variant since 63.
PDF_VARIANT = "pdf/ua-1"


# Personalised values up to this long are kept on one line, so that a reference such as
# C-7KQ2-MX9P or a phone number is never split across two lines of a printed letter.
KEEP_TOGETHER_MAX_LENGTH = 40


def _keep_values_together(body_paragraphs, personalisation):
    """Each line of the body escaped, with short personalised values that could break wrapped
    in a no-wrap span. Only values with a space or a hyphen can break, and those can never match
    inside an escaped entity such as ``&amp;``, so one regex pass over escaped text is safe."""
    values = {
        str(escape(str(value)))
        for value in personalisation.values()
        if re.search(r"[ -]", str(value))
        and "\n" not in str(value)
        and len(str(value)) <= KEEP_TOGETHER_MAX_LENGTH
    }
    if not values:
        return [[escape(line) for line in lines] for lines in body_paragraphs]
    pattern = re.compile(
        "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))
    )

    def keep(line):
        return Markup(
            pattern.sub(
                lambda match: f'<span class="keep">{match.group(0)}</span>', str(escape(line))
            )
        )

    return [[keep(line) for line in lines] for lines in body_paragraphs]


def letter_html(notification):
    """The letter as the HTML page WeasyPrint prints."""
    organisation = notification.organisation
    partnership = organisation.partnership
    return render_to_string(
        "notifications/letter.html",
        {
            "title": notification.subject,
            "partnership": partnership,
            "organisation": organisation,
            "address_lines": notification.address_lines,
            "dated": date(notification.created_at),
            "paragraphs": _keep_values_together(
                paragraphs(notification.body), notification.personalisation
            ),
            "window": ADDRESS_WINDOW,
        },
    )


def letter_pdf(notification):
    """The letter as PDF bytes."""
    # Letters use no images, fonts or stylesheets from elsewhere, so no URL of any scheme is
    # fetched: text that reached a letter can never make the renderer read a file or the network.
    no_fetching = URLFetcher(allowed_protocols=frozenset())
    document = weasyprint.HTML(string=letter_html(notification), url_fetcher=no_fetching)
    return document.write_pdf(pdf_variant=PDF_VARIANT)
