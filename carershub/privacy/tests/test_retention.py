"""The retention schedule applied: records on each side of each boundary, legal holds, erasing,
anonymising (event counts kept), the dry run, and running twice."""

import datetime as dt

import pytest
from django.core.management import call_command

from carershub.accounts.actor import actor_for
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services as carer_services
from carershub.carers.models import CaredForPerson, Carer, Contact
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory
from carershub.events.models import CareEvent
from carershub.privacy import retention, services
from carershub.privacy.defaults import EFFECTIVE_FROM
from carershub.privacy.models import Anonymisation, AppliesTo, LegalHold, RetentionRule
from carershub.privacy.tests.conftest import TODAY, at_noon
from carershub.referrals.models import Referral
from carershub.referrals.tests.factories import ReferralFactory

SIX_YEARS_AGO = dt.date(2027, 6, 15)


def due_ids(applies_to, today=TODAY):
    return {
        r.pk
        for rule, records in retention.due(today)
        if rule.applies_to == applies_to
        for r in records
    }


def test_the_default_schedule_is_loaded_with_a_source_for_every_rule(db):
    rules = RetentionRule.objects.in_force(TODAY)
    assert set(rules) == set(AppliesTo.values)
    assert all(rule.source and rule.effective_from == EFFECTIVE_FROM for rule in rules.values())


def test_an_adult_record_is_due_six_years_after_closure_and_not_a_day_before(closed_carer):
    on_the_day = closed_carer(SIX_YEARS_AGO)
    day_after = closed_carer(SIX_YEARS_AGO + dt.timedelta(days=1))
    assert due_ids(AppliesTo.CLOSED_CARER) == {on_the_day.pk}
    assert due_ids(AppliesTo.CLOSED_CARER, TODAY + dt.timedelta(days=1)) == {
        on_the_day.pk,
        day_after.pk,
    }


def test_an_open_record_is_never_due(hub):
    CarerFactory(holding_organisation=hub)
    assert due_ids(AppliesTo.CLOSED_CARER) == set()


def test_a_young_carer_record_is_kept_until_their_25th_birthday_when_that_is_later(closed_carer):
    # Registered at 16, closed seven years ago: six years since closure, but not yet 25.
    closed_carer(dt.date(2026, 1, 1), born=dt.date(2008, 6, 16), registered_on=dt.date(2024, 7, 1))
    turns_25_today = closed_carer(
        dt.date(2026, 1, 1), born=dt.date(2008, 6, 15), registered_on=dt.date(2024, 7, 1)
    )
    assert due_ids(AppliesTo.YOUNG_CARER) == {turns_25_today.pk}
    assert (
        due_ids(AppliesTo.CLOSED_CARER) == set()
    )  # the adult rule never takes a young carer's record


def test_a_young_carer_record_is_kept_six_years_after_closure_when_that_is_later(closed_carer):
    # Turned 25 long ago, but the record was closed only five years ago.
    young = closed_carer(
        dt.date(2028, 6, 15), born=dt.date(2000, 1, 1), registered_on=dt.date(2015, 1, 1)
    )
    assert due_ids(AppliesTo.YOUNG_CARER) == set()
    assert due_ids(AppliesTo.YOUNG_CARER, dt.date(2034, 6, 15)) == {young.pk}


def test_a_legal_hold_stops_erasure_until_it_is_lifted(closed_carer, manager, hub):
    carer = closed_carer(SIX_YEARS_AGO)
    actor = actor_for(manager, hub.pk)
    hold = services.place_hold(actor, carer, reason="A claim has been made")
    assert due_ids(AppliesTo.CLOSED_CARER) == set()
    assert services.apply_retention(TODAY) == []
    assert not Anonymisation.objects.exists()
    services.lift_hold(actor, hold, reason="The claim was settled")
    assert due_ids(AppliesTo.CLOSED_CARER) == {carer.pk}
    assert AuditLog.objects.filter(
        operation=Operation.UPDATE, object_type="privacy.legalhold", object_id=str(hold.pk)
    ).exists()


