"""Factories for groups and their sessions (public, non-personal: written directly)."""

import datetime as dt

import factory
from django.utils import timezone

from carershub.groups.models import Audience, Group, Mode, Session
from carershub.partnerships.tests.factories import OrganisationFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Carers cafe {n}")
    description = "A cup of tea and a chat with other carers."
    audience = Audience.ADULT
    accessibility = "Step-free access and an accessible toilet."


def days_ahead(days, hour=10, minute=30):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    group = factory.SubFactory(GroupFactory)
    starts_at = factory.LazyFunction(lambda: days_ahead(7))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2))
    mode = Mode.IN_PERSON
    venue = "Ashvale Library"
    address = "1 High Street, Ashvale"
    postcode = "AV1 2BC"
    capacity = 10
