"""Carer-reported quality of life (ASCOF 1D method): six questions, scored.

The hub scores its own carers the way Adult Social Care Outcomes Framework measure 1D is scored:
six questions - occupation, control over daily life, looking after yourself, personal safety,
social participation, encouragement and support - each with three answers, best first. The hub's
figures are not the ASCOF measure: that comes only from the national Survey of Adult Carers in
England, asked of a sample of carers by the council. So every page, document and export calls
them "carer-reported quality of life (ASCOF 1D method)" (``LABEL``).

The wording comes from the ASCOT-Carer instrument (PSSRU, University of Kent) and is used under its
own terms, so the hub holds it as data that each partnership loads (``manage.py
load_quality_of_life``); the scoring below is the code's: 2, 1 or 0 points per answer, best first,
and a total of 0-12 only when all six are answered. A group's figure is the mean of those totals,
to one decimal place rounded half up (7.25 is 7.3), as published figures are.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

LABEL = "Carer-reported quality of life (ASCOF 1D method)"

POINTS = (2, 1, 0)  # the first (best) answer scores 2, the second 1, the third 0
MAX_SCORE = 12


class Domain(models.TextChoices):
    OCCUPATION = "occupation", "Occupation (doing things I value and enjoy)"
    CONTROL = "control", "Control over daily life"
    SELF_CARE = "self_care", "Looking after myself"
    SAFETY = "safety", "Personal safety"
    SOCIAL = "social", "Social participation"
    SUPPORT = "support", "Encouragement and support"


def points(answer_index):
    """Points for one answer, given as its position in the list (0 = best)."""
    if answer_index not in (0, 1, 2):
        raise ValueError(f"An answer is one of three (0, 1 or 2), not {answer_index!r}")
    return POINTS[answer_index]


def total(answers):
    """The score out of 12 for answers {domain: position}, or None unless all six are answered."""
    if any(answers.get(domain.value) is None for domain in Domain):
        return None
    return sum(points(answers[domain.value]) for domain in Domain)


def mean(totals):
    """The mean of the complete scores of a group of carers, to one decimal place rounded half up
    (None if there are none).

    Decimal arithmetic, not ``round``: Python rounds a float half to even and a float such as 7.25
    is not always what it looks like, so ``round(7.25, 1)`` gives 7.2 where 7.3 is meant.
    """
    complete = [t for t in totals if t is not None]
    if not complete:
        return None
    return (Decimal(sum(complete)) / Decimal(len(complete))).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
