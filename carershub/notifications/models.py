"""A message the hub has sent, or is sending, by email, text message or letter.

A notification holds personal data (who it went to and what it said), so it is reached through
``Notification.objects.visible_to(actor)`` like every other personal record; the sending and
delivery code, which acts for the system, uses ``Notification.unscoped``.
"""

from django.conf import settings
from django.db import models

from carershub.accounts.models import Role
from carershub.core.encrypted_fields import EncryptedJSONField
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    HELD = "held", "Held in outbox"


class NotificationQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The messages sent by the actor's organisation, for the people who run it.

        Only hub managers and system administrators see them: the outbox shows the words sent to
        carers and staff, which support workers reach through the carer's own record instead.
        """
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        if not actor.has_role(Role.HUB_MANAGER, Role.SYSTEM_ADMIN):
            return self.none()
        return self.filter(organisation=actor.organisation)


class Notification(models.Model):
    channel = models.CharField(max_length=10, choices=Channel.choices)
    template = models.CharField(max_length=60, help_text="Key of the message template.")
    recipient = models.TextField(
        help_text="Email address, phone number, or a letter's address lines (one a line)."
    )
    # The subject, body and personalisation as kept: a secret link or code is replaced by
    # message_templates.REDACTED (ADR 24), so nobody reading the outbox or the database can use it.
    personalisation = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    # The secret values themselves, encrypted (ADR 21), kept only until a transport has taken the
    # message, so that a failed send can be tried again; emptied in the same write that records
    # it sent. Never shown on any page.
    secret_personalisation = EncryptedJSONField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    backend = models.CharField(
        max_length=20, blank=True, help_text="Where it was sent: outbox, smtp or notify."
    )
    provider_reference = models.CharField(
        max_length=200,
        blank=True,
        help_text="The provider's id for the message (GOV.UK Notify id, SMTP Message-ID).",
    )
    error = models.TextField(blank=True, help_text="Why the last attempt to send failed.")
    # A BinaryField rather than a file under MEDIA_ROOT: the letter is written in the same
    # UPDATE that claims the message for sending, so a letter is never sent without its PDF on
    # record and a rolled-back transaction leaves no orphan file; it is only ever served through
    # the outbox's permission check (never a media URL); it is backed up, and erased, with the
    # row. A one- or two-page letter is tens of kilobytes, and the list pages defer the column.
    letter_pdf = models.BinaryField(null=True, blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that sent the message.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member of staff whose action sent it; empty when the hub sent it by itself.",
    )
    # What the message is about, as in the audit: "app_label.model" and the record's id.
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(NotificationQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="notification_outbox"),
            models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} ({self.get_status_display()})"

    @property
    def address_lines(self):
        return self.recipient.splitlines() if self.channel == Channel.LETTER else []

    @property
    def reference(self):
        """The reference given to the provider: our id, never anything personal."""
        return f"carershub-notification-{self.pk}"
