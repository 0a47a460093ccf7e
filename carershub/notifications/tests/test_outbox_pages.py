"""The outbox pages: who may see them, what they show, and what they write to the audit."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.core.pagination import PAGE_SIZE
from carershub.notifications import services
from carershub.notifications.models import Channel, Notification, Status
from carershub.notifications.tests.factories import ADDRESS, REGISTERED_LETTER, NotificationFactory

ALLOWED = [Role.HUB_MANAGER, Role.SYSTEM_ADMIN]
REFUSED = [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.PARTNER_REFERRER, Role.COMMISSIONER]


@pytest.fixture
def letter(manager_actor):
    notification = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
    )
    services.deliver(notification.pk)
    return notification


def pages_for(notification):
    return [
        reverse("notifications:outbox"),
        reverse("notifications:detail", args=[notification.pk]),
        reverse("notifications:letter_pdf", args=[notification.pk]),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_hub_managers_and_system_administrators_can_use_the_outbox(
    role, make_staff, hub, sign_in, letter
):
    client = sign_in(make_staff(role, hub), hub)

    for url in pages_for(letter):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", REFUSED)
def test_other_staff_are_refused_the_outbox(role, make_staff, hub, sign_in, letter):
    client = sign_in(make_staff(role, hub), hub)

    for url in pages_for(letter):
        assert client.get(url).status_code == 403, url


def test_someone_not_signed_in_is_sent_to_sign_in(client, letter):
    for url in pages_for(letter):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign_in")), url


def test_the_outbox_lists_the_organisations_messages_newest_first(manager, hub, sign_in):
    now = timezone.now()
    older = NotificationFactory(organisation=hub, recipient="older@testshire.example")
    newer = NotificationFactory(
        organisation=hub,
        channel=Channel.SMS,
        template="carer_registered_sms",
        recipient="07700 900982",
        status=Status.FAILED,
        subject="",
    )
    Notification.unscoped.filter(pk=older.pk).update(created_at=now - dt.timedelta(days=1))
    Notification.unscoped.filter(pk=newer.pk).update(created_at=now)

    response = sign_in(manager, hub).get(reverse("notifications:outbox"))

    html = response.content.decode()
    assert "2 messages" in html
    assert html.index("07700 900982") < html.index("older@testshire.example")
    assert "Carer registered (text message)" in html and "Staff invitation" in html
    assert "Text message" in html
    assert re.search(r'<strong class="govuk-tag govuk-tag--red">\s*Failed\s*</strong>', html)
    assert re.search(
        r'<strong class="govuk-tag govuk-tag--yellow">\s*Held in outbox\s*</strong>', html
    )
    assert reverse("notifications:detail", args=[newer.pk]) in html


def test_another_organisations_messages_are_not_listed_and_cannot_be_opened(
    manager, hub, other_hub, hospital, sign_in
):
    elsewhere = NotificationFactory(organisation=other_hub, recipient="elsewhere@other.example")
    same_partnership = NotificationFactory(
        organisation=hospital, recipient="ward@testshire.example"
    )
    client = sign_in(manager, hub)

    html = client.get(reverse("notifications:outbox")).content.decode()

    assert "elsewhere@other.example" not in html
    assert "ward@testshire.example" not in html
    for notification in (elsewhere, same_partnership):
        assert (
            client.get(reverse("notifications:detail", args=[notification.pk])).status_code == 404
        )
        assert (
            client.get(reverse("notifications:letter_pdf", args=[notification.pk])).status_code
            == 404
        )


def test_listing_writes_one_search_audit_row_per_message_shown(manager, hub, sign_in):
    shown = NotificationFactory.create_batch(3, organisation=hub)

    sign_in(manager, hub).get(reverse("notifications:outbox"))

    rows = AuditLog.objects.filter(
        object_type="notifications.notification", operation=Operation.SEARCH
    )
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(str(n.pk) for n in shown)
    assert {r.actor_user_id for r in rows} == {manager.pk}
    assert all("recipient" in r.fields for r in rows)


def test_the_outbox_is_paginated(manager, hub, sign_in):
    NotificationFactory.create_batch(PAGE_SIZE + 3, organisation=hub)
    client = sign_in(manager, hub)

    first = client.get(reverse("notifications:outbox")).content.decode()
    second = client.get(reverse("notifications:outbox"), {"page": 2}).content.decode()

    assert first.count('class="govuk-table__row"') == PAGE_SIZE + 1  # and the heading row
    assert second.count('class="govuk-table__row"') == 3 + 1
    assert "?page=2" in first


def test_the_outbox_makes_the_same_number_of_queries_however_many_messages_there_are(
    manager, hub, sign_in
):
    client = sign_in(manager, hub)
    url = reverse("notifications:outbox")
    NotificationFactory.create_batch(2, organisation=hub)
    client.get(url)  # warm the session

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    NotificationFactory.create_batch(PAGE_SIZE, organisation=hub)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few), [q["sql"] for q in many]


def test_the_outbox_never_loads_letters_pdfs(manager, hub, sign_in, letter):
    client = sign_in(manager, hub)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("notifications:outbox"))

    listing = [q["sql"] for q in queries if 'FROM "notifications_notification"' in q["sql"]]
    assert listing and not any("letter_pdf" in sql for sql in listing)


def test_a_message_page_shows_what_was_sent_and_audits_the_read(
    manager, hub, sign_in, manager_actor
):
    notification = services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        actor=manager_actor,
        personalisation={
            "full_name": "Priya Patel",
            "organisation": "Testshire Carers Centre",
            "invited_by": "Morgan Manager",
            "invitation_url": "https://hub.example/invitation/abc123/",
            "expires": "30 November 2026",
        },
    )
    services.deliver(notification.pk)

    response = sign_in(manager, hub).get(reverse("notifications:detail", args=[notification.pk]))

    html = response.content.decode()
    assert "priya@testshire.example" in html
    assert "You have been invited to join Testshire Carers Centre on the carers hub" in html
    assert "Dear Priya Patel" in html
    # The link that lets its holder in went to the recipient only: the outbox shows where it was.
    assert "abc123" not in html
    assert "[link or code removed: only the recipient has it]" in html
    assert "Held in outbox" in html
    assert "Morgan Manager" in html
    assert "Download letter" not in html
    row = AuditLog.objects.get(object_type="notifications.notification", operation=Operation.READ)
    assert row.object_id == str(notification.pk)
    assert row.actor_user_id == manager.pk
    assert "body" in row.fields


def test_a_failed_message_page_says_why_it_failed(manager, hub, sign_in):
    notification = NotificationFactory(
        organisation=hub,
        status=Status.FAILED,
        backend="notify",
        error="GOV.UK Notify refused the message (400): BadRequestError: Template not found",
    )

    html = (
        sign_in(manager, hub)
        .get(reverse("notifications:detail", args=[notification.pk]))
        .content.decode()
    )

    assert "Why it failed" in html
    assert "BadRequestError: Template not found" in html


def test_a_letter_can_be_downloaded_as_a_pdf_and_the_download_is_audited(
    manager, hub, sign_in, letter
):
    client = sign_in(manager, hub)

    page = client.get(reverse("notifications:detail", args=[letter.pk])).content.decode()
    response = client.get(reverse("notifications:letter_pdf", args=[letter.pk]))

    assert "Download letter (PDF)" in page
    assert reverse("notifications:letter_pdf", args=[letter.pk]) in page
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="letter-{letter.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    row = AuditLog.objects.get(object_type="notifications.notification", operation=Operation.EXPORT)
    assert row.object_id == str(letter.pk)
    assert row.context == {"format": "pdf"}


def test_a_letter_not_yet_printed_has_no_download(manager, hub, sign_in, manager_actor):
    waiting = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
    )
    client = sign_in(manager, hub)

    page = client.get(reverse("notifications:detail", args=[waiting.pk])).content.decode()

    assert "Download letter" not in page
    assert "ready to download once it has been printed" in page
    assert client.get(reverse("notifications:letter_pdf", args=[waiting.pk])).status_code == 404
    assert not AuditLog.objects.filter(operation=Operation.EXPORT).exists()


def test_an_email_has_no_pdf_to_download(manager, hub, sign_in):
    notification = NotificationFactory(organisation=hub)

    assert (
        sign_in(manager, hub)
        .get(reverse("notifications:letter_pdf", args=[notification.pk]))
        .status_code
        == 404
    )


def test_the_outbox_is_empty_for_an_organisation_that_has_sent_nothing(manager, hub, sign_in):
    html = sign_in(manager, hub).get(reverse("notifications:outbox")).content.decode()

    assert "Testshire Carers Centre has not sent any messages yet." in html
