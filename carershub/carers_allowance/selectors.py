"""Reads for the Carer's Allowance checker: the rule set in force on a day."""

from django.utils import timezone

from carershub.carers_allowance.models import RuleSet
from carershub.carers_allowance.services import ensure_rules_loaded


def rules_in_force(day=None):
    """The rule set with the newest start on or before ``day`` (today in London), or None."""
    ensure_rules_loaded()
    day = day or timezone.localdate()
    return RuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
