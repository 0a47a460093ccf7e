"""The directory of services, shaped like Open Referral UK 3.0 (HSDS-UK) so that what staff keep
here can be published and imported without translation.

Every table has a UUID primary key, as the standard asks, so a service's address on the public
site and in the API cannot be guessed from another's. A directory belongs to one partnership;
services imported from another directory keep where they came from (``source``, ``source_id``) so
that importing the same feed again updates them instead of adding copies.

Names follow the hub where the standard's word would confuse: an HSDS *organization* is a
``Provider`` here (the hub already has partnership organisations, which may also be providers).
"""

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q

# How long a service may go without being checked before it is due for review.
REVIEW_AFTER = dt.timedelta(days=91)


class Taxonomy(models.Model):
    """A vocabulary of terms, e.g. the hub's carers' taxonomy or an imported feed's own."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source=""), name="taxonomy_once_per_source"
            ),
        ]

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    """One term: a category ("Breaks") or who a service is for ("Young carers")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(max_length=100, blank=True, help_text="The term's code in its taxonomy (HSDS 'code').")
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    term_uri = models.URLField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=~Q(source=""), name="taxonomy_term_once_per_source"
            ),
        ]

    def __str__(self):
        return self.name


class Provider(models.Model):
    """An organisation that provides services (an HSDS-UK *organization*)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(max_length=200)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    logo = models.URLField(blank=True)
    uri = models.URLField(blank=True, help_text="A persistent identifier for the organisation, if it has one.")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
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
                fields=["partnership", "source", "source_id"], condition=~Q(source=""),
                name="provider_once_per_source",
            ),
        ]

    def __str__(self):
        return self.name


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
        return self.filter(Q(assured_date__isnull=True) | Q(assured_date__lte=today - REVIEW_AFTER)).exclude(
            status=ServiceStatus.DEFUNCT
        )


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="services")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField("Website", blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    fees = models.TextField("Costs", blank=True, help_text="What it costs, in words, e.g. 'Free' or 'GBP 5 a session'.")
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField("Who it is for", blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    alert = models.TextField(blank=True, help_text="A short notice shown first, e.g. a change to opening times.")
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
                fields=["partnership", "source", "source_id"], condition=~Q(source=""),
                name="service_once_per_source",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(maximum_age__isnull=True)
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


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place people go to"
    POSTAL = "postal", "A postal address only"
    VIRTUAL = "virtual", "Online or by phone"


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="locations")
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
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
                fields=["partnership", "source", "source_id"], condition=~Q(source=""),
                name="location_once_per_source",
            ),
        ]
        indexes = [models.Index(fields=["easting", "northing"], name="location_grid")]

    def __str__(self):
        return self.name or ", ".join(p for p in (self.address_1, self.city, self.postal_code) if p) or "Online"

    @property
    def address_lines(self):
        return [p for p in (self.address_1, self.address_2, self.city, self.region, self.postal_code) if p]


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
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_once_at_a_location")]

    def __str__(self):
        return f"{self.service} at {self.location}"


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
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    interval = models.PositiveSmallIntegerField(default=1)
    byday = models.CharField(max_length=40, blank=True, help_text="Days as RFC 5545 codes, e.g. 'MO,WE' or '1TU'.")
    bymonthday = models.CharField(max_length=40, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(blank=True, help_text="The times in words, e.g. 'Every Tuesday, 10am to noon'")
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
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code, e.g. 'cy' for Welsh")
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
    uri = models.CharField(max_length=200, blank=True, help_text="e.g. the ONS code of the council area")

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
