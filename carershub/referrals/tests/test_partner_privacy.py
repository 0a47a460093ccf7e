"""Partners learn only what the carer's consent allows (ADR 23): their own referral's details and a
neutral word on where it stands, their own organisation's consent, and not the cared-for person's
conditions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import restrictions
from carershub.carers import services as carer_services
from carershub.carers.models import Carer, RestrictionReason
from carershub.carers.tests.factories import CarerFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.referrals.tests.factories import ReferralFactory

PHONE = "07700 900456"
EMAIL = "typed.by.the.ward@example.com"
POSTCODE = "ZZ3 3ZZ"
HIDDEN_WORDS = [
    "Duplicate",
    "duplicate",
    "Restricted",
    "restricted",
    "Registered as a carer",
    "Declined",
    "Signposted",
    "Allocated to",
    "Sam Worker",
]


@pytest.fixture
def ward(make_staff, hospital):
    return make_staff(Role.PARTNER_REFERRER, hospital, full_name="Jo Ward")


@pytest.fixture
def school(partnership):
    return OrganisationFactory(
        partnership=partnership, name="Testshire Academy", type=OrganisationType.SCHOOL_OR_COLLEGE
    )


@pytest.fixture
def carer(hub, hospital, school, worker):
    actor = actor_for(worker, hub.pk)
    ada = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
        phone=PHONE,
        email=EMAIL,
        postcode=POSTCODE,
    )
    for organisation, purposes in [
        (hospital, ["hospital_discharge"]),
        (school, ["hospital_discharge"]),
    ]:
        carer_services.record_consent(
            actor,
            ada,
            organisation=organisation,
            purposes=purposes,
            competence="adult",
            given_by="carer",
            given_on=dt.date.today(),
        )
    withdrawn = OrganisationFactory(
        partnership=hub.partnership, name="Brookside GP Practice", type=OrganisationType.GP_PRACTICE
    )
    consent = carer_services.record_consent(
        actor,
        ada,
        organisation=withdrawn,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    carer_services.withdraw_consent(actor, consent)
    mum = carer_services.add_cared_for_person(
        actor,
        ada,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=False,
        conditions=["dementia"],
    )
    assert mum.condition_labels() == ["Dementia"]
    return Carer.unscoped.get(pk=ada.pk)


def referral_from_ward(hub, hospital, ward, worker, carer=None, **fields):
    return ReferralFactory(
        holding_organisation=hub,
        referring_organisation=hospital,
        referred_by=ward,
        carer=carer,
        phone=PHONE,
        email=EMAIL,
        postcode=POSTCODE,
        allocated_to=worker,
        **fields,
    )


# --- The partner's own referral -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "outcome", ["duplicate", "registered", "declined", "signposted", "information_and_advice"]
)
def test_partner_sees_a_neutral_outcome_on_its_own_referral(
    hub, hospital, ward, worker, sign_in, carer, outcome
):
    referral = referral_from_ward(
        hub,
        hospital,
        ward,
        worker,
        carer=carer,
        status="triaged",
        outcome=outcome,
        outcome_at=timezone.now(),
        first_contact_at=timezone.now(),
    )
    html = (
        sign_in(ward, hospital)
        .get(reverse("referrals:detail", kwargs={"reference": referral.reference}))
        .content.decode()
    )

    assert "Closed" in html
    assert not [word for word in HIDDEN_WORDS if word in html]


@pytest.mark.django_db
def test_partner_queue_shows_where_each_referral_stands_in_neutral_words(
    hub, hospital, ward, worker, sign_in
):
    referral_from_ward(
        hub,
        hospital,
        ward,
        worker,
        given_name="Contacted",
        status="in_contact",
        first_contact_at=timezone.now(),
    )
    referral_from_ward(hub, hospital, ward, worker, given_name="Waiting", status="allocated")
    html = sign_in(ward, hospital).get(reverse("referrals:queue")).content.decode()
    assert "Contacted by the hub" in html and "Received by the hub" in html
    assert "In contact" not in html and "Allocated" not in html
    assert not [word for word in HIDDEN_WORDS if word in html]


@pytest.mark.django_db
def test_partner_sees_the_values_it_typed_even_once_the_carer_is_restricted(
    hub, hospital, ward, worker, manager, sign_in, carer
):
    restrictions.restrict(
        actor_for(manager, hub.pk), carer, reason=RestrictionReason.DOMESTIC_ABUSE, workers=[]
    )
    referral = referral_from_ward(
        hub, hospital, ward, worker, carer=Carer.unscoped.get(pk=carer.pk)
    )

    html = (
        sign_in(ward, hospital)
        .get(reverse("referrals:detail", kwargs={"reference": referral.reference}))
        .content.decode()
    )

    assert PHONE in html and EMAIL in html and POSTCODE in html
    assert "estricted" not in html and "Received by the hub" in html
    row = AuditLog.objects.filter(
        operation=Operation.READ, object_type="referrals.referral", actor_user_id=ward.pk
    ).latest("pk")
    assert {"phone", "email", "postcode"} <= set(row.fields) and "outcome" not in row.fields
    assert "allocated_to" not in row.fields


@pytest.mark.django_db
def test_partner_is_told_once_the_hub_has_made_contact(hub, hospital, ward, worker, sign_in):
    referral = referral_from_ward(
        hub, hospital, ward, worker, status="in_contact", first_contact_at=timezone.now()
    )
    html = (
        sign_in(ward, hospital)
        .get(reverse("referrals:detail", kwargs={"reference": referral.reference}))
        .content.decode()
    )
    assert "Contacted by the hub" in html and "Allocated" not in html and "Assessment" not in html


@pytest.mark.django_db
def test_hub_staff_still_see_the_outcome_and_who_has_it(
    hub, hospital, ward, worker, sign_in, carer
):
    referral = referral_from_ward(
        hub,
        hospital,
        ward,
        worker,
        carer=carer,
        status="triaged",
        outcome="duplicate",
        outcome_at=timezone.now(),
    )
    html = (
        sign_in(worker, hub)
        .get(reverse("referrals:detail", kwargs={"reference": referral.reference}))
        .content.decode()
    )
    assert "Duplicate of a carer already registered" in html and "Allocated to" in html


# --- The carer's record, shared with a partner ----------------------------------------------------


@pytest.mark.django_db
def test_partner_sees_only_its_own_organisations_consent(hub, hospital, ward, sign_in, carer):
    html = (
        sign_in(ward, hospital)
        .get(reverse("carers:detail", args=[carer.reference]))
        .content.decode()
    )
    assert "Testshire Hospital" in html
    assert "Testshire Academy" not in html  # another partner's consent
    assert "Brookside GP Practice" not in html and "Withdrawn" not in html  # a withdrawn one


@pytest.mark.django_db
def test_partner_does_not_see_the_cared_for_persons_conditions(hub, hospital, ward, sign_in, carer):
    html = (
        sign_in(ward, hospital)
        .get(reverse("carers:detail", args=[carer.reference]))
        .content.decode()
    )
    assert "Una Foxglove" in html
    assert "Dementia" not in html and "Needs care for" not in html
    row = AuditLog.objects.filter(
        operation=Operation.READ, object_type="carers.carer", actor_user_id=ward.pk
    ).latest("pk")
    assert "relationships" not in row.fields and "relationships_without_conditions" in row.fields


@pytest.mark.django_db
def test_partner_does_not_learn_that_a_record_is_restricted(
    hub, hospital, ward, manager, sign_in, carer
):
    restrictions.restrict(
        actor_for(manager, hub.pk), carer, reason=RestrictionReason.DOMESTIC_ABUSE, workers=[]
    )
    html = (
        sign_in(ward, hospital)
        .get(reverse("carers:detail", args=[carer.reference]))
        .content.decode()
    )
    assert "estricted" not in html
    assert PHONE not in html and EMAIL not in html and POSTCODE not in html
    assert "Not shared with your organisation" in html


@pytest.mark.django_db
def test_the_hub_still_sees_every_consent_and_the_conditions(hub, worker, sign_in, carer):
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert (
        "Testshire Hospital" in html
        and "Testshire Academy" in html
        and "Brookside GP Practice" in html
    )
    assert "Withdrawn" in html and "Dementia" in html


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["unallocated", "mine", "overdue"])
def test_partner_cannot_filter_its_referrals_by_the_hubs_handling(
    hub, hospital, ward, worker, sign_in, view
):
    referral_from_ward(
        hub, hospital, ward, worker, given_name="Allocated"
    )  # allocated, not overdue
    html = sign_in(ward, hospital).get(reverse("referrals:queue"), {"view": view}).content.decode()
    assert "Allocated" in html and "1 referral: all open" in html


@pytest.mark.django_db
def test_partner_queue_order_does_not_reveal_a_carer_in_crisis(
    hub, hospital, ward, worker, sign_in
):
    in_crisis = CarerFactory(holding_organisation=hub, breakdown_risk="crisis")
    referral_from_ward(
        hub,
        hospital,
        ward,
        worker,
        given_name="Older",
        carer=in_crisis,
        received_at=timezone.now() - dt.timedelta(days=2),
    )
    referral_from_ward(hub, hospital, ward, worker, given_name="Newer")
    html = sign_in(ward, hospital).get(reverse("referrals:queue")).content.decode()
    assert html.index("Newer") < html.index("Older")
