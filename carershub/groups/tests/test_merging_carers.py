"""Merging two records of one carer who are both booked on the same session is refused in plain
English (a carer has one place on a session), and allowed once one booking is cancelled."""

import pytest

from carershub.carers import merging
from carershub.groups import services

pytestmark = pytest.mark.django_db


def test_merging_two_records_booked_on_one_session_is_refused_until_one_booking_is_cancelled(
    hub_actor, actor_of, manager, hub, session, make_carer
):
    survivor, duplicate = make_carer(given_name="Ada"), make_carer(given_name="Ada")
    services.book(hub_actor, session, survivor)
    booking = services.book(hub_actor, session, duplicate)
    managing = actor_of(manager, hub)
    with pytest.raises(
        merging.MergeRefused, match="Both records are booked on Ashvale carers cafe on"
    ):
        merging.merge(managing, survivor, duplicate)
    services.cancel_booking(hub_actor, booking)
    merging.merge(managing, survivor, duplicate)
    assert session.bookings.filter(carer=survivor).exclude(status="cancelled").count() == 1
