"""Withdrawing consent to share takes the partner off every page that could show the carer."""

from carershub.accounts.actor import actor_for
from carershub.carers import services as carer_services
from carershub.carers.models import Carer
from carershub.core.tests.test_access_matrix import (
    MATRIX,
    Visitor,
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
    assert Carer.objects.visible_to(partner).filter(pk=world.carer.pk).exists()

    carer_services.withdraw_consent(
        actor_for(world.people["worker"][0], world.carer.holding_organisation_id), world.consent
    )

    for name, entry, url in pages:
        assert refused("ward", ward.send(entry.method, url)), (
            f"{name} ({url}) still open to the partner"
        )
    # Lists, searches and exports all start from the same scope.
    assert not Carer.objects.visible_to(partner).filter(pk=world.carer.pk).exists()
