"""Where messages go: the outbox page, an SMTP server, GOV.UK Notify, or a developer's console.

Settings choose one backend per channel (``NOTIFICATIONS_EMAIL_BACKEND``,
``NOTIFICATIONS_SMS_BACKEND``, ``NOTIFICATIONS_LETTER_BACKEND``). A backend's ``send`` takes an
``OutgoingMessage`` - the stored notification with its secret links put back (ADR 24), which
exists only in memory while it is sent - and returns a ``Delivery`` or raises ``DeliveryError``;
it never writes to the database, so that recording the outcome stays in one place
(``services.deliver``).
"""

import io
import sys
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend
from django.core.mail.message import make_msgid
from notifications_python_client import NotificationsAPIClient
from notifications_python_client.errors import APIError

from carershub.notifications.message_templates import get_template
from carershub.notifications.models import Channel


class DeliveryError(Exception):
    """The backend could not send the message. The text is stored on the notification."""


@dataclass(frozen=True)
class Delivery:
    held: bool = False
    provider_reference: str = ""


@dataclass(frozen=True)
class OutgoingMessage:
    """One message as the transport must send it: secrets included. Never stored or shown."""

    channel: str
    template: str
    recipient: str
    subject: str
    body: str
    personalisation: dict
    reference: str
    letter_pdf: bytes | None = None

    def __repr__(self):  # a traceback or a log line must not print the secret link
        return f"<OutgoingMessage {self.reference} ({self.template})>"


class OutboxBackend:
    """Keeps the message on the outbox page: letters printed and posted by hand, and demonstrations.

    The outbox shows the stored copy, so a message with a secret link held here reaches nobody
    with its link: such messages need email or text messages to be sent (ADR 24).
    """

    name = "outbox"
    channels = {Channel.EMAIL, Channel.SMS, Channel.LETTER}

    def send(self, message):
        return Delivery(held=True)


class ConsoleBackend:
    """Prints email and text messages, secret links and all, where the worker runs (``make run``).

    For a developer's machine only, so that an invitation or a carer's copy link can be followed
    in the demonstration; ``manage.py check`` refuses it outside the developer settings
    (``DEVELOPER_MACHINE``). Nothing is sent.
    """

    name = "console"
    channels = {Channel.EMAIL, Channel.SMS}
    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, message):
        rule = "-" * 72
        lines = [rule, f"{message.channel} to {message.recipient} ({message.reference})"]
        if message.subject:
            lines.append(f"Subject: {message.subject}")
        lines += ["", message.body, rule, ""]
        with self._lock:
            self.stream.write("\n".join(lines))
            self.stream.flush()
        return Delivery(held=True, provider_reference="console")


class SMTPBackend:
    """Sends email as plain text through the SMTP server named by the ``EMAIL_*`` settings.

    Always Django's SMTP backend, whatever ``EMAIL_BACKEND`` says: that setting belongs to
    Django's own mail (and is the console in development), this one to the hub's messages.
    """

    name = "smtp"
    channels = {Channel.EMAIL}

    def send(self, message):
        connection = DjangoSMTPBackend(
            host=settings.EMAIL_HOST,
            port=settings.EMAIL_PORT,
            username=settings.EMAIL_HOST_USER,
            password=settings.EMAIL_HOST_PASSWORD,
            use_tls=settings.EMAIL_USE_TLS,
            timeout=settings.EMAIL_TIMEOUT,
            fail_silently=False,
        )
        # Our own Message-ID, so that the one recorded is the one sent (and no DNS lookup is
        # made for the host name on every email).
        message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            connection=connection,
            headers={"Message-ID": message_id, "X-Carershub-Reference": message.reference},
        )
        try:
            email.send()
        except OSError as error:  # smtplib.SMTPException and socket errors are both OSErrors
            raise DeliveryError(
                f"The SMTP server at {settings.EMAIL_HOST}:{settings.EMAIL_PORT} did not take "
                f"the email: {error}"
            ) from error
        return Delivery(provider_reference=message_id)


class NotifyBackend:
    """Sends through GOV.UK Notify with its Python client.

    Email and text messages name a template in the partnership's Notify service and pass the
    personalisation; Notify renders and sends them. Letters go as the PDF the hub printed
    (a "precompiled letter"), so that the hub and Notify post exactly the same thing.
    """

    name = "notify"
    channels = {Channel.EMAIL, Channel.SMS, Channel.LETTER}

    def client(self):
        if not settings.NOTIFY_API_KEY:
            raise DeliveryError("NOTIFY_API_KEY is not set, so GOV.UK Notify cannot be used")
        return NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT,
        )

    def send(self, message):
        client = self.client()
        try:
            if message.channel == Channel.LETTER:
                if not message.letter_pdf:
                    raise DeliveryError("The letter has no PDF to send")
                response = client.send_precompiled_letter_notification(
                    reference=message.reference, pdf_file=io.BytesIO(bytes(message.letter_pdf))
                )
            else:
                template_id = self._template_id(message.template)
                if message.channel == Channel.EMAIL:
                    response = client.send_email_notification(
                        email_address=message.recipient,
                        template_id=template_id,
                        personalisation=message.personalisation,
                        reference=message.reference,
                    )
                else:
                    response = client.send_sms_notification(
                        phone_number=message.recipient,
                        template_id=template_id,
                        personalisation=message.personalisation,
                        reference=message.reference,
                    )
        except APIError as error:
            if error.response is None:
                raise DeliveryError(
                    f"GOV.UK Notify could not be reached: {error.__cause__}"
                ) from error
            raise DeliveryError(
                f"GOV.UK Notify refused the message ({error.status_code}): {_notify_errors(error)}"
            ) from error
        return Delivery(provider_reference=str(response.get("id", "")))

    def _template_id(self, key):
        template_id = get_template(key).notify_template_id
        if not template_id:
            raise DeliveryError(f"NOTIFY_TEMPLATE_IDS has no GOV.UK Notify template id for {key!r}")
        return template_id


def _notify_errors(error):
    """Notify's ``errors`` list ("AuthError: Invalid token: ...") as one line."""
    message = error.message
    if isinstance(message, list):
        return "; ".join(
            f"{item.get('error', 'Error')}: {item.get('message', '')}" for item in message
        )
    return str(message)


BACKENDS = {
    backend.name: backend for backend in (OutboxBackend, ConsoleBackend, SMTPBackend, NotifyBackend)
}

_SETTING_FOR = {
    Channel.EMAIL: "NOTIFICATIONS_EMAIL_BACKEND",
    Channel.SMS: "NOTIFICATIONS_SMS_BACKEND",
    Channel.LETTER: "NOTIFICATIONS_LETTER_BACKEND",
}


def backend_name_for(channel):
    return getattr(settings, _SETTING_FOR[channel])


def backend_for(channel):
    """The backend settings choose for ``channel``, or ImproperlyConfigured if it cannot send it."""
    setting = _SETTING_FOR[channel]
    name = backend_name_for(channel)
    backend = BACKENDS.get(name)
    if backend is None or channel not in backend.channels:
        allowed = sorted(n for n, b in BACKENDS.items() if channel in b.channels)
        raise ImproperlyConfigured(f"{setting} is {name!r}: it must be one of {', '.join(allowed)}")
    return backend()