@pytest.fixture
def carer_with_casework(closed_carer, worker, hub):
    """A closed carer caring for her father, with contacts, events and a referral."""
    carer = closed_carer(SIX_YEARS_AGO)
    staff = actor_for(worker, hub.pk)
    carer_services.add_cared_for_person(
        staff,
        carer,
        given_name="Bea",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=False,
        date_of_birth=dt.date(1930, 2, 2),
    )
    carer_services.log_contact(
        staff,
        carer,
        kind="phone",
        direction="out",
        happened_on=dt.date(2026, 1, 5),
        purpose="Checking in",
    )
    for n in range(3):
        CareEvent.unscoped.create(
            holding_organisation=hub,
            carer=carer,
            source=f"test:{carer.pk}:{n}",
            event_type="Service",
            event_reference=f"S{n}",
            start_date=dt.date(2025, 1, n + 1),
        )
    ReferralFactory(holding_organisation=hub, carer=carer, received_at=at_noon(dt.date(2020, 1, 1)))
    return carer


def test_anonymising_keeps_the_event_counts_but_not_the_person(carer_with_casework):
    carer = carer_with_casework
    events_before = CareEvent.unscoped.count()
    planned = services.apply_retention(TODAY)
    assert [(p.action, p.object_type, p.object_id) for p in planned] == [
        ("anonymise", "carers.carer", carer.pk)
    ]
    carer.refresh_from_db()
    assert CareEvent.unscoped.count() == events_before == 3
    assert not CareEvent.unscoped.filter(carer__isnull=False).exists()
    assert (
        carer.given_name,
        carer.family_name,
        carer.email,
        carer.phone,
        carer.address_line_1,
        carer.postcode,
    ) == ("", "", "", "", "", "")
    assert carer.date_of_birth == dt.date(1960, 1, 1)
    assert carer.status == "closed"
    assert not Contact.unscoped.filter(carer=carer).exists()
    assert not CaredForPerson.unscoped.exists()
    assert not Referral.unscoped.exists()
    rows = AuditLog.objects.filter(context__reason="retention")
    assert rows.filter(
        operation=Operation.UPDATE, object_type="carers.carer", object_id=str(carer.pk)
    ).exists()
    assert rows.filter(operation=Operation.DELETE, object_type="carers.contact").exists()
    # Audit rows hold ids and field names only.
    assert not any(
        "Foxglove" in str(row.context) + str(row.fields) for row in AuditLog.objects.all()
    )


def test_anonymising_takes_the_cared_for_peoples_council_ids_off_the_kept_events(
    carer_with_casework,
):
    CareEvent.unscoped.filter(carer=carer_with_casework).update(
        linked_person_ids=["LA-0001", "LA-0002"]
    )
    services.apply_retention(TODAY)
    assert CareEvent.unscoped.count() == 3
    assert list(CareEvent.unscoped.values_list("linked_person_ids", flat=True)) == [[], [], []]


def test_running_the_job_twice_does_nothing_more(carer_with_casework):
    services.apply_retention(TODAY)
    audit_rows = AuditLog.objects.count()
    assert services.apply_retention(TODAY) == []
    assert AuditLog.objects.count() == audit_rows


def test_an_erasure_rule_deletes_the_record_and_everything_about_the_person(
    carer_with_casework, hub, worker
):
    carer = carer_with_casework
    # Someone else cares for Bea too: her record stays for them.
    other = CarerFactory(holding_organisation=hub)
    bea = CaredForPerson.unscoped.get()
    other.relationships.create(cared_for=bea, relationship=Relationship.CHILD)
    RetentionRule.objects.create(
        applies_to=AppliesTo.CLOSED_CARER,
        period_months=72,
        runs_from="closure",
        action="erase",
        source="Council policy",
        effective_from=dt.date(2030, 1, 1),
    )
    services.apply_retention(TODAY)
    assert not Carer.unscoped.filter(pk=carer.pk).exists()
    assert not CareEvent.unscoped.exists()
    assert not Referral.unscoped.exists()
    assert CaredForPerson.unscoped.filter(pk=bea.pk).exists()
    assert AuditLog.objects.filter(
        operation=Operation.DELETE,
        object_type="carers.carer",
        object_id=str(carer.pk),
        context__reason="retention",
    ).exists()


def test_erasing_takes_the_duplicate_records_merged_into_it(closed_carer, hub):
    carer = closed_carer(SIX_YEARS_AGO)
    duplicate = CarerFactory(
        holding_organisation=hub, merged_into=carer, status="closed", closed_reason="duplicate"
    )
    RetentionRule.objects.create(
        applies_to=AppliesTo.CLOSED_CARER,
        period_months=72,
        runs_from="closure",
        action="erase",
        source="Council policy",
        effective_from=dt.date(2030, 1, 1),
    )
    services.apply_retention(TODAY)
    assert not Carer.unscoped.filter(pk__in=[carer.pk, duplicate.pk]).exists()


