"""send_email, send_sms and send_letter: check, render, store and queue - or store nothing."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from carershub.accounts import services as accounts_services
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.notifications import services
from carershub.notifications.message_templates import REDACTED, MissingPersonalisation, WrongChannel
from carershub.notifications.models import Channel, Notification, Status
from carershub.notifications.tests.factories import (
    ADDRESS,
    INVITATION,
    REGISTERED,
    REGISTERED_LETTER,
)


def test_send_email_stores_a_pending_message_rendered_from_its_template(manager_actor, hub):
    notification = services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=manager_actor,
        subject_type="accounts.user",
        subject_id=12,
    )

    stored = Notification.unscoped.get()
    assert stored == notification
    assert stored.channel == Channel.EMAIL
    assert stored.status == Status.PENDING
    assert stored.recipient == "priya@testshire.example"
    assert (
        stored.subject == "You have been invited to join Testshire Carers Centre on the carers hub"
    )
    assert "Dear Priya Patel" in stored.body
    assert stored.personalisation == {**INVITATION, "invitation_url": REDACTED}
    assert stored.secret_personalisation == {"invitation_url": INVITATION["invitation_url"]}
    assert stored.organisation == hub
    assert stored.requested_by == manager_actor.user
    assert (stored.subject_type, stored.subject_id) == ("accounts.user", "12")


def test_sending_writes_a_create_audit_row_naming_fields_but_holding_no_personal_values(
    manager_actor,
):
    notification = services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=manager_actor,
    )

    row = AuditLog.objects.get(object_type="notifications.notification")
    assert row.operation == Operation.CREATE
    assert row.object_id == str(notification.pk)
    assert row.actor_user_id == manager_actor.user.pk
    assert "recipient" in row.fields and "body" in row.fields
    written = f"{row.fields} {row.context}"
    for value in ["priya@testshire.example", *INVITATION.values()]:
        assert value not in written


def test_a_message_the_hub_sends_by_itself_comes_from_the_partnerships_hub_provider(hub, hospital):
    notification = services.send_sms(
        to="07700 900982", template="carer_registered_sms", personalisation=REGISTERED
    )

    assert notification.organisation == hub
    assert notification.requested_by is None


def test_a_message_the_hub_sends_by_itself_is_refused_when_there_is_no_hub_provider(hospital):
    with pytest.raises(services.NoSendingOrganisation):
        services.send_sms(
            to="07700 900982", template="carer_registered_sms", personalisation=REGISTERED
        )
    assert not Notification.unscoped.exists()


def test_a_message_is_sent_as_the_organisation_the_actor_is_acting_for(
    make_staff, hospital, actor_of
):
    ward_manager = make_staff(Role.HUB_MANAGER, hospital)

    notification = services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=actor_of(ward_manager, hospital),
    )

    assert notification.organisation == hospital


def test_delivery_is_queued_as_a_background_task_when_the_transaction_commits(
    manager_actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = services.send_email(
            to="priya@testshire.example",
            template="staff_invitation",
            personalisation=INVITATION,
            actor=manager_actor,
        )
        assert not DBTaskResult.objects.exists(), "nothing is queued before the commit"

    assert len(callbacks) == 1
    task = DBTaskResult.objects.get()
    assert task.task_path == "carershub.notifications.tasks.deliver_notification"
    assert task.args_kwargs == {"args": [notification.pk], "kwargs": {}}


def test_a_message_sent_in_a_transaction_that_rolls_back_is_neither_stored_nor_queued(
    manager_actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.send_email(
                to="priya@testshire.example",
                template="staff_invitation",
                personalisation=INVITATION,
                actor=manager_actor,
            )
            raise RuntimeError("the change that sent it failed")

    assert callbacks == []
    assert not Notification.unscoped.exists()
    assert not DBTaskResult.objects.exists()


def test_a_failure_in_the_middle_of_sending_leaves_no_message_behind(manager_actor, monkeypatch):
    def audit_fails(*args, **kwargs):
        raise RuntimeError("audit database unavailable")

    monkeypatch.setattr(services.auditor, "created", audit_fails)

    with pytest.raises(RuntimeError, match="audit database unavailable"):
        services.send_email(
            to="priya@testshire.example",
            template="staff_invitation",
            personalisation=INVITATION,
            actor=manager_actor,
        )

    assert not Notification.unscoped.exists()


def test_bad_personalisation_is_refused_before_anything_is_stored(manager_actor):
    with pytest.raises(MissingPersonalisation):
        services.send_email(
            to="priya@testshire.example",
            template="staff_invitation",
            personalisation={"full_name": "Priya Patel"},
            actor=manager_actor,
        )

    assert not Notification.unscoped.exists()
    assert not AuditLog.objects.filter(object_type="notifications.notification").exists()


def test_a_template_for_another_channel_is_refused(manager_actor):
    with pytest.raises(WrongChannel):
        services.send_sms(
            to="07700 900982",
            template="staff_invitation",
            personalisation=INVITATION,
            actor=manager_actor,
        )
    assert not Notification.unscoped.exists()


@pytest.mark.parametrize(
    "address", ["", "priya", "priya@", "priya @testshire.example", "@testshire.example"]
)
def test_an_email_address_that_cannot_work_is_refused(manager_actor, address):
    with pytest.raises(services.InvalidRecipient, match="email address"):
        services.send_email(
            to=address, template="staff_invitation", personalisation=INVITATION, actor=manager_actor
        )
    assert not Notification.unscoped.exists()


@pytest.mark.parametrize(
    "number, kept",
    [
        ("07700 900982", "+447700900982"),
        ("07700-900-982", "+447700900982"),
        ("+44 7700 900982", "+447700900982"),
        ("0044 7700 900982", "+447700900982"),
        ("+33 6 12 34 56 78", "+33612345678"),
    ],
)
def test_mobile_numbers_are_accepted_written_the_usual_ways_and_kept_in_e164(
    manager_actor, number, kept
):
    notification = services.send_sms(
        to=number, template="carer_registered_sms", personalisation=REGISTERED, actor=manager_actor
    )
    assert notification.recipient == kept


@pytest.mark.parametrize(
    "number", ["", "01632 960000", "0770090098", "077009009821", "+44 1632 960000", "call me"]
)
def test_numbers_that_are_not_mobiles_are_refused_for_text_messages(manager_actor, number):
    with pytest.raises(services.InvalidRecipient, match="mobile phone number"):
        services.send_sms(
            to=number,
            template="carer_registered_sms",
            personalisation=REGISTERED,
            actor=manager_actor,
        )
    assert not Notification.unscoped.exists()


def test_a_letter_keeps_its_address_one_line_each_with_spacing_tidied(manager_actor):
    notification = services.send_letter(
        address_lines=["  Ada   Foxglove ", "12 Primrose Lane", "", "Little Testing", "ZZ1 1AA"],
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=manager_actor,
    )

    assert notification.channel == Channel.LETTER
    assert notification.address_lines == [
        "Ada Foxglove",
        "12 Primrose Lane",
        "Little Testing",
        "ZZ1 1AA",
    ]
    assert notification.subject == "You are registered with Testshire Carers Partnership"


@pytest.mark.parametrize(
    "lines", [ADDRESS[:1], ADDRESS[:2], ADDRESS + ["Line 6", "Line 7", "Line 8"]]
)
def test_a_letter_needs_an_address_of_three_to_seven_lines(manager_actor, lines):
    with pytest.raises(services.InvalidRecipient, match="between 3 and 7 lines"):
        services.send_letter(
            address_lines=lines,
            template="carer_registered_letter",
            personalisation=REGISTERED_LETTER,
            actor=manager_actor,
        )
    assert not Notification.unscoped.exists()


def test_inviting_a_member_of_staff_sends_them_the_invitation_email(manager_actor):
    user = accounts_services.invite_user(
        manager_actor,
        full_name="Priya Patel",
        email="Priya@Testshire.example",
        roles=[Role.SUPPORT_WORKER],
        accept_url_for=lambda token: f"https://hub.example/invitation/{token}/",
    )

    notification = Notification.unscoped.get()
    assert notification.template == "staff_invitation"
    assert notification.recipient == "priya@testshire.example"
    assert (notification.subject_type, notification.subject_id) == ("accounts.user", str(user.pk))
    assert notification.personalisation["full_name"] == "Priya Patel"
    assert notification.personalisation["invitation_url"] in notification.body
