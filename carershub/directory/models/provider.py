"""Who runs a service: an Open Referral UK *organization*, called a provider here."""

import uuid

from django.db import models
from django.db.models import Q


class Provider(models.Model):
    """An organisation that provides services (an HSDS-UK *organization*)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="providers"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    logo = models.URLField(blank=True)
    uri = models.URLField(
        blank=True, help_text="A persistent identifier for the organisation, if it has one."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)
    last_modified = models.DateTimeField(auto_now=True)
    # Raised by every save through a service; a save from a stale page is refused (see services).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source", "source_id"],
                condition=~Q(source=""),
                name="provider_once_per_source",
            ),
        ]

    def __str__(self):
        return self.name
