"""The public Carer's Allowance checker: one question per page, check your answers,
a result. No account needed.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from carershub.carers_allowance import forms as f
from carershub.carers_allowance import presenters, selectors
from carershub.carers_allowance.rules import evaluate
from carershub.core.journeys import Journey, Step
from carershub.core.ratelimits import limit_public_form

CHECKER = Journey(
    "carers_allowance",
    [
        Step("where-you-live", f.CountryForm, "Where do you live?"),
        Step("age", f.AgeForm, "How old are you?"),
        Step("benefits", f.BenefitsForm, "Does the person you care for get any of these benefits?"),
        Step("hours", f.HoursForm, "How many hours a week do you spend caring for them?"),
        Step("education", f.EducationForm, "Are you studying?"),
        Step("earnings", f.EarningsForm, "How much do you earn a week after deductions?"),
    ],
)

# Narrow boxes for numbers, as the GOV.UK text input guidance says.
WIDTHS = {
    "age": "govuk-input--width-3",
    "hours": "govuk-input--width-3",
    "study_hours": "govuk-input--width-3",
    "earnings": "govuk-input--width-5",
}


def _rule_set_or_unavailable(request):
    rule_set = selectors.rules_in_force()
    if rule_set is None:
        return None, render(
            request,
            "carers_allowance/unavailable.html",
            {"page_title": "The Carer's Allowance checker is not available"},
            status=503,
        )
    return rule_set, None


def _form(step, rule_set, data=None, initial=None):
    if step.form_class is f.BenefitsForm:
        return step.form_class(data, initial=initial, rule_set=rule_set)
    return step.form_class(data, initial=initial)


def start(request):
    CHECKER.clear(request.session)
    rule_set, unavailable = _rule_set_or_unavailable(request)
    if unavailable:
        return unavailable
    return render(
        request,
        "carers_allowance/start.html",
        {
            "page_title": "Check if you may be able to get Carer's Allowance",
            "questions": len(CHECKER.steps),
            "weekly_rate": presenters.r.money(rule_set.weekly_rate),
            "minimum_hours": rule_set.minimum_hours,
            "stale_figures": selectors.stale_figures(in_force=rule_set),
        },
    )


@limit_public_form("carers_allowance")
def question(request, slug):
    step = CHECKER.step(slug)
    if step is None:
        raise Http404
    rule_set, unavailable = _rule_set_or_unavailable(request)
    if unavailable:
        return unavailable
    change = request.GET.get("change") == "1"
    data = request.POST if request.method == "POST" else None
    form = _form(step, rule_set, data, initial=CHECKER.initial(request.session, step))
    if request.method == "POST" and form.is_valid():
        CHECKER.save(request.session, step, form.cleaned_data)
        following = None if change else CHECKER.next_step(request.session, step)
        return redirect(
            reverse("carers_allowance:question", args=[following.slug])
            if following
            else reverse("carers_allowance:check")
        )
    back = CHECKER.back(
        step,
        changing=change,
        question_url=lambda slug: reverse("carers_allowance:question", args=[slug]),
        check_url=reverse("carers_allowance:check"),
        start_url=reverse("carers_allowance:start"),
    )
    return render(
        request,
        "carers_allowance/question.html",
        {
            "page_title": step.title,
            "form": form,
            "back": back,
            "widths": WIDTHS,
        },
    )


def _answers_or_redirect(request):
    if not CHECKER.is_complete(request.session):
        return None, redirect(
            "carers_allowance:question", slug=CHECKER.next_step(request.session).slug
        )
    return CHECKER.cleaned(request.session), None


def check(request):
    cleaned, missing = _answers_or_redirect(request)
    if missing:
        return missing
    rule_set, unavailable = _rule_set_or_unavailable(request)
    if unavailable:
        return unavailable
    return render(
        request,
        "carers_allowance/check.html",
        {
            "page_title": "Check your answers",
            "rows": presenters.summary_rows(CHECKER, rule_set, cleaned),
            "back": reverse("carers_allowance:question", args=[CHECKER.steps[-1].slug]),
        },
    )


def result(request):
    cleaned, missing = _answers_or_redirect(request)
    if missing:
        return missing
    rule_set, unavailable = _rule_set_or_unavailable(request)
    if unavailable:
        return unavailable
    page = presenters.ResultPage(rule_set, evaluate(rule_set, presenters.answers_from(cleaned)))
    return render(
        request,
        "carers_allowance/result.html",
        {
            "page_title": page.title,
            "result": page,
            "stale_figures": selectors.stale_figures(in_force=rule_set),
        },
    )
