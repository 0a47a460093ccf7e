"""Withdrawing consent to share, or one purpose of it, takes the partner off every page that could
show the carer for it."""

import pytest

from carershub.accounts.actor import actor_for
from carershub.carers import purposes
from carershub.carers import services as carer_services
from carershub.carers.models import HUB_RECORD, Carer, SharingPurpose
from carershub.core.tests.test_access_matrix import (
    MATRIX,
    Visitor,
    matrix_world,  # noqa: F401  (the same world, built once for this module's tests)
    refused,
    urls_of,
    visit,
    world,  # noqa: F401  (a hub with one of everything)
)


def pages_about_her(world):  # noqa: F811
    """Every URL in the access matrix the hospital's referrer may use that names Ada's record."""
    return [
        (name, entry, url)
        for name, entry in sorted(MATRIX.items())
        if "ward" in entry.allowed
        for url in urls_of(name, entry, world)
        if world.carer.reference in url or f"/{world.carer.pk}/" in url
    ]


def test_withdrawing_consent_removes_the_partners_access_to_every_page_about_the_carer(world):  # noqa: F811
    ward = Visitor("ward", world)
    pages = pages_about_her(world)
    assert pages, "the partner should see the carer's record while she consents"
    for name, entry, url in pages:
        assert visit(ward, entry, url, world) is None, name
    ward_user, hospital = world.people["ward"]
    partner = actor_for(ward_user, hospital.pk)
    assert (
        Carer.objects.visible_to(partner, "hospital_discharge").filter(pk=world.carer.pk).exists()
    )

    carer_services.withdraw_consent(
        actor_for(world.people["worker"][0], world.carer.holding_organisation_id), world.consent
    )

    for name, entry, url in pages:
        assert refused("ward", ward.send(entry.method, url)), (
            f"{name} ({url}) still open to the partner"
        )
    # Lists, searches and exports all start from the same scope.
    for purpose in [*SharingPurpose.values, HUB_RECORD]:
        assert not Carer.objects.visible_to(partner, purpose).filter(pk=world.carer.pk).exists()


@pytest.mark.django_db  # in a savepoint of the world's transaction, rolled back after it
@pytest.mark.parametrize("withdrawn", SharingPurpose.values)
def test_withdrawing_a_purpose_ends_exactly_its_access(withdrawn, matrix_world):  # noqa: F811
    hub_world = matrix_world
    staff = actor_for(hub_world.people["worker"][0], hub_world.carer.holding_organisation_id)
    ward_user, hospital = hub_world.people["ward"]
    partner = actor_for(ward_user, hospital.pk)
    ward = Visitor("ward", hub_world)
    carer_services.withdraw_consent(staff, hub_world.consent)
    every = carer_services.record_consent(
        staff,
        hub_world.carer,
        organisation=hospital,
        purposes=SharingPurpose.values,
        competence="adult",
        given_by="carer",
        given_on=hub_world.consent.given_on,
    )
    pages = pages_about_her(hub_world)
    assert pages
    for name, entry, url in pages:
        assert visit(ward, entry, url, hub_world) is None, name

    carer_services.withdraw_purpose(staff, every, withdrawn)

    for name, entry, url in pages:
        if purposes.purpose_on(partner, name) == withdrawn:
            assert refused("ward", ward.send(entry.method, url)), f"{name} still open"
        else:
            assert visit(ward, entry, url, hub_world) is None, f"{name} closed with {withdrawn}"
    for purpose in SharingPurpose.values:
        sees = Carer.objects.visible_to(partner, purpose).filter(pk=hub_world.carer.pk).exists()
        assert sees == (purpose != withdrawn), purpose
