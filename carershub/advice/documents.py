"""The large print version of an article, as an accessible PDF.

Printed by WeasyPrint from the hub's own HTML as PDF/UA-1 (tagged, with real text, a language and
a title, so that a screen reader can follow it), in 18 point Arial: the size the RNIB's clear print
guidance gives for large print.
"""

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import URLFetcher

from carershub.advice.presenters import ArticlePresenter
from carershub.core.formats import date

PDF_VARIANT = "pdf/ua-1"


def filename_for(article):
    return f"{article.slug}-large-print.pdf"


def large_print_html(article):
    return render_to_string(
        "advice/large_print.html",
        {
            "article": ArticlePresenter(article),
            "partnership": article.partnership,
            "made_on": date(timezone.localdate()),
        },
    )


def large_print_pdf(article):
    """The article as PDF bytes. Nothing is fetched from anywhere while printing it."""
    no_fetching = URLFetcher(allowed_protocols=frozenset())
    return weasyprint.HTML(string=large_print_html(article), url_fetcher=no_fetching).write_pdf(
        pdf_variant=PDF_VARIANT
    )
