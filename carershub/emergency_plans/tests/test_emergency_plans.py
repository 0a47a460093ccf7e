"""The emergency plan: one open plan per person cared for, active only with the carer's agreement
and someone to call, every change and read audited, and seen only by the hub's own staff."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from carershub.accounts.actor import ANONYMOUS
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services as carer_services
from carershub.carers.models import CaringRelationship
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory
from carershub.core.phone_numbers import normalise_phone_number
from carershub.emergency_plans import selectors, services
from carershub.emergency_plans.models import EmergencyContact, EmergencyPlan, PlanStatus
from carershub.emergency_plans.tests.conftest import add_contact


def audit_rows(operation, obj):
    return AuditLog.objects.filter(
        operation=operation,
        object_type=f"emergency_plans.{obj._meta.model_name}",
        object_id=str(obj.pk),
    )


@pytest.mark.django_db
def test_a_new_plan_is_a_draft_for_one_person_the_carer_looks_after(plan, carer, bea, worker, hub):
    assert plan.status == PlanStatus.DRAFT
    assert plan.carer == carer and plan.cared_for == bea and plan.holding_organisation == hub
    assert plan.reference.startswith("E-") and len(plan.reference) == 11
    assert plan.created_by == worker and plan.updated_by == worker
    assert not plan.consent_to_use
    assert audit_rows(Operation.CREATE, plan).count() == 1


@pytest.mark.django_db
def test_a_plan_cannot_cover_someone_the_carer_does_not_look_after(carer, hub, hub_actor):
    stranger_carer = CarerFactory(holding_organisation=hub)
    stranger = carer_services.add_cared_for_person(
        hub_actor,
        stranger_carer,
        given_name="Cy",
        family_name="Stone",
        relationship=Relationship.FRIEND_OR_NEIGHBOUR,
        lives_together=False,
    )
    with pytest.raises(ValidationError, match="looks after now"):
        services.start_plan(hub_actor, carer, cared_for=stranger)
    CaringRelationship.objects.filter(carer=carer).update(ended_on=timezone.localdate())
    with pytest.raises(ValidationError, match="looks after now"):
        services.start_plan(hub_actor, carer, cared_for=carer.relationships.get().cared_for)
    assert not EmergencyPlan.unscoped.exists()


@pytest.mark.django_db
def test_one_open_plan_per_carer_and_person_and_a_new_one_once_it_has_ended(
    active_plan, carer, bea, hub_actor
):
    with pytest.raises(ValidationError, match="already an emergency plan for Bea Foxglove"):
        services.start_plan(hub_actor, carer, cared_for=bea)
    services.end_plan(hub_actor, active_plan, reason="Replaced after Bea's stroke")
    replacement = services.start_plan(hub_actor, carer, cared_for=bea)
    assert replacement.status == PlanStatus.DRAFT
    assert EmergencyPlan.unscoped.filter(carer=carer, cared_for=bea).count() == 2


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_active_plan_for_the_same_person(active_plan, worker):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        EmergencyPlan.unscoped.create(
            holding_organisation=active_plan.holding_organisation,
            carer=active_plan.carer,
            cared_for=active_plan.cared_for,
            status=PlanStatus.ACTIVE,
            consent_to_use=True,
            consent_recorded_at=now,
            created_at=now,
            created_by=worker,
            updated_at=now,
            updated_by=worker,
        )


@pytest.mark.django_db
def test_another_person_cared_for_gets_their_own_plan(plan, carer, hub_actor):
    other = carer_services.add_cared_for_person(
        hub_actor,
        carer,
        given_name="Cal",
        family_name="Foxglove",
        relationship=Relationship.CHILD,
        lives_together=True,
    )
    second = services.start_plan(hub_actor, carer, cared_for=other)
    assert {p.cared_for_id for p in EmergencyPlan.unscoped.filter(carer=carer)} == {
        plan.cared_for_id,
        second.cared_for_id,
    }


@pytest.mark.django_db
def test_a_plan_becomes_active_only_with_consent_and_an_emergency_contact(plan, hub_actor):
    with pytest.raises(ValidationError) as refused:
        services.make_active(hub_actor, plan, expected_version=plan.version)
    assert refused.value.messages == [
        "Record that the carer agrees the plan may be used in an emergency",
        "Add at least one emergency contact",
    ]

    plan = services.record_consent(hub_actor, plan, agrees=True)
    with pytest.raises(ValidationError, match="Add at least one emergency contact"):
        services.make_active(hub_actor, plan, expected_version=plan.version)

    add_contact(hub_actor, plan)
    plan.refresh_from_db()
    plan = services.make_active(hub_actor, plan, expected_version=plan.version)
    assert plan.status == PlanStatus.ACTIVE
    assert EmergencyPlan.unscoped.get(pk=plan.pk).status == PlanStatus.ACTIVE


@pytest.mark.django_db
def test_contacts_without_consent_are_not_enough(plan, hub_actor):
    add_contact(hub_actor, plan)
    plan = services.record_consent(hub_actor, plan, agrees=False)
    with pytest.raises(ValidationError, match="Record that the carer agrees"):
        services.make_active(hub_actor, plan, expected_version=plan.version)
    assert EmergencyPlan.unscoped.get(pk=plan.pk).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_consent_records_who_and_when_whichever_the_answer(plan, hub_actor, worker):
    plan = services.record_consent(hub_actor, plan, agrees=False)
    assert (
        plan.consent_to_use is False
        and plan.consent_recorded_by == worker
        and plan.consent_recorded_at
    )
    plan = services.record_consent(hub_actor, plan, agrees=True)
    assert plan.consent_to_use is True
    update = audit_rows(Operation.UPDATE, plan).first()
    assert set(update.fields) == {"consent_to_use", "consent_recorded_at", "consent_recorded_by"}


@pytest.mark.django_db
def test_withdrawing_consent_takes_an_active_plan_back_to_draft(active_plan, hub_actor):
    plan = services.record_consent(hub_actor, active_plan, agrees=False)
    assert plan.status == PlanStatus.DRAFT and not plan.consent_to_use
    assert "status" in audit_rows(Operation.UPDATE, plan).first().fields


@pytest.mark.django_db
def test_a_stale_version_makes_nothing_active(ready_plan, hub_actor):
    services.update_needs(
        hub_actor, ready_plan, expected_version=ready_plan.version, medication="Donepezil at 8pm"
    )
    with pytest.raises(services.EditConflict):
        services.make_active(hub_actor, ready_plan, expected_version=ready_plan.version)
    assert EmergencyPlan.unscoped.get(pk=ready_plan.pk).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_saving_needs_over_someone_elses_save_is_refused_and_keeps_theirs(
    plan, hub_actor, manager, actor_of, hub
):
    opened = plan.version
    services.update_needs(
        actor_of(manager, hub), plan, expected_version=opened, medication="Theirs"
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.update_needs(hub_actor, plan, expected_version=opened, medication="Mine")
    assert conflict.value.current.medication == "Theirs"
    assert EmergencyPlan.unscoped.get(pk=plan.pk).medication == "Theirs"


@pytest.mark.django_db
def test_needs_are_saved_trimmed_and_the_audit_names_only_what_changed(plan, hub_actor):
    plan = services.update_needs(
        hub_actor,
        plan,
        expected_version=plan.version,
        medication="  Donepezil 10mg at 8pm ",
        replacement_care="Her sister Di, 01632 960001",
        reviewed_on=timezone.localdate(),
    )
    assert plan.medication == "Donepezil 10mg at 8pm" and plan.version == 2
    update = audit_rows(Operation.UPDATE, plan).first()
    assert set(update.fields) == {"medication", "replacement_care", "reviewed_on"}
    with pytest.raises(ValidationError, match="today or in the past"):
        services.update_needs(
            hub_actor,
            plan,
            expected_version=plan.version,
            reviewed_on=timezone.localdate() + dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_contacts_are_kept_in_the_order_they_were_added_and_audited(plan, hub_actor):
    first = add_contact(hub_actor, plan, name="Jo Foxglove")
    second = add_contact(
        hub_actor,
        plan,
        name="Di Hart",
        phone="+44 1632 960001",
        alternative_phone="",
        can_hold_keys=False,
    )
    assert [c.name for c in plan.contacts.all()] == ["Jo Foxglove", "Di Hart"]
    assert (first.order, second.order) == (1, 2)
    assert second.phone == "+441632960001" and not second.can_hold_keys
    assert (
        audit_rows(Operation.CREATE, first).exists()
        and audit_rows(Operation.CREATE, second).exists()
    )
    assert EmergencyPlan.unscoped.get(pk=plan.pk).version == plan.version + 2


@pytest.mark.django_db
def test_a_contact_needs_a_name_and_a_real_uk_phone_number(plan, hub_actor):
    with pytest.raises(ValidationError, match="Enter the contact's name"):
        add_contact(hub_actor, plan, name="  ")
    with pytest.raises(
        ValidationError, match="Enter a UK phone number, like 01632 960 001 or 07700 900 982"
    ):
        add_contact(hub_actor, plan, phone="077009009")
    assert not EmergencyContact.unscoped.exists()


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("07700 900982", "+447700900982"),
        ("01632  960 001", "+441632960001"),
        ("+44 7700 900982", "+447700900982"),
        ("07700-900982", "+447700900982"),
        ("00447700900982", "+447700900982"),
        ("+1 202 555 0143", "+12025550143"),
    ],
)
def test_an_emergency_contacts_number_is_kept_in_e164_however_it_was_typed(typed, kept):
    assert normalise_phone_number(typed) == kept


@pytest.mark.parametrize(
    "typed", ["077009009", "077009009821", "0163296000", "+44 12345", "call Jo"]
)
def test_anything_else_is_not_a_phone_number(typed):
    with pytest.raises(ValidationError, match="Enter a UK phone number"):
        normalise_phone_number(typed)


@pytest.mark.django_db
def test_an_active_plan_keeps_at_least_one_contact(active_plan, hub_actor):
    only = active_plan.contacts.get()
    only_id = only.pk
    with pytest.raises(ValidationError, match="at least one emergency contact"):
        services.remove_contact(hub_actor, only)
    second = add_contact(hub_actor, active_plan, name="Di Hart")
    services.remove_contact(hub_actor, only)
    assert list(active_plan.contacts.all()) == [second]
    assert AuditLog.objects.filter(
        operation=Operation.DELETE,
        object_type="emergency_plans.emergencycontact",
        object_id=str(only_id),
    ).exists()


@pytest.mark.django_db
def test_an_ended_plan_is_kept_but_cannot_be_changed(active_plan, hub_actor, worker):
    with pytest.raises(ValidationError, match="Enter why the plan is ending"):
        services.end_plan(hub_actor, active_plan, reason=" ")
    plan = services.end_plan(hub_actor, active_plan, reason="Bea has moved into a care home")
    assert plan.status == PlanStatus.ENDED and plan.ended_by == worker and plan.ended_at
    assert plan.ended_reason == "Bea has moved into a care home"
    for change in (
        lambda: services.update_needs(
            hub_actor, plan, expected_version=plan.version, medication="x"
        ),
        lambda: add_contact(hub_actor, plan),
        lambda: services.remove_contact(hub_actor, plan.contacts.first()),
        lambda: services.record_consent(hub_actor, plan, agrees=True),
        lambda: services.end_plan(hub_actor, plan, reason="Again"),
    ):
        with pytest.raises(ValidationError, match="has ended"):
            change()
    with pytest.raises(ValidationError, match="Only a draft"):
        services.make_active(hub_actor, plan, expected_version=plan.version)


@pytest.mark.django_db
def test_every_change_writes_an_audit_row(plan, hub_actor):
    add_contact(hub_actor, plan)
    services.record_consent(hub_actor, plan, agrees=True)
    plan.refresh_from_db()
    plan = services.make_active(hub_actor, plan, expected_version=plan.version)
    services.end_plan(hub_actor, plan, reason="No longer caring")
    operations = list(
        AuditLog.objects.filter(object_type__startswith="emergency_plans.")
        .order_by("pk")
        .values_list("operation", "object_type")
    )
    assert operations == [
        (Operation.CREATE, "emergency_plans.emergencyplan"),
        (Operation.CREATE, "emergency_plans.emergencycontact"),
        (Operation.UPDATE, "emergency_plans.emergencyplan"),
        (Operation.UPDATE, "emergency_plans.emergencyplan"),
        (Operation.UPDATE, "emergency_plans.emergencyplan"),
    ]


@pytest.mark.django_db
def test_only_the_hubs_carer_facing_staff_see_plans(
    plan, make_staff, actor_of, hub, hospital, other_hub
):
    for role in (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER):
        assert list(EmergencyPlan.objects.visible_to(actor_of(make_staff(role, hub), hub))) == [
            plan
        ]
    refused = [
        actor_of(make_staff(Role.SYSTEM_ADMIN, hub), hub),
        actor_of(make_staff(Role.COMMISSIONER, hub), hub),
        actor_of(make_staff(Role.PARTNER_REFERRER, hospital), hospital),
        actor_of(make_staff(Role.SUPPORT_WORKER, hospital), hospital),
        actor_of(make_staff(Role.HUB_MANAGER, other_hub), other_hub),
        ANONYMOUS,
    ]
    for actor in refused:
        assert not EmergencyPlan.objects.visible_to(actor).exists()
        assert not EmergencyContact.objects.visible_to(actor).exists()


@pytest.mark.django_db
def test_a_partner_the_carer_shares_their_record_with_still_does_not_see_the_plan(
    plan, carer, hub_actor, make_staff, actor_of, hospital
):
    carer_services.record_consent(
        hub_actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    nurse = actor_of(make_staff(Role.SUPPORT_WORKER, hospital), hospital)
    assert selectors.emergency_plans_of(nurse, carer) == []
    assert selectors.plans_visible_to(nurse).filter(reference=plan.reference).first() is None


@pytest.mark.django_db
def test_the_carers_plans_newest_first_for_their_record_page(active_plan, carer, bea, hub_actor):
    services.end_plan(hub_actor, active_plan, reason="Replaced")
    newer = services.start_plan(hub_actor, carer, cared_for=bea)
    other_carer = CarerFactory(holding_organisation=carer.holding_organisation)
    carer_services.add_cared_for_person(
        hub_actor,
        other_carer,
        given_name="Di",
        family_name="Hart",
        relationship=Relationship.PARTNER,
        lives_together=True,
    )
    services.start_plan(hub_actor, other_carer, cared_for=other_carer.relationships.get().cared_for)
    plans = selectors.emergency_plans_of(hub_actor, carer)
    assert [p.pk for p in plans] == [newer.pk, active_plan.pk]


@pytest.mark.django_db
def test_removing_a_carer_removes_their_plans_and_contacts(active_plan, carer):
    carer.delete()
    assert not EmergencyPlan.unscoped.exists() and not EmergencyContact.unscoped.exists()
