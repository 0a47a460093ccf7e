"""How a notification appears on the outbox pages."""

from django.urls import reverse
from markupsafe import Markup, escape

from carershub.core import tables
from carershub.core.formats import datetime
from carershub.notifications import subjects
from carershub.notifications.message_templates import TEMPLATES, paragraphs
from carershub.notifications.models import Channel, Status

_STATUS_TAGS = {
    Status.PENDING: "govuk-tag--grey",
    Status.SENDING: "govuk-tag--blue",
    Status.SENT: "govuk-tag--green",
    Status.FAILED: "govuk-tag--red",
    Status.HELD: "govuk-tag--yellow",
}


# What stands in for the recipient and the words of a message the actor may not read (ADR 24).
WITHHELD = (
    "Not shown: only staff who may see this person's contact details can read messages about them"
)
WITHHELD_IN_LIST = "Not shown"


class NotificationPresenter:
    # Fields each page shows (named in its audit rows).
    LIST_FIELDS = ["channel", "template", "recipient", "status", "created_at"]
    FIELDS_SHOWN = [
        "channel",
        "template",
        "recipient",
        "subject",
        "body",
        "status",
        "backend",
        "provider_reference",
        "error",
        "created_at",
        "sent_at",
        "requested_by",
        "subject_type",
        "subject_id",
    ]
    # Who it went to and what it said: left out for an actor who may not read them.
    MESSAGE_FIELDS = ["recipient", "subject", "body"]

    def __init__(self, notification, reading=None):
        self.notification = notification
        self.reading = reading
        self.shows_message = reading.shows_message if reading else True
        self.shows_recipient_in_list = reading.shows_recipient_in_list if reading else True

    @classmethod
    def fields_shown(cls, reading, in_list=False):
        fields = cls.LIST_FIELDS if in_list else cls.FIELDS_SHOWN
        shown = reading.shows_recipient_in_list if in_list else reading.shows_message
        return fields if shown else [f for f in fields if f not in cls.MESSAGE_FIELDS]

    @property
    def pk(self):
        return self.notification.pk

    @property
    def channel(self):
        return self.notification.get_channel_display()

    @property
    def template_name(self):
        template = TEMPLATES.get(self.notification.template)
        return template.name if template else self.notification.template

    @property
    def status_tag(self):
        status = self.notification.status
        return {"text": Status(status).label, "classes": _STATUS_TAGS[status]}

    @property
    def created(self):
        return datetime(self.notification.created_at)

    @property
    def recipient(self):
        """Who it went to, on one line: the name on a letter, the address or number otherwise."""
        if not self.shows_recipient_in_list:
            return WITHHELD_IN_LIST
        if self.notification.channel == Channel.LETTER:
            lines = self.notification.recipient.splitlines()
            return lines[0] if lines else ""
        return self.notification.recipient

    @property
    def about_cell(self):
        """What the message is about ("A carer"), and a link to that record for a reader who
        may open it (its reference, never a name: lists are read over shoulders)."""
        n = self.notification
        words = _about(n.subject_type, "") if n.subject_type else "Nothing on the register"
        link = self.reading.record_link if self.reading else ()
        if not link:
            return tables.text(words)
        reference, href = link
        return tables.cell(words, tables.space, tables.link(href, reference))

    @property
    def held_without_its_link(self):
        """Held in the outbox, so its secret link reached nobody: the hub never keeps it
        (ADR 24).
        """
        template = TEMPLATES.get(self.notification.template)
        return (
            self.notification.status == Status.HELD
            and self.notification.backend == "outbox"
            and bool(template and template.secrets)
        )

    @property
    def is_letter(self):
        return self.notification.channel == Channel.LETTER

    @property
    def can_download_letter(self):
        return (
            self.shows_message
            and self.is_letter
            and bool(getattr(self.notification, "has_letter_pdf", False))
        )

    @property
    def subject(self):
        return self.notification.subject if self.shows_message else ""

    @property
    def paragraphs(self):
        """The body as paragraphs of lines, as the recipient sees it (secret links removed)."""
        if not self.shows_message:
            return [[WITHHELD + "."]]
        return paragraphs(self.notification.body)

    def summary_rows(self):
        n = self.notification
        if not self.shows_message:
            to = [WITHHELD]
        else:
            to = n.recipient.splitlines() if self.is_letter else [n.recipient]
        rows = [
            {"key": {"text": "To"}, "value": {"html": _lines(to)}},
            {"key": {"text": "Sent as"}, "value": {"text": self.channel}},
            {"key": {"text": "Message"}, "value": {"text": self.template_name}},
            {"key": {"text": "Created"}, "value": {"text": self.created}},
        ]
        if n.sent_at:
            label = "Put in the outbox" if n.status == Status.HELD else "Sent"
            rows.append({"key": {"text": label}, "value": {"text": datetime(n.sent_at)}})
        if n.backend:
            backend = _BACKEND_LABELS.get(n.backend, n.backend)
            rows.append({"key": {"text": "Sent through"}, "value": {"text": backend}})
        if n.provider_reference:
            rows.append(
                {"key": {"text": "Provider reference"}, "value": {"text": n.provider_reference}}
            )
        if n.error:
            rows.append({"key": {"text": "Why it failed"}, "value": {"text": n.error}})
        requested_by = n.requested_by.full_name if n.requested_by else "The hub (automatic)"
        rows.append({"key": {"text": "Requested by"}, "value": {"text": requested_by}})
        if n.subject_type:
            rows.append(
                {"key": {"text": "About"}, "value": {"text": _about(n.subject_type, n.subject_id)}}
            )
        return rows


_BACKEND_LABELS = {
    "outbox": "Outbox (not sent)",
    "smtp": "Email server (SMTP)",
    "notify": "GOV.UK Notify",
    "console": "The developer's console (printed, not sent)",
}


def _lines(lines):
    return Markup("<br>").join(escape(line) for line in lines)


_ABOUT_STAFF = {"accounts.user": "A member of staff"}


def _about(subject_type, subject_id):
    """What a message is about, in words, with the record's number for staff who need it."""
    kind = subjects.kind_of(subject_type) if subject_type else None
    label = kind.described_as if kind else _ABOUT_STAFF.get(subject_type, "A record")
    return f"{label} (record {subject_id})" if subject_id else label


def outbox_rows(notifications):
    """The outbox (NotificationPresenters): message, recipient, channel, status and when made."""
    return [
        [
            tables.cell(
                tables.link(
                    reverse("notifications:detail", kwargs={"notification_id": n.pk}),
                    n.template_name,
                )
            ),
            n.about_cell,
            tables.text(n.recipient),
            tables.text(n.channel),
            tables.cell(tables.tag(n.status_tag)),
            tables.text(n.created),
        ]
        for n in notifications
    ]
