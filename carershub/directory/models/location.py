"""Where a service runs: places, their accessibility, and a service at a location."""

import uuid

from django.db import models
from django.db.models import Q

from carershub.directory.models.service import Service


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place people go to"
    POSTAL = "postal", "A postal address only"
    VIRTUAL = "virtual", "Online or by phone"


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="locations"
    )
    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True, help_text="For an online location: where to join.")
    address_1 = models.CharField("Address line 1", max_length=200, blank=True)
    address_2 = models.CharField("Address line 2", max_length=200, blank=True)
    city = models.CharField("Town or city", max_length=100, blank=True)
    region = models.CharField("County", max_length=100, blank=True)
    postal_code = models.CharField("Postcode", max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB")
    # From the postcode (ONS Postcode Directory): British National Grid metres for distances,
    # and latitude and longitude to publish.
    easting = models.IntegerField(null=True, blank=True)
    northing = models.IntegerField(null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    external_identifier = models.CharField(max_length=50, blank=True, help_text="e.g. the UPRN")
    external_identifier_type = models.CharField(max_length=50, blank=True)
    transport = models.TextField("How to get there", blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)
    # Raised by every save through a service; a save from a stale page is refused (see services).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "postal_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source", "source_id"],
                condition=~Q(source=""),
                name="location_once_per_source",
            ),
        ]
        indexes = [models.Index(fields=["easting", "northing"], name="location_grid")]

    def __str__(self):
        return (
            self.name
            or ", ".join(p for p in (self.address_1, self.city, self.postal_code) if p)
            or "Online"
        )

    @property
    def address_lines(self):
        return [
            p
            for p in (self.address_1, self.address_2, self.city, self.region, self.postal_code)
            if p
        ]


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(help_text="e.g. 'Step-free entrance from the car park'")
    details = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self):
        return self.description


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_once_at_a_location"
            )
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"
