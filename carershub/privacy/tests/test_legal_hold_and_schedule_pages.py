"""The legal hold pages and the retention schedule page, for each role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers.tests.factories import CarerFactory
from carershub.privacy.models import LegalHold
from carershub.privacy.retention import add_months
from carershub.privacy.tests.conftest import at_noon


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")


def hold_url(carer, lift=False):
    return reverse(
        "privacy:lift_hold" if lift else "privacy:legal_hold", kwargs={"reference": carer.reference}
    )


def test_a_manager_places_a_hold_with_a_reason_and_it_is_audited(sign_in, manager, hub, carer):
    client = sign_in(manager, hub)
    assert "Place a legal hold" in client.get(hold_url(carer)).content.decode()
    response = client.post(hold_url(carer), {"reason": "A claim has been made"}, follow=True)
    hold = LegalHold.objects.get(carer=carer)
    assert (hold.reason, hold.placed_by, hold.is_active) == ("A claim has been made", manager, True)
    assert "This record is on legal hold" in response.content.decode()
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="privacy.legalhold", object_id=str(hold.pk)
    ).exists()


def test_a_hold_needs_a_reason(sign_in, manager, hub, carer):
    page = sign_in(manager, hub).post(hold_url(carer), {"reason": ""}).content.decode()
    assert "There is a problem" in page and "Enter why the record must be kept" in page
    assert not LegalHold.objects.exists()


def test_lifting_a_hold_keeps_it_in_the_history_and_is_audited(sign_in, manager, hub, carer):
    client = sign_in(manager, hub)
    client.post(hold_url(carer), {"reason": "A claim has been made"})
    page = client.post(hold_url(carer, lift=True), {"reason": ""}).content.decode()
    assert "Enter why the hold can be lifted" in page
    client.post(hold_url(carer, lift=True), {"reason": "The claim was settled"})
    hold = LegalHold.objects.get(carer=carer)
    assert (hold.is_active, hold.lifted_by, hold.lifted_reason) == (
        False,
        manager,
        "The claim was settled",
    )
    lifted = AuditLog.objects.get(
        operation=Operation.UPDATE, object_type="privacy.legalhold", object_id=str(hold.pk)
    )
    assert "lifted_at" in lifted.fields
    page = client.get(hold_url(carer)).content.decode()
    assert "Lifted hold" in page and "Place a legal hold" in page


def test_lifting_when_there_is_no_hold_goes_back_to_the_hold_page(sign_in, manager, hub, carer):
    response = sign_in(manager, hub).get(hold_url(carer, lift=True))
    assert response.status_code == 302 and response["Location"] == hold_url(carer)


@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.SYSTEM_ADMIN, Role.COMMISSIONER]
)
def test_only_hub_managers_place_or_lift_holds(make_staff, sign_in, hub, carer, role):
    client = sign_in(make_staff(role, hub), hub)
    assert client.get(hold_url(carer)).status_code == 403
    assert client.post(hold_url(carer), {"reason": "x"}).status_code == 403
    assert client.post(hold_url(carer, lift=True), {"reason": "x"}).status_code == 403
    assert not LegalHold.objects.exists()


def test_a_manager_of_another_hub_cannot_find_the_record(make_staff, sign_in, other_hub, carer):
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert client.post(hold_url(carer), {"reason": "x"}).status_code == 404


def test_the_schedule_lists_each_rule_with_counts_of_the_managers_own_records(
    sign_in, manager, hub, other_hub, closed_carer
):
    closed_carer(dt.date(2019, 1, 1))  # past six years
    soon = add_months(timezone.localdate(), -72) + dt.timedelta(days=30)
    closed_carer(soon)  # due within the next 90 days
    CarerFactory(
        holding_organisation=other_hub,
        status="closed",
        closed_reason="declined",
        closed_at=at_noon(dt.date(2019, 1, 1)),
    )  # another hub's: not counted
    page = sign_in(manager, hub).get(reverse("privacy:retention_schedule")).content.decode()
    assert (
        "Closed carer record (adult)" in page
        and "6 years, from the date the record was closed" in page
    )
    assert (
        "to be confirmed by the partnership&#39;s DPO" in page
        or "to be confirmed by the partnership's DPO" in page
    )
    row = page.split("Closed carer record (adult)</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[2:4]] == ["1", "1"]


@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.SYSTEM_ADMIN, Role.COMMISSIONER]
)
def test_only_hub_managers_see_the_schedule(make_staff, sign_in, hub, role):
    assert (
        sign_in(make_staff(role, hub), hub).get(reverse("privacy:retention_schedule")).status_code
        == 403
    )


def test_the_schedule_page_takes_as_many_queries_however_many_records_are_due(
    sign_in, manager, hub, closed_carer, django_assert_max_num_queries
):
    client = sign_in(manager, hub)
    for year in (2010, 2011, 2012, 2013, 2014):
        closed_carer(dt.date(year, 1, 1))
    with django_assert_max_num_queries(30):
        client.get(reverse("privacy:retention_schedule"))
