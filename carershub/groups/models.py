"""Groups the hub runs, their sessions, who is booked on each (and who is waiting), calendar feeds
and the times carers say they could come."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from carershub.carers.models.carer import RECORD_ROLES
from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation, Partnership


class Audience(models.TextChoices):
    ADULT = "adult", "Adult carers"
    YOUNG = "young", "Young carers"
    PARENT = "parent", "Parent carers"


class Group(models.Model):
    """A group the hub runs, such as a carers cafe. Public: it names nobody."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation running it.",
    )
    name = models.CharField(max_length=120)
    description = models.TextField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    cost = models.CharField(max_length=120, blank=True, help_text="Blank when it is free.")
    accessibility = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change through a service; a save from a stale page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Session(models.Model):
    """One meeting of a group, at a place or online, with a number of places."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    mode = models.CharField(max_length=10, choices=Mode.choices)
    venue = models.CharField(max_length=120, blank=True)
    address = models.CharField(max_length=250, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    joining_link = models.URLField(blank=True)
    capacity = models.PositiveSmallIntegerField()
    # Places taken, kept by one conditional UPDATE per booking so two bookings for the last place
    # at once cannot both get it (see services.book).
    places_taken = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancelled_reason = models.CharField(max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change through a service (not by bookings, which keep places_taken on their
    # own); a save from a stale page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(places_taken__lte=models.F("capacity")), name="session_not_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | ~Q(cancelled_reason=""),
                name="cancelled_session_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.group.name} on {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def spaces_left(self):
        return max(self.capacity - self.places_taken, 0)

    @property
    def place(self):
        """Where it is, in one line: the venue and its address, or "Online"."""
        if self.mode == Mode.ONLINE:
            return "Online"
        return ", ".join(part for part in (self.venue, self.address, self.postcode) if part)

    @property
    def outward_code(self):
        return self.postcode.split()[0].upper() if self.postcode.strip() else ""


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


class Booking(models.Model):
    """A carer's place on a session, or their place in its waiting list. Personal data: scoped."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="group_bookings"
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    # The waiting list is in the order people joined it.
    queued_at = models.DateTimeField(default=timezone.now)
    attendance = models.CharField(max_length=15, choices=Attendance.choices, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(CaseworkQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "carer"],
                condition=~Q(status="cancelled"),
                name="one_booking_per_carer_per_session",
            ),
        ]

    def __str__(self):
        return f"Booking {self.pk}"


class CalendarFeed(models.Model):
    """A carer's private calendar of the sessions they are booked on, at a secret link.

    Only a hash of the link's secret is stored; revoking a feed stops its link working at once.
    """

    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(CaseworkQuerySet)

    class Meta:
        # Not "one live feed per carer" as a constraint: merging two records carries both
        # carers' feeds to one, and both links were given to the same person.
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"

    def __str__(self):
        return f"Calendar feed {self.pk}"


class Day(models.TextChoices):
    MONDAY = "mon", "Monday"
    TUESDAY = "tue", "Tuesday"
    WEDNESDAY = "wed", "Wednesday"
    THURSDAY = "thu", "Thursday"
    FRIDAY = "fri", "Friday"
    SATURDAY = "sat", "Saturday"
    SUNDAY = "sun", "Sunday"


class PartOfDay(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


class AvailabilityQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Anonymous answers from the actor's partnership,
        and answers on records their organisation holds.
        """
        if (
            not actor.is_authenticated
            or actor.organisation is None
            or not actor.has_role(*RECORD_ROLES)
        ):
            return self.none()
        return self.filter(partnership_id=actor.organisation.partnership_id).filter(
            Q(carer__isnull=True) | Q(carer__holding_organisation=actor.organisation)
        )


class Availability(models.Model):
    """When one carer could come to a group: day and part of day, the first half of their postcode
    and what kind of carer they are. From the public form it names nobody; staff may record the
    same on a carer's record, and then it is theirs (one per carer, replaced when recorded
    again)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    carer = models.OneToOneField(
        "carers.Carer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_availability",
    )
    slots = models.JSONField(help_text='Slots such as "mon-morning".')
    outward_code = models.CharField(max_length=4)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(AvailabilityQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        verbose_name_plural = "availability"

    def __str__(self):
        return f"Availability {self.pk}"


def slot_key(day, part):
    return f"{day}-{part}"


SLOTS = [
    (slot_key(day, part), f"{day_label} {part_label.lower()}")
    for day, day_label in Day.choices
    for part, part_label in PartOfDay.choices
]
