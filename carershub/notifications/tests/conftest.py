"""Fixtures for the notification tests: a fake GOV.UK Notify on loopback (the real SMTP server,
``smtp_server``, is shared by every app's tests from the root conftest)."""

import uuid

import pytest
from pytest_httpserver import HTTPServer

from carershub.accounts.models import Role
from carershub.notifications.message_templates import TEMPLATES
from carershub.notifications.tests.fake_notify import FakeNotify, NotifyTemplate


@pytest.fixture(scope="session")
def notify_server():
    """An HTTP server on 127.0.0.1 for the fake Notify (one for the session:
    stopping one takes half a second).
    """
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake_notify(notify_server, settings):
    """GOV.UK Notify on loopback, holding a twin of every hub template,
    with the hub set to use it.
    """
    notify = FakeNotify(service_id=str(uuid.uuid4()), secret=str(uuid.uuid4()))
    template_ids = {}
    for template in TEMPLATES.values():
        template_ids[template.key] = str(uuid.uuid4())
        notify.templates[template_ids[template.key]] = NotifyTemplate(
            id=template_ids[template.key],
            type=template.channel,
            subject=template.subject,
            body=template.body,
        )
    settings.NOTIFY_API_KEY = notify.api_key
    settings.NOTIFY_BASE_URL = notify_server.url_for("/").rstrip("/")
    settings.NOTIFY_TEMPLATE_IDS = template_ids
    settings.NOTIFY_TIMEOUT = 5
    settings.NOTIFICATIONS_EMAIL_BACKEND = "notify"
    settings.NOTIFICATIONS_SMS_BACKEND = "notify"
    settings.NOTIFICATIONS_LETTER_BACKEND = "notify"
    notify_server.clear()
    notify.install(notify_server)
    yield notify
    notify_server.check_assertions()  # a request to a path Notify does not have fails the test
    notify_server.clear()


@pytest.fixture
def manager_actor(manager, hub, actor_of):
    return actor_of(manager, hub)


@pytest.fixture
def admin(make_staff, hub):
    return make_staff(Role.SYSTEM_ADMIN, hub, full_name="Alex Admin")
