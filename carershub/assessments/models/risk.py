"""The risk that a caring arrangement breaks down: a rating with the triggers behind it."""

from django.conf import settings
from django.db import models

from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.scoping import scoped_manager_for
from carershub.partnerships.models import Organisation


class RiskRating(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRISIS = "crisis", "Crisis"


class Trigger(models.TextChoices):
    SOLE_CARER_50_HOURS = "sole_carer_50_hours", "Sole carer, caring 50 or more hours a week"
    NO_BREAK = "no_break", "No break from caring in the past year"
    CARER_HEALTH = "carer_health", "The carer's own health is getting worse"
    CARED_FOR_WORSE = "cared_for_worse", "The person they care for is getting worse"
    HOSPITAL_DISCHARGE = "hospital_discharge", "The person they care for recently left hospital"
    SAFEGUARDING = "safeguarding", "A safeguarding concern"


class RiskQuerySet(CaseworkQuerySet):
    """The hub's casework (see ``CaseworkQuerySet``)."""


class BreakdownRisk(models.Model):
    """One rating, as a worker confirmed it, beside what the record suggested. The newest is current
    (and copied to ``Carer.breakdown_risk`` so queues can put crisis cases first)."""

    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="breakdown_risks"
    )
    rating = models.CharField(max_length=10, choices=RiskRating.choices)
    triggers = models.JSONField(
        default=list, blank=True, help_text="Trigger values the worker confirmed."
    )
    suggested_rating = models.CharField(max_length=10, choices=RiskRating.choices)
    suggested_triggers = models.JSONField(default=list, blank=True)
    notes = EncryptedTextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    unscoped = models.Manager()
    objects = scoped_manager_for(RiskQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return self.get_rating_display()
