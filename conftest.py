"""Fixtures shared by every app's tests: a partnership, its organisations and signed-in staff."""

import pytest

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
    return OrganisationFactory(partnership=partnership, name="Testshire Carers Centre", type=OrganisationType.HUB_PROVIDER)


@pytest.fixture
def hospital(partnership):
    return OrganisationFactory(partnership=partnership, name="Testshire Hospital", type=OrganisationType.HOSPITAL_TRUST)


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
