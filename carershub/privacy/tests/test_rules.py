"""Who may make subject access exports, manage legal holds and see the retention schedule."""

import pytest

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.carers.tests.factories import CarerFactory

RECORD_PERMISSIONS = ["privacy.export_subject_access", "privacy.manage_legal_hold"]


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub)


@pytest.mark.parametrize("permission", RECORD_PERMISSIONS)
def test_a_hub_manager_at_the_holding_organisation_may(make_staff, hub, carer, permission):
    assert can(actor_for(make_staff(Role.HUB_MANAGER, hub), hub.pk), permission, carer)


@pytest.mark.parametrize("permission", RECORD_PERMISSIONS)
@pytest.mark.parametrize(
    "role",
    [
        Role.SUPPORT_WORKER,
        Role.ASSESSOR,
        Role.SYSTEM_ADMIN,
        Role.COMMISSIONER,
        Role.PARTNER_REFERRER,
    ],
)
def test_nobody_else_at_the_hub_may(make_staff, hub, carer, permission, role):
    assert not can(actor_for(make_staff(role, hub), hub.pk), permission, carer)


@pytest.mark.parametrize("permission", RECORD_PERMISSIONS)
def test_a_hub_manager_elsewhere_may_not_even_with_consent_to_share(
    make_staff, hospital, carer, permission
):
    carer.consents.create(
        organisation=hospital,
        purposes=["care_and_support"],
        given_by="carer",
        competence="adult",
        given_on="2026-01-01",
        recorded_by=make_staff(Role.SUPPORT_WORKER, hospital),
    )
    assert not can(
        actor_for(make_staff(Role.HUB_MANAGER, hospital), hospital.pk), permission, carer
    )


def test_only_hub_managers_see_the_retention_schedule(make_staff, hub):
    assert can(actor_for(make_staff(Role.HUB_MANAGER, hub), hub.pk), "privacy.view_schedule")
    for role in (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.SYSTEM_ADMIN, Role.COMMISSIONER):
        assert not can(actor_for(make_staff(role, hub), hub.pk), "privacy.view_schedule")
