"""How a notification appears on the outbox pages."""

from markupsafe import Markup, escape

from carershub.core.formats import datetime
from carershub.notifications.message_templates import TEMPLATES, paragraphs
from carershub.notifications.models import Channel, Status

_STATUS_TAGS = {
    Status.PENDING: "govuk-tag--grey",
    Status.SENDING: "govuk-tag--blue",
    Status.SENT: "govuk-tag--green",
    Status.FAILED: "govuk-tag--red",
    Status.HELD: "govuk-tag--yellow",
}


class NotificationPresenter:
    # Fields each page shows (named in its audit rows).
    LIST_FIELDS = ["channel", "template", "recipient", "status", "created_at"]
    FIELDS_SHOWN = [
        "channel", "template", "recipient", "subject", "body", "status", "backend",
        "provider_reference", "error", "created_at", "sent_at", "requested_by", "subject_type", "subject_id",
    ]

    def __init__(self, notification):
        self.notification = notification

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
        if self.notification.channel == Channel.LETTER:
            lines = self.notification.recipient.splitlines()
            return lines[0] if lines else ""
        return self.notification.recipient

    @property
    def is_letter(self):
        return self.notification.channel == Channel.LETTER

    @property
    def can_download_letter(self):
        return self.is_letter and bool(getattr(self.notification, "has_letter_pdf", False))

    @property
    def subject(self):
        return self.notification.subject

    SECRET_HIDDEN = "[link hidden: only the person it was sent to can use it]"

    @property
    def paragraphs(self):
        """The body as paragraphs of lines, as the recipient sees it.

        A secret link in a message that went out is hidden. One held in the outbox (a trial with no
        email set up) is shown, as the outbox is then the only way to hand it to the person.
        """
        body = self.notification.body
        template = TEMPLATES.get(self.notification.template)
        secrets = template.secret if template and self.notification.status != Status.HELD else ()
        for name in secrets:
            value = str((self.notification.personalisation or {}).get(name) or "")
            if value:
                body = body.replace(value, self.SECRET_HIDDEN)
        return paragraphs(body)

    def summary_rows(self):
        n = self.notification
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
            rows.append({"key": {"text": "Provider reference"}, "value": {"text": n.provider_reference}})
        if n.error:
            rows.append({"key": {"text": "Why it failed"}, "value": {"text": n.error}})
        requested_by = n.requested_by.full_name if n.requested_by else "The hub (automatic)"
        rows.append({"key": {"text": "Requested by"}, "value": {"text": requested_by}})
        if n.subject_type:
            rows.append({"key": {"text": "About"}, "value": {"text": _about(n.subject_type, n.subject_id)}})
        return rows


_BACKEND_LABELS = {"outbox": "Outbox (not sent)", "smtp": "Email server (SMTP)", "notify": "GOV.UK Notify"}


def _lines(lines):
    return Markup("<br>").join(escape(line) for line in lines)


_SUBJECTS = {
    "accounts.user": "A member of staff",
    "carers.carer": "A carer",
    "referrals.referral": "A referral",
}


def _about(subject_type, subject_id):
    """What a message is about, in words, with the record's number for staff who need it."""
    label = _SUBJECTS.get(subject_type, "A record")
    return f"{label} (record {subject_id})" if subject_id else label
