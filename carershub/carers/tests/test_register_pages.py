import pytest
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory

CARER_ROLES = [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER]
NON_CARER_ROLES = [Role.PARTNER_REFERRER, Role.COMMISSIONER, Role.SYSTEM_ADMIN]


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")


@pytest.mark.django_db
@pytest.mark.parametrize("role", CARER_ROLES)
def test_staff_who_work_with_carers_can_find_and_open_a_record(
    make_staff, sign_in, hub, carer, role
):
    client = sign_in(make_staff(role, hub), hub)
    assert "Ada Foxglove" in client.get(reverse("carers:list")).content.decode()
    assert client.get(reverse("carers:detail", args=[carer.reference])).status_code == 200
    assert client.get(reverse("carers:register")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", NON_CARER_ROLES)
def test_other_roles_cannot_see_the_register(make_staff, sign_in, hub, carer, role):
    client = sign_in(make_staff(role, hub), hub)
    assert client.get(reverse("carers:list")).status_code == 403
    assert client.get(reverse("carers:register")).status_code == 403
    # Without a role that works with records (or the carer's consent),
    # the record does not exist for them.
    assert client.get(reverse("carers:detail", args=[carer.reference])).status_code == 404
    assert not AuditLog.objects.filter(operation=Operation.READ).exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, carer):
    response = client.get(reverse("carers:detail", args=[carer.reference]))
    assert response.status_code == 302 and "sign-in" in response.url


@pytest.mark.django_db
def test_a_record_held_by_another_organisation_is_not_found(make_staff, sign_in, other_hub, carer):
    outsider = make_staff(Role.HUB_MANAGER, other_hub)
    response = sign_in(outsider, other_hub).get(reverse("carers:detail", args=[carer.reference]))
    assert response.status_code == 404
    assert not AuditLog.objects.filter(
        operation=Operation.READ, object_type="carers.carer"
    ).exists()


@pytest.mark.django_db
def test_opening_a_record_writes_an_audit_row_without_personal_values(worker, sign_in, hub, carer):
    sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference]))
    row = AuditLog.objects.get(operation=Operation.READ, object_type="carers.carer")
    assert row.object_id == str(carer.pk)
    assert row.actor_user_id == worker.pk and row.actor_organisation_id == hub.pk
    assert "date_of_birth" in row.fields
    stored = f"{row.fields} {row.context}"
    for value in ["Ada", "Foxglove", carer.postcode, "1961"]:
        assert value not in stored


@pytest.mark.django_db
def test_search_results_write_one_audit_row_per_carer_shown(worker, sign_in, hub, carer):
    CarerFactory(holding_organisation=hub, given_name="Bex", family_name="Yarrow")
    sign_in(worker, hub).get(reverse("carers:list"), {"q": "foxglove"})
    rows = AuditLog.objects.filter(operation=Operation.SEARCH, object_type="carers.carer")
    assert [r.object_id for r in rows] == [str(carer.pk)]
    assert rows[0].context["searched"] is True
    assert "foxglove" not in str(rows[0].context).lower()


@pytest.mark.django_db
def test_find_by_reference(worker, sign_in, hub, carer):
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": carer.reference}).content.decode()
    assert "1 carer" in html


@pytest.mark.django_db
def test_register_a_carer_is_audited_and_shows_their_reference(worker, sign_in, hub):
    response = sign_in(worker, hub).post(
        reverse("carers:register"),
        {
            "given_name": "Wren",
            "family_name": "Sorrel",
            "date_of_birth-day": "2",
            "date_of_birth-month": "11",
            "date_of_birth-year": "1950",
            "postcode": "zz2 3ab",
        },
        follow=True,
    )
    carer = Carer.unscoped.get(given_name="Wren")
    assert carer.postcode == "ZZ2 3AB"
    assert carer.holding_organisation == hub
    assert carer.reference in response.content.decode()
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="carers.carer", object_id=str(carer.pk)
    ).exists()


@pytest.mark.django_db
def test_register_form_rejects_an_impossible_date_and_keeps_what_was_typed(worker, sign_in, hub):
    response = sign_in(worker, hub).post(
        reverse("carers:register"),
        {
            "given_name": "Wren",
            "family_name": "",
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "1950",
        },
    )
    html = response.content.decode()
    assert "Enter their last name" in html
    assert "Date of birth must be a real date" in html
    assert 'href="#date_of_birth-day"' in html
    assert 'value="Wren"' in html and 'value="31"' in html
    assert not Carer.unscoped.exists()


@pytest.mark.django_db
def test_carer_list_query_count_does_not_grow_with_the_register(
    worker, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    CarerFactory.create_batch(2, holding_organisation=hub)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("carers:list"))
    CarerFactory.create_batch(40, holding_organisation=hub)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("carers:list"))
    assert "42 carers" in response.content.decode()


@pytest.mark.django_db
def test_managers_see_who_has_looked_at_a_record(manager, worker, sign_in, hub, carer):
    from django.test import Client

    worker_client = Client()
    worker_client.force_login(worker)
    worker_client.get(reverse("carers:detail", args=[carer.reference]))
    html = (
        sign_in(manager, hub)
        .get(reverse("carers:activity", args=[carer.reference]))
        .content.decode()
    )
    assert "Sam Worker" in html and "Viewed" in html
    assert "Testshire Carers Centre" in html


@pytest.mark.django_db
def test_support_workers_cannot_see_the_audit_trail(worker, sign_in, hub, carer):
    assert (
        sign_in(worker, hub).get(reverse("carers:activity", args=[carer.reference])).status_code
        == 403
    )


@pytest.mark.django_db
def test_references_are_unguessable(hub):
    refs = {CarerFactory(holding_organisation=hub).reference for _ in range(50)}
    assert len(refs) == 50
    assert all(len(r) == 11 and r.startswith("C-") for r in refs)


def test_the_record_links_to_groups_for_staff_and_to_data_protection_for_managers(
    sign_in, worker, manager, hub
):
    carer = CarerFactory(holding_organisation=hub)
    url = reverse("carers:detail", kwargs={"reference": carer.reference})
    for_worker = sign_in(worker, hub).get(url).content.decode()
    assert (
        reverse("groups:carer_bookings", kwargs={"carer_reference": carer.reference}) in for_worker
    )
    assert (
        reverse("privacy:subject_access", kwargs={"reference": carer.reference}) not in for_worker
    )
    for_manager = sign_in(manager, hub).get(url).content.decode()
    assert reverse("privacy:subject_access", kwargs={"reference": carer.reference}) in for_manager
    assert reverse("privacy:legal_hold", kwargs={"reference": carer.reference}) in for_manager
