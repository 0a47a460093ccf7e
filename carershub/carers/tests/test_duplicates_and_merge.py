import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import merging, services
from carershub.carers.duplicates import fold, likely_matches
from carershub.carers.models import Carer, CaringRelationship, ConsentToShare, Contact
from carershub.carers.tests.factories import CarerFactory
from carershub.referrals.tests.factories import ReferralFactory

DOB = dt.date(1961, 3, 27)


def test_names_are_compared_without_case_accents_or_punctuation():
    assert fold("Zoë O'Brien") == fold("ZOE OBRIEN") == "zoe obrien"
    assert fold("عائشہ خان") == "عائشہ خان"


@pytest.mark.django_db
def test_likely_matches_are_the_same_nhs_number_or_a_similar_name_and_the_same_birthday_or_postcode(
    worker, hub
):
    actor = actor_for(worker, hub.pk)
    same_nhs = CarerFactory(
        holding_organisation=hub,
        given_name="Anyone",
        family_name="Else",
        nhs_number="9434765919",
        date_of_birth=None,
    )
    same_dob = CarerFactory(
        holding_organisation=hub,
        given_name="Zoë",
        family_name="O'Brien",
        date_of_birth=DOB,
        postcode="ZZ9 9ZZ",
    )
    same_postcode = CarerFactory(
        holding_organisation=hub,
        given_name="Zoe",
        family_name="OBrian",
        date_of_birth=None,
        postcode="ZZ1 1AA",
    )
    CarerFactory(
        holding_organisation=hub,
        given_name="Someone",
        family_name="Different",
        date_of_birth=DOB,
        postcode="ZZ1 1AA",
    )
    matches = likely_matches(
        actor,
        given_name="Zoe",
        family_name="O'Brien",
        date_of_birth=DOB,
        postcode="ZZ1 1AA",
        nhs_number="9434765919",
    )
    assert [m.carer for m in matches][0] == same_nhs
    assert {m.carer for m in matches} == {same_nhs, same_dob, same_postcode}


@pytest.mark.django_db
def test_matches_never_cross_into_another_organisations_records(worker, hub, other_hub):
    CarerFactory(
        holding_organisation=other_hub, given_name="Ada", family_name="Foxglove", date_of_birth=DOB
    )
    assert (
        likely_matches(
            actor_for(worker, hub.pk), given_name="Ada", family_name="Foxglove", date_of_birth=DOB
        )
        == []
    )


@pytest.mark.django_db
def test_registering_someone_who_may_already_be_registered_asks_first(worker, sign_in, hub):
    existing = CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", date_of_birth=DOB
    )
    client = sign_in(worker, hub)
    data = {
        "given_name": "Ada",
        "family_name": "Foxglove",
        "date_of_birth-day": "27",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1961",
    }
    response = client.post(reverse("carers:register"), data)
    html = response.content.decode()
    assert "This carer may already be registered" in html and existing.reference in html
    assert Carer.unscoped.count() == 1
    client.post(reverse("carers:register"), {**data, "confirmed_new": "yes"})
    assert Carer.unscoped.count() == 2


@pytest.mark.django_db
def test_triage_shows_likely_matches_but_the_public_never_sees_them(worker, sign_in, hub, client):
    existing = CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", postcode="ZZ1 1AA"
    )
    referral = ReferralFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", postcode="ZZ1 1AA"
    )
    html = (
        sign_in(worker, hub)
        .get(reverse("referrals:detail", args=[referral.reference]))
        .content.decode()
    )
    assert "This carer may already be registered" in html and existing.reference in html


@pytest.fixture
def pair(worker, hub, hospital):
    """Two records of the same person, each holding something."""
    actor = actor_for(worker, hub.pk)
    keep = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=DOB,
        email="",
    )
    dup = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=DOB,
        email="ada@example.com",
        nhs_number="9434765919",
    )
    services.add_cared_for_person(
        actor,
        dup,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
    )
    services.log_contact(
        actor, dup, kind="phone", direction="in", happened_on=timezone.localdate(), purpose="Call"
    )
    ReferralFactory(holding_organisation=hub, carer=dup)
    return keep, dup


