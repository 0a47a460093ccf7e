from functools import lru_cache

import factory
from django.contrib.auth.hashers import make_password

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


@lru_cache(maxsize=8)
def _cached_hash(raw, hashers):
    return make_password(raw)


def _hashed_password(raw):
    from django.conf import settings

    if raw is None:
        return make_password(None)
    return _cached_hash(raw, tuple(settings.PASSWORD_HASHERS))
