"""Fixtures for the privacy tests: closed records at chosen dates,
and the people who act on them.
"""

import datetime as dt

import pytest
from django.utils import timezone

from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory

TODAY = dt.date(2033, 6, 15)


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def closed_carer(hub):
    """closed_carer(closed_on, born=..., registered_on=...) -> a closed carer record held by the
    hub.
    """

    def make(closed_on, *, born=dt.date(1960, 5, 1), registered_on=dt.date(2020, 1, 10), **fields):
        carer = CarerFactory(
            holding_organisation=hub,
            date_of_birth=born,
            email="ada@example.com",
            phone="020 7946 0000",
            address_line_1="1 High Street",
            **fields,
        )
        Carer.unscoped.filter(pk=carer.pk).update(
            status="closed",
            closed_reason="no_longer_caring",
            closed_at=at_noon(closed_on),
            created_at=at_noon(registered_on),
        )
        carer.refresh_from_db()
        return carer

    return make
