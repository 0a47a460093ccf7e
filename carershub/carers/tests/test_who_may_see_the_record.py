"""The carer's record says, in plain words, who may see it, for what, since and until when."""

import datetime as dt

import pytest
from django.urls import reverse

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.carers import services
from carershub.carers.tests.factories import CarerFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory


@pytest.fixture
def young_carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Pip",
        family_name="Yarrow",
        date_of_birth=dt.date.today() - dt.timedelta(days=14 * 365),
        lawful_basis="public_task",
    )


@pytest.fixture
def school(partnership):
    return OrganisationFactory(
        partnership=partnership, name="Testshire Academy", type=OrganisationType.SCHOOL_OR_COLLEGE
    )


def agree(worker, hub, carer, organisation, purposes, **fields):
    return services.record_consent(
        actor_for(worker, hub.pk),
        carer,
        organisation=organisation,
        purposes=purposes,
        competence=fields.pop("competence", "gillick"),
        given_by=fields.pop("given_by", "carer"),
        given_on=fields.pop("given_on", dt.date(2026, 9, 1)),
        **fields,
    )


def section(page):
    start = page.index("Who may see this record, and why")
    return page[start : page.index('id="consent"', start)]


@pytest.mark.django_db
def test_the_record_says_who_may_see_it_why_since_when_until_when_and_who_agreed(
    worker, sign_in, hub, hospital, school, young_carer
):
    agree(
        worker,
        hub,
        young_carer,
        school,
        ["school_support"],
        ends_on=dt.date(2027, 7, 31),
    )
    agree(
        worker,
        hub,
        young_carer,
        hospital,
        ["hospital_discharge", "emergency"],
        competence="not_competent",
        given_by="parental_responsibility",
        given_by_name="Rowan Yarrow",
        given_on=dt.date(2026, 10, 5),
    )
    page = sign_in(worker, hub).get(reverse("carers:detail", args=[young_carer.reference]))
    shown = section(page.content.decode())

    assert "Public task (Article 6(1)(e))" in shown  # the hub's own footing, not consent
    assert "Testshire Academy" in shown
    assert "To support you at school or college. They may see your name" in shown
    assert "1 September 2026" in shown and "31 July 2027" in shown
    assert "The carer, under 18 and competent to decide (Gillick competent)" in shown
    assert "Testshire Hospital" in shown
    assert "To involve you when the person you care for goes into or leaves hospital" in shown
    assert "To use your emergency plan if you suddenly cannot care" in shown
    assert "Until the carer withdraws it" in shown
    assert (
        "Rowan Yarrow, a person with parental responsibility; the carer is under 18 and not "
        "competent to decide" in shown
    )


@pytest.mark.django_db
def test_a_withdrawn_or_ended_consent_is_no_longer_said_to_let_anyone_see(
    worker, sign_in, hub, hospital, school, young_carer
):
    consent = agree(worker, hub, young_carer, hospital, ["hospital_discharge"])
    services.withdraw_consent(actor_for(worker, hub.pk), consent)
    agree(
        worker,
        hub,
        young_carer,
        school,
        ["school_support"],
        given_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 7, 31),
    )
    page = sign_in(worker, hub).get(reverse("carers:detail", args=[young_carer.reference]))
    shown = section(page.content.decode())
    assert "No other organisation may see this record." in shown
    assert "Testshire Hospital" not in shown and "Testshire Academy" not in shown


@pytest.mark.django_db
def test_a_partner_is_not_shown_who_else_may_see_the_record(
    worker, make_staff, sign_in, hub, hospital, school, young_carer
):
    agree(worker, hub, young_carer, hospital, ["hospital_discharge"])
    agree(worker, hub, young_carer, school, ["school_support"])
    ward = make_staff(Role.PARTNER_REFERRER, hospital)
    page = sign_in(ward, hospital).get(reverse("carers:detail", args=[young_carer.reference]))
    assert page.status_code == 200
    assert "Who may see this record, and why" not in page.content.decode()
    assert "Testshire Academy" not in page.content.decode()