def test_referrals_not_progressed_are_erased_three_years_after_they_came_in(hub):
    old = ReferralFactory(holding_organisation=hub, received_at=at_noon(dt.date(2030, 6, 15)))
    recent = ReferralFactory(holding_organisation=hub, received_at=at_noon(dt.date(2030, 6, 16)))
    services.apply_retention(TODAY)
    assert list(Referral.unscoped.values_list("pk", flat=True)) == [recent.pk]
    assert AuditLog.objects.filter(
        operation=Operation.DELETE, object_type="referrals.referral", object_id=str(old.pk)
    ).exists()


def test_anonymous_helpline_contacts_are_erased_three_years_after_the_call(hub, worker):
    def call(day):
        return Contact.unscoped.create(
            holding_organisation=hub,
            kind="phone",
            happened_at=at_noon(day),
            purpose="Helpline call",
            recorded_by=worker,
        )

    call(dt.date(2030, 6, 15))
    recent = call(dt.date(2030, 6, 16))
    services.apply_retention(TODAY)
    assert list(Contact.unscoped.values_list("pk", flat=True)) == [recent.pk]


def test_audit_entries_are_counted_but_never_deleted_by_the_job(closed_carer):
    carer = closed_carer(SIX_YEARS_AGO)
    AuditLog.objects.create(
        operation=Operation.READ, object_type="carers.carer", object_id=str(carer.pk)
    )
    before = set(AuditLog.objects.values_list("pk", flat=True))
    assert (
        before and due_ids(AppliesTo.AUDIT_LOG) == before
    )  # written today, six years before TODAY
    services.apply_retention(TODAY)
    assert before <= set(AuditLog.objects.values_list("pk", flat=True))


def test_the_dry_run_lists_what_would_happen_and_changes_nothing(carer_with_casework, capsys):
    call_command("apply_retention", "--dry-run", "--on", TODAY.isoformat())
    out = capsys.readouterr().out
    assert f"Would anonymise carers.carer {carer_with_casework.pk}" in out
    assert "1 record would be erased or anonymised." in out
    assert (
        Carer.unscoped.get(pk=carer_with_casework.pk).given_name == carer_with_casework.given_name
    )
    assert not Anonymisation.objects.exists() and not LegalHold.objects.exists()


def test_the_job_is_on_the_daily_timetable():
    from carershub.jobs.schedules import SCHEDULE

    entry = next(s for s in SCHEDULE if s.task_path == "carershub.privacy.tasks.apply_retention")
    assert entry.cron.split()[2:] == ["*", "*", "*"]


def test_a_carer_with_a_safeguarding_concern_is_kept_like_one_on_hold(closed_carer, hub, worker):
    """Safeguarding records have their own, longer,
    retention and must still say whom they are about.
    """
    from django.apps import apps

    if not apps.is_installed("carershub.safeguarding"):
        pytest.skip("the safeguarding app is not installed")
    concern_model = apps.get_model("safeguarding", "Concern")
    carer = closed_carer(SIX_YEARS_AGO)
    assert due_ids(AppliesTo.CLOSED_CARER) == {carer.pk}
    concern_model._base_manager.create(
        carer=carer,
        holding_organisation=hub,
        raised_by=worker,
        what_happened="Recorded for the test",
        immediate_risk=False,
        category=concern_model._meta.get_field("category").choices[0][0],
        at_risk=concern_model._meta.get_field("at_risk").choices[0][0],
    )
    assert due_ids(AppliesTo.CLOSED_CARER) == set()
    assert services.apply_retention(TODAY) == []
    assert Carer.unscoped.get(pk=carer.pk).given_name == carer.given_name


def test_a_record_that_forbids_deleting_its_carer_keeps_the_carer():
    from django.db.models import PROTECT

    from carershub.carers.models import Merge

    forbidding = [
        rel
        for rel in Carer._meta.related_objects
        if rel.on_delete is PROTECT and rel.related_model not in (Carer, Merge)
    ]
    assert set(forbidding) <= set(retention.protecting_relations())
