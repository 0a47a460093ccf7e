"""Figures in articles: placeholders the page fills from the rules in force, so no amount is typed
by hand.

An article says ``((carers_allowance.weekly_rate))`` where it means this year's rate; the page
shows "£86.45" from 6 April 2026 and the next year's figure from the day its rules start, with no
edit. Typing a figure the hub holds as data is refused, since it would go stale the next April.
"""

import re
from decimal import Decimal, InvalidOperation

from carershub.carers_allowance import selectors as carers_allowance

# Written like the placeholders of the hub's messages (and GOV.UK Notify's): ((name)).
# Not {{ name }}, which reads as template code left unfilled.
PLACEHOLDER = re.compile(r"\(\(\s*([A-Za-z_.]+)\s*\)\)")

# Each figure an article may use, with what it is, as the editor's help text lists them.
FIGURES = {
    "carers_allowance.weekly_rate": "Carer's Allowance a week, like £86.45",
    "carers_allowance.earnings_limit": "the Carer's Allowance earnings limit a week, like £204",
    "carers_allowance.minimum_hours": "the hours of caring a week Carer's Allowance needs, like 35",
    "carers_allowance.minimum_age": "the youngest age for Carer's Allowance, like 16",
    "carers_allowance.carers_credit_hours": "the hours of caring a week Carer's Credit needs, "
    "like 20",
    "carers_allowance.effective_from": "the day this year's Carer's Allowance figures apply "
    "from, like 6 April 2026",
}

# A typed amount of money, like £86.45 or £204 or £1,000.
_MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d{1,2})?)")


def placeholders(text):
    """The names of the placeholders in ``text``, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))


def uses_figures(text):
    return bool(PLACEHOLDER.search(text or ""))


def unknown_placeholders(text):
    return [name for name in placeholders(text) if name not in FIGURES]


def fill(text, values):
    """``text`` with each placeholder replaced by its value;
    one without a value is left as written.
    """
    if not uses_figures(text):
        return text

    def replace(match):
        name = match.group(1)
        key = name.split(".", 1)[1] if name in FIGURES else None
        return values.get(key, match.group(0)) if key else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def typed_amounts(text, amounts):
    """The amounts typed in ``text`` (as written, like "£86.45") that equal one of ``amounts``."""
    found = []
    for match in _MONEY.finditer(text or ""):
        try:
            typed = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:  # the pattern only matches numbers; kept for safety
            continue
        if typed in amounts:
            found.append(match.group(0))
    return list(dict.fromkeys(found))


def current_values(day=None):
    """The figures in force on ``day`` (today), as the placeholders show them."""
    return carers_allowance.figures(day)


def stale_warning(day=None):
    """The "may be out of date" warning for pages that show figures, or None."""
    return carers_allowance.stale_figures(day)


def body_problems(text):
    """Why an article's text cannot be saved as it is: unknown placeholders,
    figures typed by hand.
    """
    problems = []
    unknown = unknown_placeholders(text)
    if unknown:
        names = ", ".join("((" + name + "))" for name in unknown)
        problems.append(
            f"The article uses {names}, which the hub has no figure for. Check the spelling "
            "against the list of figures you can use"
        )
    typed = typed_amounts(text, carers_allowance.money_figures())
    if typed:
        problems.append(
            f"Do not type {', '.join(typed)}: use the figure's name from the list, like "
            "((carers_allowance.weekly_rate)), so the article changes when the rates do"
        )
    return problems
