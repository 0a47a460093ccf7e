"""What the checker's pages show: answers in words for check-your-answers, and the result."""

from decimal import Decimal

from django.urls import reverse
from markupsafe import Markup, escape

from carershub.carers_allowance import rules as r
from carershub.core.formats import date

STUDYING = {
    r.STUDY_NONE: "No",
    r.STUDY_FULL_TIME: "Yes, full-time",
    r.STUDY_PART_TIME: "Yes, part-time",
}


def answers_from(cleaned):
    """The session's answers as the rules function takes them."""
    return r.Answers(
        country=cleaned["country"],
        age=cleaned["age"],
        benefits=tuple(cleaned["benefits"]),
        hours=cleaned["hours"],
        studying=cleaned["studying"],
        study_hours=cleaned.get("study_hours"),
        earnings=Decimal(cleaned["earnings"]),
    )


def _benefits_text(rule_set, codes):
    names = {b["code"]: b["name"] for b in rule_set.qualifying_benefits}
    if r.NOT_SURE in codes:
        return ["I'm not sure"]
    chosen = [names[c] for c in codes if c in names]
    return chosen or ["None of these"]


def summary_rows(journey, rule_set, cleaned):
    """Rows of the GOV.UK summary list, each with a link to change the answer."""
    a = answers_from(cleaned)
    study = STUDYING[a.studying] + (
        f", {a.study_hours} hours a week" if a.studying == r.STUDY_PART_TIME else ""
    )
    values = {
        "where-you-live": ("Where you live", r.COUNTRIES.get(a.country, a.country)),
        "age": ("Your age", str(a.age)),
        "benefits": ("Benefits the person you care for gets", _benefits_text(rule_set, a.benefits)),
        "hours": ("Hours of caring a week", str(a.hours)),
        "education": ("Studying", study),
        "earnings": ("Earnings a week after deductions", r.money(a.earnings)),
    }
    rows = []
    for step in journey.steps:
        label, value = values[step.slug]
        rows.append(
            {
                "key": {"text": label},
                "value": {"text": value} if isinstance(value, str) else {"html": _list_html(value)},
                "actions": {
                    "items": [
                        {
                            "href": reverse("carers_allowance:question", args=[step.slug])
                            + "?change=1",
                            "text": "Change",
                            "visuallyHiddenText": label.lower(),
                        }
                    ]
                },
            }
        )
    return rows


def _list_html(items):
    if len(items) == 1:
        return escape(items[0])
    return Markup('<ul class="govuk-list govuk-list--bullet">{}</ul>').format(
        Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    )


TITLES = {
    r.MAY_GET: "You may be able to get Carer's Allowance",
    r.MAY_GET_IF_BENEFIT: "You may be able to get Carer's Allowance if the person you care for "
    "gets a benefit that qualifies",
    r.UNLIKELY: "You may not be able to get Carer's Allowance",
    r.CARER_SUPPORT_PAYMENT: "You may be able to get Carer Support Payment instead",
    r.NORTHERN_IRELAND: "Apply for Carer's Allowance in Northern Ireland through nidirect",
}


class ResultPage:
    def __init__(self, rule_set, result):
        self.rule_set = rule_set
        self.result = result
        self.outcome = result.outcome
        self.title = TITLES[result.outcome]

    @property
    def reasons(self):
        """The answers that led to the result, first; the rest after."""
        if self.outcome == r.UNLIKELY:
            return self.result.unmet
        if self.outcome == r.MAY_GET_IF_BENEFIT:
            return self.result.unsure
        if self.outcome in (r.CARER_SUPPORT_PAYMENT, r.NORTHERN_IRELAND):
            return [f for f in self.result.findings if f.condition == "country"]
        return self.result.met

    @property
    def other_answers(self):
        shown = set(id(f) for f in self.reasons)
        return [f for f in self.result.findings if id(f) not in shown]

    @property
    def weekly_rate(self):
        return r.money(self.rule_set.weekly_rate)

    @property
    def effective_from(self):
        return date(self.rule_set.effective_from)

    @property
    def checked_on(self):
        return date(self.rule_set.checked_on)
