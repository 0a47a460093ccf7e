"""A dated, typed event about a carer: the unit every return counts."""

from django.db import models

from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.scoping import scoped_manager_for
from carershub.events.cld import EventType
from carershub.partnerships.models import Organisation


class CareEventQuerySet(CaseworkQuerySet):
    """The hub's casework (see ``CaseworkQuerySet``)."""


class CareEvent(models.Model):
    """One request, assessment, review or service, with the fields of the CLD return.

    Kept in step by the services that change what it describes (``source`` names that record, so
    an event is updated, never duplicated, when the assessment completes or the referral is
    triaged).
    """

    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="Empty for a request until the carer is registered.",
    )
    responsible_council = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    in_cld = models.BooleanField(
        "in the CLD return",
        default=True,
        help_text="False for a Children Act assessment (s17ZA, s17ZD) or its review: not an adult "
        "social care event, so counted in the hub's own measures only.",
    )
    assessment_kind = models.CharField(
        max_length=30,
        blank=True,
        help_text="The hub's kind of assessment (for a review, the kind reviewed).",
    )
    source = models.CharField(
        max_length=60, unique=True, help_text='The record described, e.g. "referral:12".'
    )
    event_type = models.CharField(max_length=12, choices=EventType.choices)
    event_reference = models.CharField(max_length=40)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=80, blank=True)
    request_route = models.CharField(max_length=60, blank=True)
    assessment_type = models.CharField(max_length=40, blank=True)
    eligible_needs_identified = models.CharField(max_length=3, blank=True)
    review_reason = models.CharField(max_length=60, blank=True)
    method = models.CharField(
        max_length=40, blank=True, help_text="Method_of_Assessment or Method_of_Review."
    )
    how_carried_out = models.CharField(
        max_length=20,
        blank=True,
        help_text="The hub's own record of how it was carried out, kept while CLD's list for it is "
        "unconfirmed.",
    )
    hours_caring_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    adults_cared_for = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Blank when anyone's age is not known."
    )
    linked_person_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="The council's person IDs of up to three adults cared for.",
    )
    service_type = models.CharField(max_length=80, blank=True)
    service_component = models.CharField(max_length=60, blank=True)
    delivery_mechanism = models.CharField(max_length=40, blank=True)
    unit_cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    cost_frequency = models.CharField(
        max_length=20, blank=True, help_text="Cost_Frequency_Unit_Type (see cld.UNVERIFIED)."
    )
    planned_units_per_week = models.DecimalField(
        max_digits=8, decimal_places=4, null=True, blank=True
    )
    payment_frequency = models.CharField(
        max_length=15, blank=True, help_text="The hub's own record of how often it is paid."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(CareEventQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["holding_organisation", "start_date"])]

    def __str__(self):
        return f"{self.event_type} {self.event_reference}"
