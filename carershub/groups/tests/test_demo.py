import pytest
from django.core.management import call_command

from carershub.groups.models import Availability, Booking, Group, Mode, Session


@pytest.mark.django_db
def test_demo_has_groups_with_eight_weeks_of_sessions_one_full_with_waiting_list_and_availability():
    call_command("seed_demo", "--carers", "30")
    assert Group.objects.count() == 4
    assert Session.objects.count() == 32
    assert Session.objects.filter(mode=Mode.ONLINE).exists()
    full = [s for s in Session.objects.all() if s.spaces_left == 0]
    assert full
    assert Booking.unscoped.filter(session__in=full, status="waiting").count() >= 1
    assert Availability.unscoped.filter(carer__isnull=True).count() >= 20
    assert Availability.unscoped.filter(carer__isnull=False).exists()
