"""The one way the hub sends a message: ``send_email``, ``send_sms``, ``send_letter``, then
``deliver``.

Sending is two steps. ``send_*`` checks the recipient and the personalisation, renders the
message and stores it (status "pending") with its audit row, all in one transaction: bad input
raises before anything is written, and a failure half-way leaves nothing behind. When that
transaction commits, a background task is queued to ``deliver`` it, so a page never waits for
an SMTP server or GOV.UK Notify, and a message is never sent for a change that rolled back.

A secret link or code (a template's ``secrets``) is never kept in the message's text: the stored
subject, body and personalisation carry ``REDACTED`` in its place, and the secret itself waits,
encrypted, in ``secret_personalisation`` until a transport has taken the message - then it is
emptied in the same write that records the message sent. A failed send keeps it, so the retry
sends the same link (ADR 24).
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.core.phone_numbers import normalise_mobile_number
from carershub.jobs.queueing import enqueue, enqueue_on_commit
from carershub.notifications import letters
from carershub.notifications.backends import (
    DeliveryError,
    OutgoingMessage,
    backend_for,
    backend_name_for,
)
from carershub.notifications.message_templates import get_template
from carershub.notifications.models import Channel, Notification, Status
from carershub.partnerships.models import Partnership

logger = logging.getLogger(__name__)

# Field names for the audit (never the values).
# Delivery runs in the worker; named by path, since the tasks module calls this one.
DELIVER = "carershub.notifications.tasks.deliver_notification"

_STORED_FIELDS = [
    "channel",
    "template",
    "recipient",
    "personalisation",
    "subject",
    "body",
    "organisation",
]


class InvalidRecipient(ValueError):
    """The email address, phone number or postal address cannot be sent to."""


class NoSendingOrganisation(RuntimeError):
    """The hub sent a message by itself but the partnership has no hub provider to send it as."""


class NotificationFailed(RuntimeError):
    """Raised by ``deliver`` when sending failed; the reason is on the notification, not here.

    The text names only the notification's id: the task queue keeps this message and its
    traceback, and the queue is not scoped to an organisation the way the notification is.
    """


def send_email(*, to, template, personalisation, actor=None, subject_type="", subject_id=None):
    """Store an email and queue it for delivery. Returns the Notification."""
    to = (to or "").strip()
    try:
        validate_email(to)
    except ValidationError:
        raise InvalidRecipient(
            "Enter an email address in the correct format, like name@example.com"
        ) from None
    return _store(Channel.EMAIL, to, template, personalisation, actor, subject_type, subject_id)


def send_sms(*, to, template, personalisation, actor=None, subject_type="", subject_id=None):
    """Store a text message and queue it for delivery. Returns the Notification."""
    to = _check_phone_number((to or "").strip())
    return _store(Channel.SMS, to, template, personalisation, actor, subject_type, subject_id)


def send_letter(
    *, address_lines, template, personalisation, actor=None, subject_type="", subject_id=None
):
    """Store a letter and queue it for printing (outbox) or posting (GOV.UK Notify).

    ``address_lines`` is the postal address, the recipient's name first and the postcode last.
    """
    lines = [" ".join(str(line).split()) for line in (address_lines or [])]
    lines = [line for line in lines if line]
    if not letters.MIN_ADDRESS_LINES <= len(lines) <= letters.MAX_ADDRESS_LINES:
        raise InvalidRecipient(
            f"A postal address must have between {letters.MIN_ADDRESS_LINES} and "
            f"{letters.MAX_ADDRESS_LINES} lines, including the name and the postcode"
        )
    return _store(
        Channel.LETTER, "\n".join(lines), template, personalisation, actor, subject_type, subject_id
    )


@transaction.atomic
def _store(channel, recipient, template_key, personalisation, actor, subject_type, subject_id):
    template = get_template(template_key, channel)
    template.check(personalisation)
    kept, secrets = template.split_secrets(dict(personalisation))
    subject, body = template.render(kept)
    signed_in = actor is not None and actor.is_authenticated
    notification = Notification.unscoped.create(
        channel=channel,
        template=template.key,
        recipient=recipient,
        personalisation=kept,
        subject=subject,
        body=body,
        secret_personalisation=secrets or None,
        organisation=_sending_organisation(actor),
        requested_by=actor.user if signed_in else None,
        subject_type=subject_type or "",
        subject_id="" if subject_id is None else str(subject_id),
    )
    auditor.created(
        actor,
        notification,
        fields=_STORED_FIELDS + (["secret_personalisation"] if secrets else []),
        context={
            "template": template.key,
            "about": f"{notification.subject_type}:{notification.subject_id}",
        },
    )
    enqueue_on_commit(DELIVER, notification.pk)
    return notification


def _sending_organisation(actor):
    if actor is not None and actor.is_authenticated:
        if actor.organisation is None:
            raise NoSendingOrganisation(
                "The actor is not acting for an organisation, so cannot send messages"
            )
        return actor.organisation
    partnership = Partnership.objects.current()
    organisation = partnership.hub_provider if partnership else None
    if organisation is None:
        raise NoSendingOrganisation(
            "The partnership has no hub provider organisation to send messages from"
        )
    return organisation


# A UK mobile, or an international number, by the hub's one phone number rule (ADR 32).
# Notify checks more (which countries it can reach); this stops typing mistakes before the
# message is stored, and stores the number in E.164 as every other number is.
def _check_phone_number(number):
    try:
        return normalise_mobile_number(number)
    except ValidationError as exc:
        raise InvalidRecipient(exc.messages[0]) from None


def deliver(notification_id):
    """Send a stored notification through the backend settings choose, and record the outcome.

    Safe to run twice: only a pending (or previously failed) message is claimed, by one
    conditional UPDATE, so two workers never both send it. A message left "sending" (the worker
    died mid-send) is not retried automatically, because it may have gone: someone has to look.
    On failure the reason is recorded on the notification and ``NotificationFailed`` is raised,
    so that the background task is marked failed too.
    """
    notification = Notification.unscoped.select_related("organisation__partnership").get(
        pk=notification_id
    )
    if notification.status not in (Status.PENDING, Status.FAILED):
        logger.info(
            "Notification %s is %s: not sending it again", notification.pk, notification.status
        )
        return notification

    backend_name = backend_name_for(notification.channel)
    claim = {"status": Status.SENDING, "backend": backend_name, "error": ""}
    try:
        backend = backend_for(notification.channel)
        if notification.channel == Channel.LETTER and not notification.letter_pdf:
            # Printed before the claim, outside any transaction: rendering takes a moment and
            # should not hold a write lock. It is stored by the claim itself.
            notification.letter_pdf = claim["letter_pdf"] = letters.letter_pdf(notification)
        message = outgoing(notification)
    except Exception as error:
        _record_failure(notification, backend_name, error)
        raise NotificationFailed(
            f"Notification {notification.pk} could not be sent: see the outbox"
        ) from None

    deliverable = Notification.unscoped.filter(
        pk=notification.pk, status__in=[Status.PENDING, Status.FAILED]
    )
    claimed = deliverable.update(**claim)
    if not claimed:
        logger.info("Notification %s was claimed by another worker", notification.pk)
        return notification

    try:
        delivery = backend.send(message)
    except Exception as error:
        _record_failure(notification, backend_name, error)
        raise NotificationFailed(
            f"Notification {notification.pk} could not be sent through {backend_name}: "
            "see the outbox"
        ) from None

    notification.status = Status.HELD if delivery.held else Status.SENT
    notification.backend = backend_name
    notification.provider_reference = delivery.provider_reference
    notification.sent_at = timezone.now()
    notification.error = ""
    changed = ["status", "backend", "provider_reference", "sent_at"] + (
        ["letter_pdf"] if "letter_pdf" in claim else []
    )
    if notification.secret_personalisation is not None:
        # The transport has the secret now; the hub keeps only the redacted copy.
        notification.secret_personalisation = None
        changed.append("secret_personalisation")
    with transaction.atomic():
        notification.save(
            update_fields=[
                "status",
                "backend",
                "provider_reference",
                "sent_at",
                "error",
                "secret_personalisation",
            ]
        )
        auditor.updated(
            None,
            notification,
            fields=changed,
            context={"status": notification.status, "backend": backend_name},
        )
    logger.info("Notification %s %s through %s", notification.pk, notification.status, backend_name)
    return notification


def outgoing(notification):
    """The message as its transport must send it: the stored copy with its secrets put back.

    A message whose template has secrets is rendered again from the template with them; one
    without is sent exactly as stored. A secret that is no longer kept (the message was handed to
    a transport once already) cannot be sent again: the sender makes a new link instead.
    """
    template = get_template(notification.template, notification.channel)
    subject, body, personalisation = (
        notification.subject,
        notification.body,
        notification.personalisation,
    )
    if template.secrets:
        secrets = notification.secret_personalisation or {}
        missing = sorted(set(template.secrets) - set(secrets))
        if missing:
            raise DeliveryError(
                "The secret link in this message is no longer kept (it was handed to a transport "
                "once already), so it cannot be sent again: send a new invitation or link instead"
            )
        personalisation = {**personalisation, **secrets}
        subject, body = template.render(personalisation)
    return OutgoingMessage(
        channel=notification.channel,
        template=notification.template,
        recipient=notification.recipient,
        subject=subject,
        body=body,
        personalisation=personalisation,
        reference=notification.reference,
        letter_pdf=bytes(notification.letter_pdf) if notification.letter_pdf else None,
    )


def requeue_waiting(*, older_than=timedelta(minutes=15)):
    """Queue delivery again for messages still pending a while after they were stored.

    Delivery is queued after the sending transaction commits, so a process that stops between
    the commit and the enqueue leaves a message pending with no task to send it. Queuing one
    twice is harmless: ``deliver`` claims a message once. Returns how many were queued.
    """
    waiting = Notification.unscoped.filter(
        status=Status.PENDING, created_at__lt=timezone.now() - older_than
    )
    ids = list(waiting.order_by("pk").values_list("pk", flat=True))
    for notification_id in ids:
        enqueue(DELIVER, notification_id)
    if ids:
        logger.warning("Queued %s waiting notifications again", len(ids))
    return len(ids)


def _record_failure(notification, backend_name, error):
    notification.status = Status.FAILED
    notification.backend = backend_name
    notification.error = (
        str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"
    )
    with transaction.atomic():
        notification.save(update_fields=["status", "backend", "error"])
        auditor.updated(
            None,
            notification,
            fields=["status", "backend", "error"],
            context={"status": Status.FAILED, "backend": backend_name},
        )
    logger.warning("Notification %s failed through %s", notification.pk, backend_name)
