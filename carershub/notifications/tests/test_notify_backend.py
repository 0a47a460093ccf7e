"""The GOV.UK Notify backend, against a fake of Notify's API on loopback (see fake_notify.py)."""

import base64
import io
import time
import uuid

import jwt
import pypdf
import pytest
import requests

from carershub.notifications import services
from carershub.notifications.message_templates import get_template
from carershub.notifications.models import Status
from carershub.notifications.tests.factories import (
    ADDRESS,
    INVITATION,
    REGISTERED,
    REGISTERED_LETTER,
)


def send_invitation(actor):
    return services.send_email(
        to="priya@testshire.example",
        template="staff_invitation",
        personalisation=INVITATION,
        actor=actor,
    )


def delivered(notification):
    services.deliver(notification.pk)
    notification.refresh_from_db()
    return notification


def test_an_email_goes_to_notify_signed_with_the_api_key_and_naming_its_template(
    manager_actor, fake_notify, settings
):
    notification = delivered(send_invitation(manager_actor))

    assert notification.status == Status.SENT, notification.error
    assert notification.backend == "notify"
    [request] = fake_notify.accepted
    assert request.path == "/v2/notifications/email"
    assert request.claims["iss"] == fake_notify.service_id
    assert abs(time.time() - request.claims["iat"]) < 30
    assert request.json["email_address"] == "priya@testshire.example"
    assert request.json["template_id"] == settings.NOTIFY_TEMPLATE_IDS["staff_invitation"]
    assert request.json["personalisation"] == INVITATION
    assert set(request.json["personalisation"]) == set(
        get_template("staff_invitation").placeholders
    )
    assert request.json["reference"] == f"carershub-notification-{notification.pk}"
    assert notification.provider_reference == request.notification_id


def test_a_text_message_goes_to_notify_with_exactly_its_templates_placeholders(
    manager_actor, fake_notify, settings
):
    notification = delivered(
        services.send_sms(
            to="07700 900982",
            template="carer_registered_sms",
            personalisation=REGISTERED,
            actor=manager_actor,
        )
    )

    assert notification.status == Status.SENT, notification.error
    [request] = fake_notify.accepted
    assert request.path == "/v2/notifications/sms"
    assert request.json["phone_number"] == "+447700900982"
    assert request.json["template_id"] == settings.NOTIFY_TEMPLATE_IDS["carer_registered_sms"]
    assert set(request.json["personalisation"]) == set(
        get_template("carer_registered_sms").placeholders
    )
    assert notification.provider_reference == request.notification_id


def test_a_letter_goes_to_notify_as_the_pdf_the_hub_printed(manager_actor, fake_notify):
    notification = delivered(
        services.send_letter(
            address_lines=ADDRESS,
            template="carer_registered_letter",
            personalisation=REGISTERED_LETTER,
            actor=manager_actor,
        )
    )

    assert notification.status == Status.SENT, notification.error
    [request] = fake_notify.accepted
    assert request.path == "/v2/notifications/letter"
    assert "template_id" not in request.json, "a precompiled letter names no template"
    assert request.json["reference"] == f"carershub-notification-{notification.pk}"
    assert base64.b64decode(request.json["content"]) == bytes(notification.letter_pdf)
    assert "Ada Foxglove" in pypdf.PdfReader(io.BytesIO(request.pdf)).pages[0].extract_text()
    assert notification.provider_reference == request.notification_id


def test_notify_refusing_the_api_key_fails_the_message_with_notifys_reason(
    manager_actor, fake_notify, settings
):
    settings.NOTIFY_API_KEY = f"carershub_test-{fake_notify.service_id}-{uuid.uuid4()}"
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert (
        notification.error
        == "GOV.UK Notify refused the message (403): AuthError: Invalid token: API key not found"
    )
    assert fake_notify.accepted == []


def test_a_key_for_another_notify_service_is_refused(manager_actor, fake_notify, settings):
    settings.NOTIFY_API_KEY = f"carershub_test-{uuid.uuid4()}-{fake_notify.secret}"
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert (
        notification.error
        == "GOV.UK Notify refused the message (403): AuthError: Invalid token: service not found"
    )


def test_a_template_notify_does_not_have_fails_the_message_with_notifys_reason(
    manager_actor, fake_notify, settings
):
    settings.NOTIFY_TEMPLATE_IDS = {
        **settings.NOTIFY_TEMPLATE_IDS,
        "staff_invitation": str(uuid.uuid4()),
    }
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert (
        notification.error
        == "GOV.UK Notify refused the message (400): BadRequestError: Template not found"
    )


def test_a_notify_template_with_a_placeholder_the_hub_does_not_fill_fails_the_message(
    manager_actor, fake_notify, settings
):
    """The two copies of a template have drifted apart: Notify says which placeholder is missing."""
    twin = fake_notify.templates[settings.NOTIFY_TEMPLATE_IDS["staff_invitation"]]
    twin.body += "\n\nYour team leader is ((team leader))."
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert (
        notification.error
        == "GOV.UK Notify refused the message (400): BadRequestError: Missing personalisation: "
        "team leader"
    )


def test_a_template_without_a_notify_id_fails_before_anything_is_sent(
    manager_actor, fake_notify, settings, notify_server
):
    settings.NOTIFY_TEMPLATE_IDS = {}
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert (
        notification.error
        == "NOTIFY_TEMPLATE_IDS has no GOV.UK Notify template id for 'staff_invitation'"
    )
    assert notify_server.log == []


def test_notify_being_unreachable_fails_the_message_and_says_so(
    manager_actor, fake_notify, settings, closed_port
):
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{closed_port}"
    notification = send_invitation(manager_actor)

    with pytest.raises(services.NotificationFailed):
        services.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.error.startswith("GOV.UK Notify could not be reached:")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_the_fake_notify_refuses_what_the_real_one_would(notify_server, fake_notify):
    """The fake itself: unsigned, stale or wrongly signed requests never get through."""
    url = notify_server.url_for("/v2/notifications/email")
    body = {
        "email_address": "a@b.example",
        "template_id": next(iter(fake_notify.templates)),
        "personalisation": INVITATION,
    }

    def post(token):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(url, json=body, headers=headers, timeout=5)

    def token(secret=fake_notify.secret, iat=None, iss=fake_notify.service_id, alg="HS256"):
        return jwt.encode(
            {"iss": iss, "iat": int(time.time()) if iat is None else iat}, secret, algorithm=alg
        )

    assert post(None).status_code == 401
    assert (
        post(token(iat=int(time.time()) - 60))
        .json()["errors"][0]["message"]
        .startswith("Error: Your system clock")
    )
    assert (
        post(token(alg="HS512")).json()["errors"][0]["message"]
        == "Invalid token: algorithm used is not HS256"
    )
    assert (
        post(token(secret="not-the-secret")).json()["errors"][0]["message"]
        == "Invalid token: API key not found"
    )
    assert post(token()).status_code == 201
