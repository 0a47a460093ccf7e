"""Who reads what in the outbox: a message about a carer shows its recipient and words only to
those who may see the carer's contact details; a system administrator sees that it went, not to
whom or what it said; a list never shows a restricted carer's recipient (ADR 24)."""

import datetime as dt

import pytest
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import restrictions
from carershub.carers import services as carer_services
from carershub.carers.models import RestrictionReason
from carershub.carers.tests.factories import CarerFactory
from carershub.groups import services as group_services
from carershub.groups.tests.factories import GroupFactory, SessionFactory
from carershub.notifications import services
from carershub.notifications.models import Notification
from carershub.notifications.tests.factories import (
    ADDRESS,
    INVITATION,
    REGISTERED,
    REGISTERED_LETTER,
)
from carershub.referrals.tests.factories import ReferralFactory

EMAIL = "rae.hidden@example.org"
MOBILE = "07700 900456"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Rae",
        family_name="Hollow",
        email=EMAIL,
        mobile=MOBILE,
        preferred_contact_method="email",
    )


def restrict(carer, manager, hub, actor_of, workers=()):
    restrictions.restrict(
        actor_of(manager, hub),
        carer,
        reason=RestrictionReason.DOMESTIC_ABUSE,
        workers=list(workers),
    )
    carer.refresh_from_db()


def cancellation_to(carer, worker, hub, actor_of):
    """A worker books the carer on a session and cancels it: the carer is emailed."""
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=5)
    group_services.book(actor_of(worker, hub), session, carer)
    group_services.cancel_session(actor_of(worker, hub), session, reason="The room is flooded")
    return Notification.unscoped.get(template="group_session_cancelled_email")


def page(client, name, notification=None):
    kwargs = {"notification_id": notification.pk} if notification else {}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_a_worker_not_named_books_a_restricted_carer_and_the_cancellation_shows_nobody_her_email(
    carer, worker, manager, admin, hub, actor_of, sign_in, client
):
    restrict(carer, manager, hub, actor_of)
    message = cancellation_to(carer, worker, hub, actor_of)
    assert message.recipient == EMAIL

    as_admin = sign_in(admin, hub)
    for html in (
        page(as_admin, "notifications:outbox"),
        page(as_admin, "notifications:detail", message),
    ):
        assert EMAIL not in html and "The room is flooded" not in html and "Not shown" in html
    client.logout()
    as_manager = sign_in(manager, hub)
    assert EMAIL not in page(as_manager, "notifications:outbox")  # a list never shows it (ADR 19)
    detail = page(as_manager, "notifications:detail", message)
    assert EMAIL in detail and "The room is flooded" in detail
    sight = AuditLog.objects.filter(
        operation=Operation.READ,
        object_type="carers.carer",
        object_id=str(carer.pk),
        actor_user_id=manager.pk,
    ).get()
    assert sight.fields == ["email"] and sight.context["restricted_contact_details"] is True


def test_a_system_administrator_sees_a_carer_was_sent_a_message_but_not_to_whom_or_what_it_said(
    carer, admin, hub, actor_of, sign_in, manager_actor
):
    message = services.send_sms(
        to=MOBILE,
        template="carer_registered_sms",
        personalisation=REGISTERED,
        actor=manager_actor,
        subject_type="carers.carer",
        subject_id=carer.pk,
    )
    services.deliver(message.pk)
    client = sign_in(admin, hub)

    listed = page(client, "notifications:outbox")
    detail = page(client, "notifications:detail", message)

    assert "Carer registered (text message)" in listed and "Held in outbox" in listed
    for html in (listed, detail):
        assert MOBILE not in html and REGISTERED["reference"] not in html
    rows = AuditLog.objects.filter(
        object_type="notifications.notification", object_id=str(message.pk), actor_user_id=admin.pk
    )
    assert rows.count() == 2
    assert all(not {"recipient", "subject", "body"} & set(row.fields) for row in rows)


def test_a_system_administrator_still_reads_a_staff_invitation_without_its_link(
    admin, hub, sign_in, manager_actor
):
    message = services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=manager_actor,
        subject_type="accounts.user",
        subject_id=admin.pk,
    )
    detail = page(sign_in(admin, hub), "notifications:detail", message)
    assert "priya@testshire.example" in detail and "Dear Priya Patel" in detail
    assert INVITATION["invitation_url"] not in detail


