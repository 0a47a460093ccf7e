"""Carer-reported quality of life: the six questions of ASCOF 1D, scored.

The measure (Adult Social Care Outcomes Framework 1D, from the Survey of Adult Carers in England)
asks six questions - occupation, control over daily life, looking after yourself, personal safety,
social participation, encouragement and support - each with three answers, best first. The
wording comes from the ASCOT-Carer instrument (PSSRU, University of Kent) and is used under its own
terms, so the hub holds it as data that each partnership loads (``manage.py load_quality_of_life``);
the scoring below is the code's: 2, 1 or 0 points per answer, best first, and a total of 0-12 only
when all six are answered. The measure itself is the mean of those totals.
"""

from django.db import models

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
    """The measure over a group of carers: the mean of the complete scores (None if there are none)."""
    complete = [t for t in totals if t is not None]
    return round(sum(complete) / len(complete), 1) if complete else None
