"""Every request, assessment, review and service is an event with the fields of the DHSC Client
Level Data return (Release 2 values), kept in step by the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from carershub.assessments import services as assessment_services
from carershub.assessments.situations import AssessmentType
from carershub.events import cld
from carershub.events.models import CareEvent
from carershub.referrals import services as referral_services


@pytest.fixture
def referral(hub, hub_actor):
    return referral_services.make_referral(
        hub_actor,
        hub=hub,
        source="hospital",
        given_name="Ada",
        family_name="Foxglove",
        agreed_to_referral=True,
    )


@pytest.mark.django_db
def test_a_referral_is_a_request_that_ends_with_its_triage(referral, hub_actor):
    event = CareEvent.unscoped.get(source=f"referral:{referral.pk}")
    assert event.event_type == "Request" and event.end_date is None
    assert (
        event.request_route == cld.ROUTE_HOSPITAL_DISCHARGE
        and event.event_reference == referral.reference
    )
    referral = referral_services.triage(
        hub_actor, referral, outcome="registered", expected_version=referral.version
    )
    event.refresh_from_db()
    assert event.outcome == "Progress to assessment, review or reassessment"
    assert event.end_date == timezone.localdate() and event.carer == referral.carer


@pytest.mark.django_db
@pytest.mark.parametrize(
    "outcome, expected",
    [
        ("information_and_advice", "NFA: Information and advice or signposting"),
        ("signposted", "NFA: Information and advice or signposting"),
        ("declined", "NFA: Support declined"),
    ],
)
def test_each_triage_outcome_has_its_return_value(referral, hub_actor, outcome, expected):
    offer = {"response": "refused", "offered_on": timezone.localdate(), "refused_by": "carer"}
    referral_services.triage(
        hub_actor, referral, outcome=outcome, expected_version=referral.version, offer=offer
    )
    assert CareEvent.unscoped.get().outcome == expected


@pytest.mark.django_db
def test_a_duplicate_referral_is_not_a_second_request(referral, hub_actor, make_carer_caring):
    existing = make_carer_caring()
    referral_services.triage(
        hub_actor,
        referral,
        outcome="duplicate",
        expected_version=referral.version,
        duplicate_of=existing,
    )
    assert not CareEvent.unscoped.filter(source=f"referral:{referral.pk}").exists()


@pytest.mark.django_db
def test_an_assessment_is_open_until_completed_then_says_whether_needs_are_eligible(completed):
    event = CareEvent.unscoped.get(source=f"assessment:{completed.pk}")
    assert event.event_type == "Assessment" and event.assessment_type == "Long term assessment"
    assert event.start_date == event.end_date == timezone.localdate()
    assert event.eligible_needs_identified == "Yes"
    assert event.outcome == "Progress to support planning or services"
    assert event.carer == completed.carer


@pytest.mark.django_db
def test_a_review_is_a_review_event_planned_when_the_plans_review_was_due(
    plan, hub_actor, assessor, actor_of, hub
):
    from carershub.assessments.models import SupportPlan

    assessment_services.add_action(hub_actor, plan, what="x", who="y")
    plan.refresh_from_db()
    plan = assessment_services.agree_plan(hub_actor, plan, expected_version=plan.version)
    SupportPlan.unscoped.filter(pk=plan.pk).update(
        review_due=timezone.localdate() + dt.timedelta(days=10)
    )
    review = assessment_services.start_assessment(
        hub_actor, plan.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    event = CareEvent.unscoped.get(source=f"assessment:{review.pk}")
    assert event.event_type == "Review" and event.review_reason == "Planned"
    assert event.method == ""  # who took part is asked when the review is completed, not assumed
    assert event.end_date is None


@pytest.mark.django_db
def test_an_early_review_is_unplanned_and_carer_related(completed, hub_actor, assessor):
    review = assessment_services.start_assessment(
        hub_actor, completed.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    assert (
        CareEvent.unscoped.get(source=f"assessment:{review.pk}").review_reason
        == "Unplanned - Carer related"
    )


@pytest.mark.django_db
def test_an_agreed_plans_services_are_service_events_with_their_delivery_mechanism(plan, hub_actor):
    assessment_services.add_service(
        hub_actor, plan, kind="direct_payment", amount=Decimal("250"), frequency="yearly"
    )
    assessment_services.add_service(hub_actor, plan, kind="break", provider="Sitting service")
    assessment_services.add_service(hub_actor, plan, kind="information_and_advice")
    assert not CareEvent.unscoped.filter(
        event_type="Service"
    ).exists()  # nothing until the plan is agreed
    plan.refresh_from_db()
    assessment_services.agree_plan(hub_actor, plan, expected_version=plan.version)
    services = {e.delivery_mechanism: e for e in CareEvent.unscoped.filter(event_type="Service")}
    assert set(services) == {
        "Direct payment",
        "CASSR commissioned support",
    }  # advice is not a service
    payment = services["Direct payment"]
    assert payment.service_type == "Unpaid carer support: Direct to unpaid carer"
    assert payment.service_component == "Direct payment" and payment.unit_cost == Decimal("250.00")
    # Unit cost and planned units a week apart; CLD's list for the frequency is unknown, so it is
    # blank (cld.UNVERIFIED) and the hub keeps its own.
    assert (
        payment.cost_frequency == ""
        and payment.payment_frequency == "yearly"
        and payment.end_date is None
    )
    assert payment.planned_units_per_week == Decimal("0.0192")
    assert services["CASSR commissioned support"].service_component == "Unpaid carer respite"


@pytest.mark.django_db
def test_events_carry_the_responsible_council(completed, hub, partnership):
    from carershub.carers.models import Carer
    from carershub.events import services as events
    from carershub.partnerships.models import OrganisationType
    from carershub.partnerships.tests.factories import OrganisationFactory

    council = OrganisationFactory(
        partnership=partnership, type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE
    )
    Carer.unscoped.filter(pk=completed.carer_id).update(responsible_council=council)
    completed.carer.refresh_from_db()
    assert events.assessment_changed(completed).responsible_council == council
