"""deliver(): the backend settings choose sends the message, and the outcome is recorded."""

import datetime as dt
import email
import email.policy
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from carershub.audit.models import AuditLog, Operation
from carershub.notifications import services
from carershub.notifications.models import Notification, Status
from carershub.notifications.tasks import deliver_notification, requeue_waiting_notifications
from carershub.notifications.tests.factories import (
    ADDRESS,
    INVITATION,
    REGISTERED,
    REGISTERED_LETTER,
)


def invitation(actor, to="priya@testshire.example"):
    return services.send_email(
        to=to, template="staff_invitation", personalisation=INVITATION, actor=actor
    )


def test_development_prints_emails_and_texts_and_keeps_letters_in_the_outbox_unless_configured():
    """Read the development settings in a fresh interpreter, with no NOTIFICATIONS_* variables set.

    Email and text messages go to the console so that their secret links can be followed in the
    demonstration (the outbox keeps them redacted); letters stay in the outbox to print."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("NOTIFICATIONS_", "NOTIFY_"))
    }
    script = (
        "from config.settings import local as s;"
        "print(s.NOTIFICATIONS_EMAIL_BACKEND, s.NOTIFICATIONS_SMS_BACKEND, "
        "s.NOTIFICATIONS_LETTER_BACKEND)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["console", "console", "outbox"]


def test_the_outbox_holds_the_message_instead_of_sending_it(manager_actor):
    notification = invitation(manager_actor)

    services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.HELD
    assert notification.backend == "outbox"
    assert notification.sent_at is not None
    assert notification.error == ""


def test_the_background_task_delivers_the_message_it_is_given(manager_actor):
    notification = services.send_sms(
        to="07700 900982",
        template="carer_registered_sms",
        personalisation=REGISTERED,
        actor=manager_actor,
    )

    deliver_notification.call(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.HELD


def test_delivery_is_audited_as_a_change_made_by_the_system(manager_actor):
    notification = invitation(manager_actor)

    services.deliver(notification.pk)

    row = AuditLog.objects.get(object_type="notifications.notification", operation=Operation.UPDATE)
    assert row.actor_user_id is None
    assert row.object_id == str(notification.pk)
    assert row.context == {"status": "held", "backend": "outbox"}


def test_smtp_sends_a_real_email_to_the_recipient(manager_actor, smtp_server, settings):
    settings.DEFAULT_FROM_EMAIL = "hub@testshire.example"
    notification = invitation(manager_actor)

    services.deliver(notification.pk)

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["priya@testshire.example"]
    assert envelope.mail_from == "hub@testshire.example"
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert (
        message["Subject"]
        == "You have been invited to join Testshire Carers Centre on the carers hub"
    )
    assert message["To"] == "priya@testshire.example"
    body = message.get_content()
    assert "Dear Priya Patel" in body
    assert "https://hub.example/invitation/abc123/" in body
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.backend == "smtp"
    assert notification.provider_reference == message["Message-ID"]


def test_delivering_the_same_message_twice_sends_it_once(manager_actor, smtp_server):
    notification = invitation(manager_actor)

    services.deliver(notification.pk)
    services.deliver(notification.pk)

    assert len(smtp_server.envelopes) == 1


def test_a_message_another_worker_is_sending_is_left_alone(manager_actor, smtp_server):
    notification = invitation(manager_actor)
    Notification.unscoped.filter(pk=notification.pk).update(status=Status.SENDING)

    services.deliver(notification.pk)

    assert smtp_server.envelopes == []
    notification.refresh_from_db()
    assert notification.status == Status.SENDING


def test_a_failed_delivery_records_why_and_fails_the_task_without_personal_data(
    manager_actor, settings, closed_port
):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "smtp"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    notification = invitation(manager_actor)

    with pytest.raises(services.NotificationFailed) as failure:
        deliver_notification.call(notification.pk)

    # The task queue keeps this message: it names the notification, never its recipient.
    assert (
        str(failure.value)
        == f"Notification {notification.pk} could not be sent through smtp: see the outbox"
    )
    assert failure.value.__cause__ is None and failure.value.__suppress_context__
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.backend == "smtp"
    assert (
        f"The SMTP server at 127.0.0.1:{closed_port} did not take the email" in notification.error
    )
    assert notification.sent_at is None


def test_a_failed_message_is_sent_when_delivery_is_tried_again(
    manager_actor, smtp_server, settings, closed_port
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port
    notification = invitation(manager_actor)
    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    settings.EMAIL_PORT = working_port
    services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.error == ""
    assert len(smtp_server.envelopes) == 1


def test_a_backend_that_cannot_send_the_channel_fails_the_message_and_says_which_can(
    manager_actor, settings
):
    settings.NOTIFICATIONS_SMS_BACKEND = "smtp"
    notification = services.send_sms(
        to="07700 900982",
        template="carer_registered_sms",
        personalisation=REGISTERED,
        actor=manager_actor,
    )

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert (
        "NOTIFICATIONS_SMS_BACKEND is 'smtp': it must be one of console, notify, outbox"
        in notification.error
    )


def test_a_letter_is_printed_to_pdf_when_it_is_delivered(manager_actor):
    notification = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
    )
    assert notification.letter_pdf is None

    services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.HELD
    assert bytes(notification.letter_pdf).startswith(b"%PDF-")


def test_messages_left_waiting_are_queued_again_and_recent_ones_left_alone(manager_actor):
    stranded = invitation(manager_actor, to="stranded@testshire.example")
    invitation(manager_actor, to="recent@testshire.example")  # pending, but only just
    already_sent = invitation(manager_actor, to="sent@testshire.example")
    services.deliver(already_sent.pk)
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Notification.unscoped.filter(pk__in=[stranded.pk, already_sent.pk]).update(
        created_at=an_hour_ago
    )

    assert requeue_waiting_notifications.call() == 1

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "carershub.notifications.tasks.deliver_notification"
    assert queued.args_kwargs["args"] == [stranded.pk]
