"""When a service runs: regular and one-off times, at a location or for the service as a whole."""

import uuid

from django.db import models
from django.db.models import Q

from carershub.directory.models.location import ServiceAtLocation
from carershub.directory.models.service import Service


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Every week"
    MONTHLY = "MONTHLY", "Every month"


class AttendingType(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"


class Schedule(models.Model):
    """When a service runs, as an iCalendar-style rule (RFC 5545 FREQ/INTERVAL/BYDAY/BYMONTHDAY),
    for the service as a whole or at one of its locations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(default=1)
    byday = models.CharField(
        max_length=40, blank=True, help_text="Days as RFC 5545 codes, e.g. 'MO,WE' or '1TU'."
    )
    bymonthday = models.CharField(max_length=40, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(
        blank=True, help_text="The times in words, e.g. 'Every Tuesday, 10am to noon'"
    )
    # Free text in the standard ("You can attend in person or by video"); the hub's own entries
    # use the AttendingType values, shown by their labels.
    attending_type = models.CharField(max_length=300, blank=True)
    schedule_link = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(service_at_location__isnull=False),
                name="schedule_belongs_to_a_service",
            ),
        ]

    def __str__(self):
        return self.description or f"{self.freq} {self.byday}".strip()
