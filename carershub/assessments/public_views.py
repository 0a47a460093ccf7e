"""The one page a carer opens without an account: their copy,
behind a secret link and their date of birth.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from carershub.assessments import documents, services
from carershub.assessments.forms import OpenCopyForm
from carershub.core.ratelimits import limit_public_form
from carershub.core.text import set_download


@never_cache
@limit_public_form("carers_copy", links=lambda request, token: [token])
def open_copy(request, token):
    form = OpenCopyForm(request.POST if request.method == "POST" else None)
    problem = None
    if request.method == "POST" and form.is_valid():
        try:
            link, pdf = services.open_copy(token, form.cleaned_data["date_of_birth"])
        except ValidationError as refusal:
            problem = refusal.messages[0]
            if problem == "The date of birth does not match our records":
                form.add_error(
                    "date_of_birth",
                    "The date of birth does not match our records. Check it and try again",
                )
                problem = None
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            set_download(response, documents.filename_for(link.assessment))
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "assessments/open_copy.html",
        {
            "page_title": "Open your copy",
            "form": form,
            "problem": problem,
        },
        status=410 if problem else 200,
    )
