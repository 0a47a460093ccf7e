"""Who may plan groups, book carers and see the demand report."""

import pytest

from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.carers.tests.factories import CarerFactory
from carershub.groups.tests.factories import GroupFactory


@pytest.mark.parametrize(
    ("role", "plans", "books", "demand"),
    [
        (Role.SUPPORT_WORKER, True, True, False),
        (Role.ASSESSOR, False, True, False),
        (Role.HUB_MANAGER, True, True, True),
        (Role.SYSTEM_ADMIN, False, False, False),
        (Role.PARTNER_REFERRER, False, False, False),
        (Role.COMMISSIONER, False, False, False),
    ],
)
def test_who_plans_groups_books_carers_and_sees_demand(
    make_staff, actor_of, hub, role, plans, books, demand
):
    actor = actor_of(make_staff(role, hub), hub)
    group = GroupFactory(organisation=hub)
    carer = CarerFactory(holding_organisation=hub)
    assert can(actor, "groups.edit_group", group) is plans
    assert can(actor, "groups.book_carer", carer) is books
    assert can(actor, "groups.view_bookings", group) is books
    assert can(actor, "groups.view_demand") is demand


def test_nobody_plans_another_organisations_groups_or_books_its_carers(
    make_staff, actor_of, hub, other_hub
):
    actor = actor_of(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert not can(actor, "groups.edit_group", GroupFactory(organisation=hub))
    assert not can(actor, "groups.view_bookings", GroupFactory(organisation=hub))
    assert not can(actor, "groups.book_carer", CarerFactory(holding_organisation=hub))
