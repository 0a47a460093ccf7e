"""Reads for the Carer's Allowance checker: the rule set in force on a day,
and whether its figures may be out of date.
"""

from dataclasses import dataclass

from django.utils import timezone

from carershub.carers_allowance.models import RuleSet
from carershub.carers_allowance.rules import money
from carershub.carers_allowance.services import ensure_rules_loaded
from carershub.core.formats import date


def today():
    """Today in London. Pages ask here, so tests can set the day the checker believes it is."""
    return timezone.localdate()


def rules_in_force(day=None):
    """The rule set with the newest start on or before ``day`` (today in London), or None."""
    ensure_rules_loaded()
    day = day or today()
    return RuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


@dataclass(frozen=True)
class StaleFigures:
    """The newest rule set has ended: its figures are still shown, with this warning."""

    ended_on: str

    @property
    def text(self):
        return (
            f"The Carer's Allowance figures the hub holds applied until {self.ended_on}, so they "
            "may be out of date. Check the current figures on GOV.UK."
        )


def stale_figures(day=None, in_force=None):
    """A warning when ``day`` is after the last day of the newest rule set loaded, else None.

    Pass the rule set already read for ``day`` (``in_force``) to save the queries while it lasts."""
    day = day or today()
    if in_force is not None and day <= in_force.effective_until:
        return None
    if in_force is None:
        ensure_rules_loaded()
    newest = (
        RuleSet.objects.order_by("-effective_until")
        .values_list("effective_until", flat=True)
        .first()
    )
    if newest is None or day <= newest:
        return None
    return StaleFigures(ended_on=date(newest))


def figures(day=None):
    """The money and hours of the rule set in force, as text for articles: {name: "£86.45", ...},
    or {}.
    """
    rule_set = rules_in_force(day)
    if rule_set is None:
        return {}
    return {
        "weekly_rate": money(rule_set.weekly_rate),
        "earnings_limit": money(rule_set.earnings_limit),
        "minimum_hours": str(rule_set.minimum_hours),
        "minimum_age": str(rule_set.minimum_age),
        "carers_credit_hours": str(rule_set.carers_credit_hours),
        "effective_from": date(rule_set.effective_from),
    }


def money_figures():
    """Every amount of money any loaded rule set holds,
    so that typing one by hand can be refused.
    """
    ensure_rules_loaded()
    amounts = set()
    for rate, limit in RuleSet.objects.values_list("weekly_rate", "earnings_limit"):
        amounts |= {rate, limit}
    return amounts
