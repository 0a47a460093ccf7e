"""Carer's Allowance rules as data: one rule set per change of the law or the rates,
with its sources.
"""

from django.db import models


class RuleSet(models.Model):
    """The conditions and figures of Carer's Allowance from one date until the next rule set.

    Rates and limits change every April, so each year is a new row loaded from a file
    (``manage.py load_carers_allowance_rules``), never a code change. The rule set in force on a
    day is the one with the newest ``effective_from`` on or before it; every rule set also says the
    last day its figures apply (``effective_until``).
    """

    name = models.CharField(max_length=100, help_text='For example, "2025 to 2026".')
    effective_from = models.DateField(unique=True)
    # The last day the figures are known to apply. After the end of the newest rule set the checker
    # keeps using it but says its figures may be out of date, so a missed April load shows.
    effective_until = models.DateField(help_text="The last day these figures apply.")
    weekly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    earnings_limit = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        help_text="Most a carer may earn in a week after allowed deductions.",
    )
    minimum_hours = models.PositiveSmallIntegerField(help_text="Hours of caring a week, at least.")
    minimum_age = models.PositiveSmallIntegerField()
    study_hours_limit = models.PositiveSmallIntegerField(
        help_text="Studying this many hours a week or more counts as full-time education."
    )
    carers_credit_hours = models.PositiveSmallIntegerField(
        help_text="Hours of caring a week, at least, for Carer's Credit."
    )
    # Codes of the countries where Carer's Allowance is the benefit to claim (see rules.COUNTRIES).
    countries = models.JSONField(default=list)
    # [{"code": ..., "name": ...}]: the benefits the cared-for person must get one of.
    qualifying_benefits = models.JSONField(default=list)
    # [{"about": ..., "title": ..., "url": ...}]: where each figure and rule came from.
    sources = models.JSONField(default=list)
    checked_on = models.DateField(
        help_text="When the figures were last checked against the sources."
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self):
        return f"Carer's Allowance rules from {self.effective_from:%Y-%m-%d}"
