"""A secret link or code in a message reaches its recipient through the transport and nowhere else:
the hub keeps the message with it removed, holds the secret encrypted only until the transport
has taken it, and a failed send is tried again with the same link (ADR 24)."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core import checks
from django.db import connection
from django.urls import reverse

from carershub.notifications import services
from carershub.notifications.backends import ConsoleBackend
from carershub.notifications.message_templates import (
    REDACTED,
    TEMPLATES,
    MessageTemplate,
    MessageTemplateError,
)
from carershub.notifications.models import Channel, Notification, Status
from carershub.notifications.tests.factories import INVITATION

LINK = INVITATION["invitation_url"]
COPY = {
    "assessment": "carer's assessment",
    "organisation": "Testshire Carers Centre",
    "link": "https://hub.example/your-copy/s3cr3t-t0ken/",
    "expires": "21 December 2026",
}


def invitation(actor):
    return services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=actor,
    )


def stored_row(notification):
    """The row as the database holds it (what a backup or a database administrator sees)."""
    table = Notification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT subject, body, personalisation, "
            f"secret_personalisation FROM {table} WHERE id = %s",
            [notification.pk],
        )
        return " ".join(str(value) for value in cursor.fetchone())


def test_the_hub_keeps_an_invitation_without_its_link_and_the_email_carries_it(
    manager_actor, smtp_server
):
    notification = invitation(manager_actor)

    assert LINK not in stored_row(notification)  # encrypted until sent, never in the text
    notification.refresh_from_db()
    assert LINK not in notification.body and REDACTED in notification.body
    assert notification.personalisation["invitation_url"] == REDACTED

    services.deliver(notification.pk)

    assert smtp_server.link_to("priya@testshire.example", "/invitation/") == LINK
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.secret_personalisation is None
    assert LINK not in stored_row(notification)


def test_notify_is_given_the_link_in_the_personalisation_and_the_hub_keeps_none(
    manager_actor, fake_notify
):
    notification = services.send_sms(
        to="07700 900982", template="assessment_copy_sms", personalisation=COPY, actor=manager_actor
    )

    services.deliver(notification.pk)

    (accepted,) = fake_notify.accepted
    assert accepted.json["personalisation"]["link"] == COPY["link"]
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert COPY["link"] not in stored_row(notification)


def test_a_failed_send_keeps_the_secret_encrypted_and_the_retry_sends_the_same_link(
    manager_actor, smtp_server, settings, closed_port
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port
    notification = invitation(manager_actor)
    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.secret_personalisation == {"invitation_url": LINK}
    assert LINK not in stored_row(notification) and LINK not in notification.error

    settings.EMAIL_PORT = working_port
    services.deliver(notification.pk)

    assert smtp_server.link_to("priya@testshire.example", "/invitation/") == LINK
    notification.refresh_from_db()
    assert (notification.status, notification.secret_personalisation) == (Status.SENT, None)


def test_a_message_whose_secret_has_gone_to_a_transport_cannot_be_sent_again_without_it(
    manager_actor, smtp_server
):
    notification = invitation(manager_actor)
    services.deliver(notification.pk)
    Notification.unscoped.filter(pk=notification.pk).update(status=Status.FAILED)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert "send a new invitation or link instead" in notification.error
    assert len(smtp_server.envelopes) == 1  # never an email with the placeholder where the link was


def test_the_outbox_holds_a_message_without_its_link_and_says_it_must_be_sent_again(
    manager_actor, manager, hub, sign_in
):
    notification = invitation(manager_actor)

    services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.HELD
    assert notification.secret_personalisation is None
    assert LINK not in stored_row(notification)
    page = (
        sign_in(manager, hub)
        .get(reverse("notifications:detail", args=[notification.pk]))
        .content.decode()
    )
    assert "its link was not kept, so nobody has it" in page


def test_the_console_prints_the_link_for_a_developer_and_the_hub_keeps_none(
    manager_actor, settings, monkeypatch
):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "console"
    printed = io.StringIO()
    monkeypatch.setattr("sys.stdout", printed)
    notification = invitation(manager_actor)

    services.deliver(notification.pk)

    assert LINK in printed.getvalue() and "priya@testshire.example" in printed.getvalue()
    notification.refresh_from_db()
    assert notification.backend == "console"
    assert LINK not in stored_row(notification)


def test_the_console_is_refused_outside_a_developers_machine_even_with_debug_on(settings):
    settings.DEVELOPER_MACHINE = False
    settings.DEBUG = True
    settings.NOTIFICATIONS_SMS_BACKEND = "console"

    errors = [e for e in checks.run_checks(tags=["notifications"]) if e.id == "notifications.E005"]

    assert errors and "developer's machine only" in errors[0].msg


def test_the_console_is_allowed_on_a_developers_machine_with_debug_off(settings):
    settings.DEVELOPER_MACHINE = True
    settings.DEBUG = False
    settings.NOTIFICATIONS_SMS_BACKEND = "console"

    assert not [
        e for e in checks.run_checks(tags=["notifications"]) if e.id == "notifications.E005"
    ]


def test_the_console_takes_email_and_text_messages_only():
    assert ConsoleBackend.channels == {Channel.EMAIL, Channel.SMS}


# --- Which values are secrets -------------------------------------------------------------------

_LOOKS_SECRET = re.compile(r"(url|link|token|code|password|secret)", re.IGNORECASE)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_placeholder_that_carries_a_link_or_a_code_is_declared_secret(key):
    template = TEMPLATES[key]
    looks_secret = {name for name in template.placeholders if _LOOKS_SECRET.search(name)}
    assert looks_secret <= set(template.secrets), (
        f"{key}: declare {sorted(looks_secret)} in secrets"
    )


def test_a_letter_template_cannot_carry_a_secret():
    with pytest.raises(MessageTemplateError, match="cannot carry a secret"):
        MessageTemplate(
            key="x", channel=Channel.LETTER, name="X", body="Open ((link))", secrets=("link",)
        )


def test_a_secret_must_be_one_of_the_templates_placeholders():
    with pytest.raises(MessageTemplateError, match="no placeholder for the secret"):
        MessageTemplate(
            key="x", channel=Channel.EMAIL, name="X", body="Hello ((name))", secrets=("link",)
        )


# --- Messages stored before secrets were kept apart -----------------------------------------------


def test_the_migration_removes_links_from_stored_messages_and_keeps_unsent_ones_sendable(
    manager_actor, hub
):
    migration = importlib.import_module(
        "carershub.notifications.migrations.0002_notification_secret_personalisation"
    )
    body = (
        "Dear Priya Patel\n\nCreate your password using this "
        f"link:\n\n{LINK}\n\nThe link works once."
    )
    sent, waiting = (
        Notification.unscoped.create(
            channel=Channel.EMAIL,
            template="staff_invitation",
            recipient="p@example.com",
            personalisation=dict(INVITATION),
            subject="Invited",
            body=body,
            status=status,
            organisation=hub,
        )
        for status in (Status.SENT, Status.PENDING)
    )

    migration.redact_stored_secrets(apps, None)

    for notification in (sent, waiting):
        notification.refresh_from_db()
        assert LINK not in stored_row(notification)
        assert (
            REDACTED in notification.body
            and notification.personalisation["invitation_url"] == REDACTED
        )
    assert sent.secret_personalisation is None
    assert waiting.secret_personalisation == {"invitation_url": LINK}
