"""A service and what belongs only to it: costs, languages, areas, contacts and funding."""

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q

from carershub.directory.models.provider import Provider
from carershub.directory.models.taxonomy import TaxonomyTerm

# How long a service may go without being checked before it is due for review.
REVIEW_AFTER = dt.timedelta(days=91)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Running"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Not running"
    DEFUNCT = "defunct", "Closed for good"


class ServiceQuerySet(models.QuerySet):
    def published(self):
        """What the public sees and the API publishes: running or paused, never closed ones."""
        return self.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])

    def due_for_review(self, today=None):
        today = today or dt.date.today()
        return self.filter(
            Q(assured_date__isnull=True) | Q(assured_date__lte=today - REVIEW_AFTER)
        ).exclude(status=ServiceStatus.DEFUNCT)


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="services"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(
        "Costs", blank=True, help_text="What it costs, in words, e.g. 'Free' or 'GBP 5 a session'."
    )
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField("Who it is for", blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    alert = models.TextField(
        blank=True, help_text="A short notice shown first, e.g. a change to opening times."
    )
    # Assurance: when someone last checked the entry was right, and who.
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    # Categories and who it is for, as terms of taxonomies (HSDS "attributes").
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services")
    # Lower-case words of the name, description and categories: what a search matches.
    search_text = models.TextField(blank=True, editable=False)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source", "source_id"],
                condition=~Q(source=""),
                name="service_once_per_source",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="service_ages_in_order",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status", "name"], name="service_listing")]

    def __str__(self):
        return self.name

    @property
    def review_due_on(self):
        return self.assured_date + REVIEW_AFTER if self.assured_date else None


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200, blank=True, help_text="e.g. 'Per session'")
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    amount_description = models.TextField(blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.option or str(self.amount or "")


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100)
    code = models.CharField(
        max_length=20, blank=True, help_text="ISO 639 code, e.g. 'cy' for Welsh"
    )
    note = models.TextField(blank=True)

    def __str__(self):
        return self.name


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(
        max_length=200, blank=True, help_text="e.g. the ONS code of the council area"
    )

    def __str__(self):
        return self.name


class ServiceContact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.name or self.title or self.email or self.phone


class Funding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    source = models.TextField()

    def __str__(self):
        return self.source