@pytest.mark.django_db
def test_merging_keeps_every_event_consent_and_link_and_can_be_undone(manager, hub, pair):
    keep, dup = pair
    actor = actor_for(manager, hub.pk)
    record = merging.merge(actor, keep, dup)
    keep.refresh_from_db()
    dup.refresh_from_db()
    assert (keep.email, keep.nhs_number) == ("ada@example.com", "9434765919")  # blanks filled
    assert dup.merged_into == keep and dup.status == "closed" and dup.closed_reason == "duplicate"
    assert CaringRelationship.objects.get().carer == keep
    assert Contact.unscoped.get().carer == keep
    assert keep.referrals.count() == 1
    assert (
        AuditLog.objects.filter(operation=Operation.UPDATE, context__merge=record.pk).count() == 2
    )

    merging.undo(actor, record)
    keep.refresh_from_db()
    dup.refresh_from_db()
    assert (keep.email, keep.nhs_number) == ("", "")
    assert dup.merged_into is None and dup.status == "active"
    assert CaringRelationship.objects.get().carer == dup
    assert Contact.unscoped.get().carer == dup
    assert dup.referrals.count() == 1
    with pytest.raises(merging.MergeRefused):
        merging.undo(actor, record)


@pytest.mark.django_db
def test_where_consents_conflict_the_stricter_applies_and_undo_restores_them(
    manager, worker, hub, hospital, pair
):
    keep, dup = pair
    staff = actor_for(worker, hub.pk)
    kept_consent = services.record_consent(
        staff,
        keep,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    withdrawn = services.record_consent(
        staff,
        dup,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    services.withdraw_consent(staff, withdrawn)
    record = merging.merge(actor_for(manager, hub.pk), keep, dup)
    kept_consent.refresh_from_db()
    assert kept_consent.withdrawn_at is not None
    assert ConsentToShare.objects.filter(carer=keep).count() == 2
    merging.undo(actor_for(manager, hub.pk), record)
    kept_consent.refresh_from_db()
    assert kept_consent.withdrawn_at is None


@pytest.mark.django_db
def test_both_caring_for_the_same_person_keeps_one_link_and_undo_brings_back_the_other(
    manager, worker, hub, pair
):
    keep, dup = pair
    una = CaringRelationship.objects.get(carer=dup).cared_for
    CaringRelationship.objects.create(carer=keep, cared_for=una, relationship="parent")
    record = merging.merge(actor_for(manager, hub.pk), keep, dup)
    assert CaringRelationship.objects.filter(cared_for=una).count() == 1
    merging.undo(actor_for(manager, hub.pk), record)
    assert set(
        CaringRelationship.objects.filter(cared_for=una).values_list("carer_id", flat=True)
    ) == {keep.pk, dup.pk}


@pytest.mark.django_db
def test_a_manager_merges_through_the_pages_and_undoes_it(manager, sign_in, hub, pair):
    keep, dup = pair
    client = sign_in(manager, hub)
    detail = client.get(reverse("carers:detail", args=[keep.reference])).content.decode()
    assert "Possible duplicates" in detail and dup.reference in detail
    compare = client.get(
        reverse("carers:merge", args=[keep.reference, dup.reference])
    ).content.decode()
    assert "Merge these records?" in compare and "Differs" in compare
    client.post(reverse("carers:merge", args=[keep.reference, dup.reference]))
    dup.refresh_from_db()
    assert dup.merged_into == keep
    merged_page = client.get(reverse("carers:detail", args=[dup.reference])).content.decode()
    assert "This record was merged into" in merged_page
    client.post(reverse("carers:undo_merge", args=[keep.reference]))
    dup.refresh_from_db()
    assert dup.merged_into is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SUPPORT_WORKER, Role.ASSESSOR])
def test_only_hub_managers_merge(make_staff, sign_in, hub, pair, role):
    keep, dup = pair
    client = sign_in(make_staff(role, hub), hub)
    assert (
        client.get(reverse("carers:merge", args=[keep.reference, dup.reference])).status_code == 403
    )
    assert (
        client.post(reverse("carers:merge", args=[keep.reference, dup.reference])).status_code
        == 403
    )
    assert Carer.unscoped.get(pk=dup.pk).merged_into is None


@pytest.mark.django_db
def test_records_of_different_organisations_cannot_be_merged(manager, hub, other_hub):
    a = CarerFactory(holding_organisation=hub)
    b = CarerFactory(holding_organisation=other_hub)
    with pytest.raises(merging.MergeRefused, match="same organisation"):
        merging.merge(actor_for(manager, hub.pk), a, b)


@pytest.mark.django_db
def test_a_partner_never_gets_merge_controls(make_staff, worker, hub, hospital, pair):
    keep, dup = pair
    services.record_consent(
        actor_for(worker, hub.pk),
        keep,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    ward = Client()
    ward.force_login(make_staff(Role.PARTNER_REFERRER, hospital))
    html = ward.get(reverse("carers:detail", args=[keep.reference])).content.decode()
    assert "Possible duplicates" not in html
