"""The carer's written copy of their assessment and support plan, as an accessible PDF.

Care Act 2014 s12(3)-(4) and s25(9): the carer is given a copy of the assessment and of the plan.
The PDF is PDF/UA-1 (tagged, with real text, a language and a title, so that a screen reader can
follow it), printed by WeasyPrint from the hub's own HTML, in the hub's plain style.
"""

import hashlib
import secrets

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import URLFetcher

from carershub.assessments.models import Assessment
from carershub.assessments.presenters import (
    AssessmentPresenter,
    DeterminationPresenter,
    PlanPresenter,
)
from carershub.assessments.sections import sections_for
from carershub.core.formats import date

PDF_VARIANT = "pdf/ua-1"


def new_token():
    """A link secret (256 bits) and the hash the database keeps instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def filename_for(assessment):
    return f"{assessment.reference}-assessment-and-plan.pdf"


def copy_html(assessment):
    """The copy as the HTML page WeasyPrint prints."""
    presenter = AssessmentPresenter(assessment, assessment.carer)
    sections = sections_for(assessment.type, assessment.reviewed_type or None)
    plan = getattr(assessment, "plan", None)
    determination = getattr(assessment, "determination", None)
    return render_to_string(
        "assessments/copy.html",
        {
            "title": f"Your {presenter.title.lower()} and support plan",
            "assessment": presenter,
            "carer": assessment.carer,
            "organisation": assessment.holding_organisation,
            "partnership": assessment.holding_organisation.partnership,
            "made_on": date(timezone.localdate()),
            "answers": [
                (
                    section.title,
                    [
                        (row["key"]["text"], row["value"]["text"])
                        for row in presenter.answer_rows(section, False)
                    ],
                )
                for section in sections
            ],
            "determination": DeterminationPresenter(determination) if determination else None,
            "plan": PlanPresenter(plan) if plan else None,
        },
    )


def copy_pdf(assessment):
    """The copy as PDF bytes. Nothing is fetched from anywhere while printing it."""
    no_fetching = URLFetcher(allowed_protocols=frozenset())
    document = weasyprint.HTML(string=copy_html(assessment), url_fetcher=no_fetching)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def assessment_for_copy(assessment_id):
    """An assessment with everything its written copy shows (system code: the carer's own link,
    checked by its secret and their date of birth, is what admits the reader)."""
    return (
        Assessment.unscoped.select_related(
            "carer",
            "assessor",
            "completed_by",
            "holding_organisation__partnership",
            "determination__decided_by",
            "plan__holding_organisation__partnership",
        )
        .prefetch_related("cared_for", "plan__actions", "plan__services")
        .get(pk=assessment_id)
    )
