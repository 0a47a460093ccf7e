"""A partner's record page shows only what its purpose shows (ADR 36); the hub's shows it all."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from carershub.accounts.actor import SESSION_KEY
from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services
from carershub.carers.models import SharingPurpose
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory
from carershub.emergency_plans import services as emergency_plan_services
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory

NHS_NUMBER = "9434765919"

# What each part of the page looks like when it is there.
SHOWN = {
    "nhs_number": "943 476 5919",
    "gp_practice": "Oak Lane Surgery",
    "school": "Elm Park School",
    "network": "Bea Foxglove",
    "conditions": "Dementia",
    "emergency_plan": 'id="emergency-plans"',
    "contact": "ada@example.com",
    "caring": "Hours caring",
}


@pytest.fixture
def ada(hub, partnership, worker, actor_of):
    staff = actor_of(worker, hub)
    carer = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        nhs_number=NHS_NUMBER,
        email="ada@example.com",
        gp_practice=OrganisationFactory(
            partnership=partnership, name="Oak Lane Surgery", type=OrganisationType.GP_PRACTICE
        ),
        school=OrganisationFactory(
            partnership=partnership, name="Elm Park School", type=OrganisationType.SCHOOL_OR_COLLEGE
        ),
    )
    services.add_cared_for_person(
        staff,
        carer,
        given_name="Bea",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=True,
        conditions=["dementia"],
    )
    bea = carer.relationships.get().cared_for
    plan = emergency_plan_services.start_plan(staff, carer, cared_for=bea)
    emergency_plan_services.add_contact(
        staff, plan, name="Jo Foxglove", relationship="Granddaughter", phone="07700 900982"
    )
    return carer


def record_page_of(user, organisation, carer):
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = organisation.pk
    session.save()
    response = client.get(reverse("carers:detail", args=[carer.reference]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("organisation_type", "purpose", "shown", "hidden"),
    [
        (
            OrganisationType.SCHOOL_OR_COLLEGE,
            "school_support",
            {"school", "contact", "caring"},
            {"nhs_number", "gp_practice", "network", "conditions", "emergency_plan"},
        ),
        (
            OrganisationType.HOSPITAL_TRUST,
            "hospital_discharge",
            {"nhs_number", "network", "contact", "caring"},
            {"gp_practice", "school", "conditions", "emergency_plan"},
        ),
        (
            OrganisationType.GP_PRACTICE,
            "gp_record",
            {"nhs_number", "gp_practice", "network", "contact", "caring"},
            {"school", "conditions", "emergency_plan"},
        ),
    ],
)
def test_a_partner_sees_only_the_fields_of_its_purpose_and_its_read_says_so(
    ada, worker, hub, partnership, make_staff, actor_of, organisation_type, purpose, shown, hidden
):
    partner = OrganisationFactory(partnership=partnership, type=organisation_type)
    services.record_consent(
        actor_of(worker, hub),
        ada,
        organisation=partner,
        purposes=[purpose],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    reader = make_staff(Role.PARTNER_REFERRER, partner)

    page = record_page_of(reader, partner, ada)

    assert {part for part in SHOWN if SHOWN[part] in page} == shown
    assert not {part for part in hidden if SHOWN[part] in page}
    read = AuditLog.objects.get(
        operation=Operation.READ, actor_user_id=reader.pk, object_type="carers.carer"
    )
    assert read.context == {"view": "carers:detail", "purpose": purpose}
    assert "reference" in read.fields and "email" in read.fields
    assert ("nhs_number" in read.fields) == ("nhs_number" in shown)
    assert ("relationships_without_conditions" in read.fields) == ("network" in shown)
    assert "relationships" not in read.fields and "equality" not in read.fields


@pytest.mark.django_db
def test_the_hub_sees_every_part_of_the_record_whatever_a_carer_agreed(ada, worker, hub):
    page = record_page_of(worker, hub, ada)

    assert {part for part in SHOWN if SHOWN[part] in page} == set(SHOWN)
    read = AuditLog.objects.get(
        operation=Operation.READ,
        actor_user_id=worker.pk,
        object_type="carers.carer",
        context={"view": "carers:detail"},
    )
    assert {"nhs_number", "gp_practice", "school", "relationships"} <= set(read.fields)


@pytest.mark.django_db
def test_a_partner_may_open_the_record_only_with_consent_for_the_purpose_it_reads_it_for(
    ada, worker, hub, hospital, make_staff, actor_of
):
    """The permission behind every link to the record (a partner's referral) agrees with the
    page: consent for anything but hospital discharge does not open it to a hospital."""
    ward = actor_of(make_staff(Role.PARTNER_REFERRER, hospital), hospital)
    others = [p for p in SharingPurpose.values if p != SharingPurpose.HOSPITAL_DISCHARGE]
    consent = services.record_consent(
        actor_of(worker, hub),
        ada,
        organisation=hospital,
        purposes=others,
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    assert not can(ward, "carers.view_carer", ada)
    services.withdraw_consent(actor_of(worker, hub), consent)
    services.record_consent(
        actor_of(worker, hub),
        ada,
        organisation=hospital,
        purposes=[SharingPurpose.HOSPITAL_DISCHARGE],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    assert can(ward, "carers.view_carer", ada)