def test_a_hub_manager_reads_messages_to_an_unrestricted_carer_in_the_list_and_on_the_page(
    carer, worker, manager, hub, actor_of, sign_in
):
    message = cancellation_to(carer, worker, hub, actor_of)
    client = sign_in(manager, hub)
    assert EMAIL in page(client, "notifications:outbox")
    assert "The room is flooded" in page(client, "notifications:detail", message)


def test_a_partners_manager_reads_messages_about_a_carer_sharing_with_them_until_restricted(
    carer, worker, manager, hub, hospital, make_staff, actor_of, sign_in
):
    carer_services.record_consent(
        actor_of(worker, hub),
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    partner_manager = make_staff(Role.HUB_MANAGER, hospital, full_name="Hana Hospital")
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=5)
    booking = group_services.book(actor_of(worker, hub), session, carer)
    # The hospital's manager sends a message about the booking, so it is in the hospital's outbox.
    message = services.send_email(
        to=EMAIL,
        template="self_referral_received",
        actor=actor_of(partner_manager, hospital),
        personalisation={
            "hub": "Testshire",
            "reference": "R-1",
            "first_contact_due": "1 January",
            "helpline": "0808",
        },
        subject_type="groups.booking",
        subject_id=booking.pk,
    )
    client = sign_in(partner_manager, hospital)
    assert EMAIL in page(client, "notifications:detail", message)

    restrict(carer, manager, hub, actor_of)

    assert EMAIL not in page(client, "notifications:detail", message)
    assert EMAIL not in page(client, "notifications:outbox")


def test_a_message_about_a_referral_not_yet_linked_follows_the_referrals_rule(
    hub, manager, admin, sign_in, client, manager_actor
):
    referral = ReferralFactory(holding_organisation=hub, email="self@example.org")
    message = services.send_email(
        to="self@example.org",
        template="self_referral_received",
        actor=manager_actor,
        personalisation={
            "hub": "Testshire",
            "reference": "R-2",
            "first_contact_due": "1 January",
            "helpline": "0808",
        },
        subject_type="referrals.referral",
        subject_id=referral.pk,
    )
    assert "self@example.org" in page(sign_in(manager, hub), "notifications:detail", message)
    client.logout()
    assert "self@example.org" not in page(sign_in(admin, hub), "notifications:detail", message)


def test_a_letter_about_a_carer_cannot_be_downloaded_by_a_system_administrator(
    carer, admin, manager, hub, sign_in, client, manager_actor
):
    letter = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
        subject_type="carers.carer",
        subject_id=carer.pk,
    )
    services.deliver(letter.pk)
    url = reverse("notifications:letter_pdf", kwargs={"notification_id": letter.pk})
    assert sign_in(manager, hub).get(url).status_code == 200
    client.logout()
    as_admin = sign_in(admin, hub)
    assert as_admin.get(url).status_code == 404
    assert "Download letter" not in page(as_admin, "notifications:detail", letter)
    assert ADDRESS[1] not in page(as_admin, "notifications:detail", letter)


def test_the_outbox_reads_the_carers_it_shows_in_a_fixed_number_of_queries(
    hub, manager, worker, sign_in, actor_of, manager_actor, django_assert_max_num_queries
):
    def add_messages(count):
        for _ in range(count):
            carer = CarerFactory(holding_organisation=hub, mobile=MOBILE)
            if _ % 2:
                restrict(carer, manager, hub, actor_of)
            services.send_sms(
                to=MOBILE,
                template="carer_registered_sms",
                personalisation=REGISTERED,
                actor=manager_actor,
                subject_type="carers.carer",
                subject_id=carer.pk,
            )
        session = SessionFactory(group=GroupFactory(organisation=hub), capacity=5)
        booking = group_services.book(
            actor_of(worker, hub), session, CarerFactory(holding_organisation=hub)
        )
        services.send_sms(
            to=MOBILE,
            template="carer_registered_sms",
            personalisation=REGISTERED,
            actor=manager_actor,
            subject_type="groups.booking",
            subject_id=booking.pk,
        )

    client = sign_in(manager, hub)
    add_messages(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page(client, "notifications:outbox")
    add_messages(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page(client, "notifications:outbox")
