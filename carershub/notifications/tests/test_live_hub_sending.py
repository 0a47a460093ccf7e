"""A live hub that only holds email and text messages in the outbox says so;
a test message proves sending.
"""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.notifications.checks import check_notification_settings
from carershub.notifications.models import Notification, Status

pytestmark = pytest.mark.django_db

NOTICE = "This hub is not sending"


@pytest.fixture
def live_hub_holding_messages(settings):
    settings.HUB_IS_LIVE = True
    settings.NOTIFICATIONS_EMAIL_BACKEND = "outbox"
    settings.NOTIFICATIONS_SMS_BACKEND = "outbox"
    settings.NOTIFICATIONS_LETTER_BACKEND = "outbox"
    return settings


@pytest.mark.parametrize("role", [Role.HUB_MANAGER, Role.SYSTEM_ADMIN])
def test_managers_are_told_on_staff_home_that_a_live_hub_sends_nothing(
    live_hub_holding_messages, make_staff, hub, sign_in, role
):
    user = make_staff(role, hub)

    page = sign_in(user, hub).get(reverse("home:staff_home")).content.decode()

    assert f"{NOTICE} emails or text messages" in page
    assert reverse("notifications:outbox") in page


@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.PARTNER_REFERRER, Role.COMMISSIONER]
)
def test_staff_who_cannot_get_it_set_up_are_not_shown_the_notice(
    live_hub_holding_messages, make_staff, hub, sign_in, role
):
    user = make_staff(role, hub)

    response = sign_in(user, hub).get(reverse("home:staff_home"))

    assert response.status_code == 200
    assert NOTICE not in response.content.decode()


def test_the_notice_names_only_the_channel_still_held(
    live_hub_holding_messages, manager, hub, sign_in
):
    live_hub_holding_messages.NOTIFICATIONS_EMAIL_BACKEND = "smtp"

    page = sign_in(manager, hub).get(reverse("home:staff_home")).content.decode()

    assert f"{NOTICE} text messages" in page
    assert "emails" not in page.split(NOTICE)[1].split("</h3>")[0]


def test_no_notice_when_a_live_hub_sends_email_and_text_messages(
    live_hub_holding_messages, manager, hub, sign_in
):
    live_hub_holding_messages.NOTIFICATIONS_EMAIL_BACKEND = "smtp"
    live_hub_holding_messages.NOTIFICATIONS_SMS_BACKEND = "notify"

    page = sign_in(manager, hub).get(reverse("home:staff_home")).content.decode()

    assert NOTICE not in page


def test_no_notice_on_a_demonstration_hub_where_holding_is_the_point(
    settings, manager, hub, sign_in
):
    settings.HUB_IS_LIVE = False
    settings.NOTIFICATIONS_EMAIL_BACKEND = "outbox"

    page = sign_in(manager, hub).get(reverse("home:staff_home")).content.decode()

    assert NOTICE not in page


def test_the_system_check_warns_that_a_live_hub_sends_nothing(live_hub_holding_messages):
    warnings = [
        error for error in check_notification_settings() if error.id == "notifications.W002"
    ]

    assert len(warnings) == 1
    assert "sends no emails and no text messages" in warnings[0].msg


def test_the_system_check_is_quiet_about_the_outbox_outside_a_live_hub(settings):
    settings.HUB_IS_LIVE = False
    settings.NOTIFICATIONS_EMAIL_BACKEND = settings.NOTIFICATIONS_SMS_BACKEND = "outbox"

    assert "notifications.W002" not in [error.id for error in check_notification_settings()]


def test_production_settings_mark_the_hub_as_live(tmp_path):
    import subprocess
    import sys

    from carershub.core.tests.test_settings import live

    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production'; import "
        "django; django.setup(); from django.conf import settings; print(settings.HUB_IS_LIVE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=live(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_send_test_message_sends_an_email_through_smtp_now(smtp_server, hub, capsys):
    call_command("send_test_message", email="it@testshire.example")

    assert len(smtp_server.envelopes) == 1
    assert smtp_server.envelopes[0].rcpt_tos == ["it@testshire.example"]
    assert b"Testshire Carers Partnership" in smtp_server.envelopes[0].content
    notification = Notification.unscoped.get()
    assert notification.status == Status.SENT
    assert f"Sent {notification.reference} through smtp" in capsys.readouterr().out


def test_send_test_message_sends_a_text_message_through_notify(fake_notify, hub, capsys):
    call_command("send_test_message", sms="07700 900982")

    assert len(fake_notify.accepted) == 1
    assert fake_notify.accepted[0].json["phone_number"] == "+447700900982"  # kept and sent in E.164
    assert "through notify" in capsys.readouterr().out


def test_send_test_message_says_when_the_message_is_only_held(settings, hub):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "outbox"

    with pytest.raises(CommandError, match="NOTIFICATIONS_EMAIL_BACKEND is 'outbox'"):
        call_command("send_test_message", email="it@testshire.example")


def test_send_test_message_names_the_servers_refusal(settings, hub, closed_port):
    settings.NOTIFICATIONS_EMAIL_BACKEND = "smtp"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2

    with pytest.raises(CommandError, match="did not take the email"):
        call_command("send_test_message", email="it@testshire.example")


def test_send_test_message_refuses_a_mistyped_address_in_plain_english(hub):
    with pytest.raises(CommandError, match="Enter an email address in the correct format"):
        call_command("send_test_message", email="not an address")
