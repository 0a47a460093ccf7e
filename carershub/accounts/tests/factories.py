from functools import lru_cache

import factory
from django.contrib.auth.hashers import make_password

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Membership, Role, User
from carershub.partnerships.tests.factories import OrganisationFactory

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@testshire.example")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    # Hashed with the real hasher (Argon2), once per distinct password: hashing per user slows
    # every test. ``password=None`` gives an unusable password, as Django's make_password does.
    password = factory.Transformer(PASSWORD, transform=lambda raw: _hashed_password(raw))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SUPPORT_WORKER


def staff_actor(organisation, role=Role.SUPPORT_WORKER):
    """The actor of a new member of staff with ``role`` at ``organisation``,
    as a signed-in request has.
    """
    user = MembershipFactory(organisation=organisation, role=role).user
    return actor_for(user, organisation.pk)


@lru_cache(maxsize=8)
def _cached_hash(raw, hashers):
    return make_password(raw)


def _hashed_password(raw):
    from django.conf import settings

    if raw is None:
        return make_password(None)
    return _cached_hash(raw, tuple(settings.PASSWORD_HASHERS))


class AuthenticatorFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app (TOTP device); ``current_code(device)`` gives its code now."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


def authenticator_for(user):
    """The user's confirmed authenticator, made if they have none."""
    from carershub.accounts.selectors import authenticator_of

    return authenticator_of(user) or AuthenticatorFactory(user=user)


def fresh_code(device):
    """A code the device will accept now: django-otp refuses one from a time step already used.

    The device accepts the next step's code too (one step of clock tolerance), so a second
    sign-in in the same 30 seconds uses that; a third would have to wait for the clock.
    """
    import time

    from carershub.accounts.sign_in_codes import current_code

    device.refresh_from_db()
    while True:
        now = time.time()
        step = int(now - device.t0) // device.step
        usable = max(step, device.last_t + 1)
        if usable <= step + device.tolerance:
            return current_code(device, at=device.t0 + usable * device.step)
        time.sleep(1)
