"""Contacts with carers - calls, emails, visits, letters - and anonymous helpline calls."""

from django.conf import settings
from django.db import models

from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.scoping import scoped_manager_for
from carershub.partnerships.models import Organisation


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    VISIT = "visit", "Visit"
    VIDEO = "video", "Video call"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"


class Direction(models.TextChoices):
    INBOUND = "in", "From the carer"
    OUTBOUND = "out", "To the carer"


class Given(models.TextChoices):
    """What the contact gave the carer (several may apply)."""

    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice"
    EMOTIONAL_SUPPORT = "emotional_support", "Emotional support"
    SIGNPOSTING = "signposting", "Signposting to a named service"
    ONWARD_REFERRAL = "onward_referral", "Onward referral"
    PRACTICAL_HELP = "practical_help", "Practical help"


class ContactQuerySet(CaseworkQuerySet):
    def follow_ups_due(self, by):
        return self.filter(
            follow_up_due__isnull=False, follow_up_due__lte=by, follow_up_done_at__isnull=True
        )


class Contact(models.Model):
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
        help_text="Empty for an anonymous helpline call.",
    )
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.INBOUND)
    happened_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    purpose = models.CharField(max_length=200)
    given = models.JSONField(default=list, blank=True, help_text="Given values.")
    signposted_to = models.CharField(max_length=200, blank=True)
    notes = EncryptedTextField(blank=True)
    follow_up_due = models.DateField(null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(ContactQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-happened_at", "-pk"]

    def __str__(self):
        return f"Contact {self.pk}"

    @property
    def is_anonymous(self):
        return self.carer_id is None

    def given_labels(self):
        return [Given(g).label for g in self.given if g in Given.values]
