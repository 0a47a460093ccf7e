"""Fixtures shared by every app's tests: a partnership, its organisations and signed-in staff,
and a real SMTP server that the hub's email goes to."""

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller

from carershub.accounts.actor import SESSION_KEY, actor_for
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import MembershipFactory, UserFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import (
    HelplineHoursFactory,
    OrganisationFactory,
    PartnershipFactory,
)


@pytest.fixture
def partnership(db):
    partnership = PartnershipFactory(name="Testshire Carers Partnership", slug="testshire")
    HelplineHoursFactory(partnership=partnership, day=0)
    return partnership


@pytest.fixture
def hub(partnership):
    """The hub provider: holds the carers' records."""
    return OrganisationFactory(
        partnership=partnership, name="Testshire Carers Centre", type=OrganisationType.HUB_PROVIDER
    )


@pytest.fixture
def hospital(partnership):
    return OrganisationFactory(
        partnership=partnership, name="Testshire Hospital", type=OrganisationType.HOSPITAL_TRUST
    )


@pytest.fixture
def other_hub(db):
    """A hub in another partnership entirely."""
    return OrganisationFactory(name="Elsewhere Carers Centre", type=OrganisationType.HUB_PROVIDER)


@pytest.fixture
def make_staff(db):
    """make_staff(role, organisation, **user_fields) -> user with that role there."""

    def make(role, organisation, **fields):
        user = UserFactory(**fields)
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def sign_in(client):
    """sign_in(user, organisation) -> the test client, signed in and acting for that organisation."""

    def do(user, organisation=None):
        client.force_login(user)
        if organisation is not None:
            session = client.session
            session[SESSION_KEY] = organisation.pk
            session.save()
        return client

    return do


@pytest.fixture
def actor_of():
    def build(user, organisation):
        return actor_for(user, organisation.pk)

    return build


@pytest.fixture
def manager(make_staff, hub):
    return make_staff(Role.HUB_MANAGER, hub, full_name="Morgan Manager")


@pytest.fixture
def worker(make_staff, hub):
    return make_staff(Role.SUPPORT_WORKER, hub, full_name="Sam Worker")


ALL_ROLES = list(Role)


# --- A real SMTP server -------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every envelope it is given.

    Secret links (a staff invitation, a carer's copy) are kept only by the email that carries
    them, never by the hub's stored copy, so tests that follow one read it here."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def emails_to(self, address):
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)
            for e in self.envelopes
            if address.lower() in (to.lower() for to in e.rcpt_tos)
        ]

    def link_to(self, address, path):
        """The one link containing ``path`` in the last email to ``address``."""
        body = self.emails_to(address)[-1].get_body(("plain",)).get_content()
        return re.search(rf"https?://\S*{re.escape(path)}\S*", body).group(0)


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on 127.0.0.1, with the hub's email set to go to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.NOTIFICATIONS_EMAIL_BACKEND = "smtp"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


@pytest.fixture
def closed_port():
    """A loopback port with nothing listening on it."""
    return free_port()


class _RateLimitClock:
    """The clock django-ratelimit reads its windows from, held still (and moved only by a test)."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


_rate_limit_days = iter(range(10**9))


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    """No test depends on the wall clock for the public forms' rate limits: each starts at its own
    fixed moment, a day after the last test's, so no count carries from one test to the next (the
    browser tests' server keeps the cache table between tests)."""
    import django_ratelimit.core

    clock = _RateLimitClock(1_800_000_000 + 86_400 * next(_rate_limit_days))
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    return clock
