"""A restriction on a carer's contact details: who decided it, why, and who may still see them."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RestrictionReason(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    CHILD_PROTECTION = "child_protection", "Child protection"
    POLICE_REQUEST = "police_request", "Witness protection or a police request"
    OTHER = "other", "Another reason"


class ContactRestriction(models.Model):
    """One period in which a carer's address, postcode, phone numbers and email were hidden.

    Lifting a restriction keeps its row (with who lifted it and when), so the record's history
    shows every period; at most one is in force at a time. ``Carer.contact_restricted`` mirrors
    whether one is in force, so lists and searches can hide details without reading this table.
    Reached only through a carer the actor may already see.
    """

    carer = models.ForeignKey("carers.Carer", on_delete=models.CASCADE, related_name="restrictions")
    reason = models.CharField(max_length=20, choices=RestrictionReason.choices)
    reason_other = models.CharField("Other reason", max_length=200, blank=True)
    named_workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Staff of the holding organisation who may still see the contact details.",
    )
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    restricted_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-restricted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["carer"],
                condition=Q(lifted_at__isnull=True),
                name="one_restriction_in_force",
            ),
        ]

    def __str__(self):
        return f"Restriction {self.pk} of carer {self.carer_id}"

    @property
    def reason_text(self):
        if self.reason == RestrictionReason.OTHER and self.reason_other:
            return self.reason_other
        return self.get_reason_display()
