"""Two bookings for the last place at the same moment, in two database connections (PostgreSQL,
where rows are really locked and updated concurrently; SQLite runs one writer at a time)."""

import threading

import pytest
from django.db import connection, connections

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.carers.tests.factories import CarerFactory
from carershub.groups import services
from carershub.groups.models import Booking, Session
from carershub.groups.tests.factories import GroupFactory, SessionFactory


@pytest.mark.django_db(transaction=True)
def test_two_bookings_for_the_last_place_at_once_give_one_place_and_one_waiting(hub, make_staff):
    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections at once (PostgreSQL)")
    worker = make_staff(Role.SUPPORT_WORKER, hub)
    session = SessionFactory(group=GroupFactory(organisation=hub), capacity=1)
    carers = [CarerFactory(holding_organisation=hub) for _ in range(2)]
    start = threading.Barrier(2)
    failures = []

    def book(carer):
        try:
            start.wait()
            services.book(actor_for(worker, hub.pk), Session.objects.get(pk=session.pk), carer)
        except Exception as error:  # reported below, on the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(carer,)) for carer in carers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sorted(Booking.unscoped.values_list("status", flat=True)) == ["booked", "waiting"]
    session.refresh_from_db()
    assert session.places_taken == 1
