import pytest

from carershub.accounts.actor import actor_for
from carershub.audit import selectors
from carershub.audit import services as auditor
from carershub.audit.models import AuditLog, Operation
from carershub.carers.tests.factories import CarerFactory


@pytest.mark.django_db
def test_audit_row_records_who_did_what_to_which_record_and_for_which_organisation(worker, hub):
    carer = CarerFactory(holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    auditor.updated(actor, carer, fields=["postcode", "password"])
    row = AuditLog.objects.get()
    assert (row.operation, row.object_type, row.object_id) == (
        Operation.UPDATE,
        "carers.carer",
        str(carer.pk),
    )
    assert (row.actor_user_id, row.actor_organisation_id) == (worker.pk, hub.pk)
    assert row.fields == ["postcode"]  # never names the password
    assert row.occurred_at is not None


@pytest.mark.django_db
def test_listing_records_writes_one_row_each_in_a_single_insert(
    worker, hub, django_assert_num_queries
):
    carers = CarerFactory.create_batch(5, holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    with django_assert_num_queries(1):
        auditor.listed(actor, carers[0].__class__, carers, context={"view": "test"})
    assert AuditLog.objects.filter(operation=Operation.SEARCH).count() == 5


@pytest.mark.django_db
def test_erasing_a_person_leaves_the_audit_trail_intact(worker, hub):
    carer = CarerFactory(holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    auditor.read(actor, carer)
    carer_id = carer.pk
    carer.delete()
    assert AuditLog.objects.filter(object_type="carers.carer", object_id=str(carer_id)).count() == 1


@pytest.mark.django_db
def test_trail_names_staff_and_organisations_in_a_fixed_number_of_queries(
    worker, manager, hub, django_assert_num_queries
):
    carer = CarerFactory(holding_organisation=hub)
    for user in [worker, manager, worker]:
        auditor.read(actor_for(user, hub.pk), carer)
    with django_assert_num_queries(3):
        trail = selectors.trail_for("carers.carer", carer.pk)
    assert [r.actor_name for r in trail] == ["Sam Worker", "Morgan Manager", "Sam Worker"]
    assert {r.actor_organisation_name for r in trail} == {"Testshire Carers Centre"}
