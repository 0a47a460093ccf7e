"""The settings checks catch a hub set up to send through Notify or SMTP without what that needs."""

import uuid

import pytest

from carershub.notifications.checks import check_notification_settings
from carershub.notifications.message_templates import TEMPLATES

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"carershub_live-{SERVICE_ID}-{SECRET}"


def ids(errors):
    return [error.id for error in errors]


@pytest.fixture
def all_notify(settings):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "notify"
    settings.NOTIFICATIONS_SMS_BACKEND = "notify"
    settings.NOTIFICATIONS_LETTER_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_IDS = {key: str(uuid.uuid4()) for key in TEMPLATES}
    return settings


def test_the_development_default_of_the_outbox_needs_nothing_else(settings):
    settings.NOTIFICATIONS_EMAIL_BACKEND = settings.NOTIFICATIONS_SMS_BACKEND = (
        settings.NOTIFICATIONS_LETTER_BACKEND
    ) = "outbox"
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_IDS = {}

    assert check_notification_settings() == []


def test_a_complete_notify_setup_passes(all_notify):
    assert check_notification_settings() == []


def test_a_backend_that_cannot_send_a_channel_is_an_error(settings):
    settings.NOTIFICATIONS_LETTER_BACKEND = "smtp"
    settings.NOTIFICATIONS_SMS_BACKEND = "carrier-pigeon"

    errors = check_notification_settings()

    assert ids(errors) == ["notifications.E001", "notifications.E001"]
    assert "NOTIFICATIONS_SMS_BACKEND is 'carrier-pigeon'" in errors[0].msg


@pytest.mark.parametrize(
    "key", ["", "not-a-key", SECRET, f"name-{SERVICE_ID}-secret", f"{SERVICE_ID}{SECRET}"]
)
def test_notify_without_a_well_formed_api_key_is_an_error(all_notify, key):
    all_notify.NOTIFY_API_KEY = key

    assert ids(check_notification_settings()) == ["notifications.E002"]


def test_notify_without_a_template_id_for_every_email_and_text_template_is_an_error(all_notify):
    all_notify.NOTIFY_TEMPLATE_IDS = {
        key: value
        for key, value in all_notify.NOTIFY_TEMPLATE_IDS.items()
        if key != "staff_invitation"
    }

    errors = check_notification_settings()

    assert ids(errors) == ["notifications.E003"]
    assert "'staff_invitation'" in errors[0].msg


def test_letters_through_notify_need_no_template_ids(settings):
    settings.NOTIFICATIONS_LETTER_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_IDS = {}

    assert check_notification_settings() == []


def test_a_template_id_for_a_template_the_hub_does_not_have_is_a_warning(all_notify):
    all_notify.NOTIFY_TEMPLATE_IDS = {
        **all_notify.NOTIFY_TEMPLATE_IDS,
        "old_reminder": str(uuid.uuid4()),
    }

    assert ids(check_notification_settings()) == ["notifications.W001"]


def test_smtp_without_a_host_is_an_error(settings):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "smtp"
    settings.EMAIL_HOST = ""

    assert ids(check_notification_settings()) == ["notifications.E004"]
