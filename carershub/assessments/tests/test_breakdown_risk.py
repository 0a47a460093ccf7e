"""The risk that caring breaks down: suggested from the record, confirmed by a worker, crisis
cases first in the queue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.assessments import risk, selectors, services
from carershub.assessments.models import BreakdownRisk, RiskRating, Trigger
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer
from carershub.referrals.tests.factories import ReferralFactory

TODAY = dt.date(2026, 11, 23)


def suggestion(**facts):
    base = {
        "hours_band": "",
        "hours_exact": None,
        "sole_carer_of_someone": False,
        "health_at_risk": False,
        "had_break_in_year": False,
        "assessed": False,
        "hospital_referral_on": None,
        "today": TODAY,
    }
    return risk.suggest(**{**base, **facts})


@pytest.mark.parametrize(
    "triggers, rating",
    [
        ([], RiskRating.LOW),
        ([Trigger.NO_BREAK], RiskRating.MEDIUM),
        ([Trigger.NO_BREAK, Trigger.CARER_HEALTH], RiskRating.HIGH),
        ([Trigger.NO_BREAK, Trigger.CARER_HEALTH, Trigger.CARED_FOR_WORSE], RiskRating.CRISIS),
        ([Trigger.SAFEGUARDING], RiskRating.CRISIS),
    ],
)
def test_the_rating_follows_the_triggers(triggers, rating):
    assert risk.rating_for(triggers) == rating


def test_a_sole_carer_of_50_hours_or_more_is_a_trigger_and_sharing_the_care_is_not():
    assert suggestion(hours_band="50_or_more", sole_carer_of_someone=True).triggers == [
        Trigger.SOLE_CARER_50_HOURS
    ]
    assert suggestion(hours_exact=60, sole_carer_of_someone=True).triggers == [
        Trigger.SOLE_CARER_50_HOURS
    ]
    assert suggestion(hours_band="50_or_more", sole_carer_of_someone=False).triggers == []
    assert suggestion(hours_band="20_to_49", sole_carer_of_someone=True).triggers == []


def test_no_break_counts_only_once_the_carer_has_been_assessed():
    assert suggestion(assessed=True, had_break_in_year=False).triggers == [Trigger.NO_BREAK]
    assert suggestion(assessed=True, had_break_in_year=True).triggers == []
    assert suggestion(assessed=False).triggers == []


def test_a_hospital_referral_counts_for_four_weeks():
    assert suggestion(hospital_referral_on=TODAY - dt.timedelta(days=28)).triggers == [
        Trigger.HOSPITAL_DISCHARGE
    ]
    assert suggestion(hospital_referral_on=TODAY - dt.timedelta(days=29)).triggers == []


def test_each_suggested_trigger_says_why():
    found = suggestion(health_at_risk=True, hours_band="50_or_more", sole_carer_of_someone=True)
    assert found.rating == RiskRating.HIGH
    assert set(found.reasons) == {Trigger.CARER_HEALTH, Trigger.SOLE_CARER_50_HOURS}


@pytest.mark.django_db
def test_the_record_suggests_and_the_worker_confirms(make_carer_caring, hub, hub_actor):
    carer = make_carer_caring(hours_band="50_or_more")
    ReferralFactory(
        holding_organisation=hub, carer=carer, source="hospital", received_at=timezone.now()
    )
    found = selectors.risk_suggestion_for(hub_actor, carer)
    assert set(found.triggers) == {Trigger.SOLE_CARER_50_HOURS, Trigger.HOSPITAL_DISCHARGE}
    recorded = services.record_risk(
        hub_actor,
        carer,
        rating="crisis",
        triggers=[*found.triggers, "safeguarding"],
        notes="Neighbour raised a concern",
        suggestion=found,
    )
    assert recorded.suggested_rating == "high" and recorded.rating == "crisis"
    assert "safeguarding" in recorded.triggers and "safeguarding" not in recorded.suggested_triggers
    assert Carer.unscoped.get(pk=carer.pk).breakdown_risk == "crisis"
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="assessments.breakdownrisk"
    ).exists()


@pytest.mark.django_db
def test_carers_in_crisis_come_first_in_the_referral_queue(
    make_carer_caring, hub, hub_actor, worker, sign_in
):
    from carershub.referrals.selectors import queue

    urgent = ReferralFactory(holding_organisation=hub, urgency="urgent", given_name="Urgent")
    carer = make_carer_caring()
    crisis = ReferralFactory(
        holding_organisation=hub, carer=carer, given_name="Crisis", status="allocated"
    )
    services.record_risk(
        hub_actor,
        carer,
        rating="crisis",
        triggers=["safeguarding"],
        suggestion=selectors.risk_suggestion_for(hub_actor, carer),
    )
    assert [r.pk for r in queue(hub_actor)][:2] == [crisis.pk, urgent.pk]


@pytest.mark.django_db
def test_the_risk_page_suggests_records_and_shows_on_the_record(
    make_carer_caring, worker, sign_in, hub
):
    carer = make_carer_caring(hours_band="50_or_more", given_name="Ada")
    client = sign_in(worker, hub)
    url = reverse("assessments:breakdown_risk", args=[carer.reference])
    html = client.get(url).content.decode()
    assert "Cares 50 or more hours a week and is the only carer recorded" in html
    assert "Medium risk" in html
    response = client.post(
        url, {"triggers": ["sole_carer_50_hours", "cared_for_worse"], "rating": "high"}
    )
    assert response.status_code == 302
    assert BreakdownRisk.unscoped.get().rating == "high"
    assert (
        "High risk" in client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    refused = client.post(url, {"triggers": ["not_a_trigger"]})
    assert "Select the risk" in refused.content.decode()
