"""The duty to offer a carer's assessment: a referral closes without one only once the offer and the
carer's answer are recorded, and a refusal can be reopened (Care Act 2014 s10, s11; Children Act
1989 s17ZA, s17ZD)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.audit.models import AuditLog
from carershub.referrals import services
from carershub.referrals.models import AssessmentOffer, Referral
from carershub.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

CLOSING_WITHOUT_ASSESSMENT = ["information_and_advice", "signposted", "declined"]


def today():
    return timezone.localdate()


def triage_form(outcome, **changes):
    data = {"outcome": outcome, "version": "1"}
    data.update(changes)
    return data


def offered(response="refused", refused_by="carer", day=None):
    day = day or today() - dt.timedelta(days=1)
    fields = {
        "assessment_offer": response,
        "offered_on-day": str(day.day),
        "offered_on-month": str(day.month),
        "offered_on-year": str(day.year),
    }
    if refused_by:
        fields["refused_by"] = refused_by
    return fields


@pytest.mark.parametrize("outcome", CLOSING_WITHOUT_ASSESSMENT)
def test_referral_cannot_close_signposted_without_offering_assessment_care_act_s10(
    hub, worker, outcome
):
    referral = ReferralFactory(holding_organisation=hub)

    with pytest.raises(ValidationError) as refusal:
        services.triage(actor_for(worker, hub.pk), referral, outcome=outcome, expected_version=1)

    assert (
        "Care Act 2014 s10 and s11; Children Act 1989 s17ZA and s17ZD" in refusal.value.messages[0]
    )
    referral.refresh_from_db()
    assert (
        referral.status == "new" and referral.outcome == "" and not AssessmentOffer.objects.exists()
    )


@pytest.mark.parametrize("outcome", CLOSING_WITHOUT_ASSESSMENT)
def test_triage_page_refuses_to_close_without_an_assessment_offer_and_keeps_the_outcome_chosen(
    sign_in, worker, hub, outcome
):
    referral = ReferralFactory(holding_organisation=hub)

    response = sign_in(worker, hub).post(
        reverse("referrals:triage", args=[referral.reference]), triage_form(outcome)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select whether the carer accepted or refused the assessment offered" in html
    assert "Enter the date the assessment was offered" in html
    assert f'value="{outcome}" checked' in html
    assert Referral.unscoped.get().status == "new"


def test_a_refusal_is_recorded_with_who_refused_and_when_care_act_s11(sign_in, worker, hub):
    referral = ReferralFactory(holding_organisation=hub)
    client = sign_in(worker, hub)
    day = today() - dt.timedelta(days=2)

    missing_who = client.post(
        reverse("referrals:triage", args=[referral.reference]),
        triage_form("signposted", **offered(refused_by="", day=day)),
    )
    assert "Select who refused the assessment" in missing_who.content.decode()

    response = client.post(
        reverse("referrals:triage", args=[referral.reference]),
        triage_form("signposted", **offered(refused_by="carer", day=day)),
    )

    assert response.status_code == 302
    offer = AssessmentOffer.objects.get()
    assert (offer.response, offer.refused_by, offer.offered_on, offer.recorded_by) == (
        "refused",
        "carer",
        day,
        worker,
    )
    assert Referral.unscoped.get().outcome == "signposted"
    assert AuditLog.objects.filter(
        object_type="referrals.assessmentoffer", operation="create"
    ).exists()
    page = client.get(reverse("referrals:detail", args=[referral.reference])).content.decode()
    assert f"Offered on {day.day} {day:%B %Y}: refused by the carer." in page


def test_a_young_carers_refusal_by_a_parent_is_recorded_as_theirs_children_act_s17za(hub, worker):
    referral = ReferralFactory(holding_organisation=hub, date_of_birth=dt.date(2012, 5, 1))

    services.triage(
        actor_for(worker, hub.pk),
        referral,
        outcome="information_and_advice",
        expected_version=1,
        offer={"response": "refused", "offered_on": today(), "refused_by": "parent"},
    )

    assert (
        AssessmentOffer.objects.get()
        .get_refused_by_display()
        .startswith("A parent or someone with parental")
    )


def test_an_accepted_offer_needs_nobody_named_as_refusing(hub, worker):
    referral = ReferralFactory(holding_organisation=hub)

    services.triage(
        actor_for(worker, hub.pk),
        referral,
        outcome="signposted",
        expected_version=1,
        offer={"response": "accepted", "offered_on": today(), "refused_by": "carer"},
    )

    offer = AssessmentOffer.objects.get()
    assert (offer.response, offer.refused_by) == ("accepted", "")


def test_registering_a_carer_needs_no_offer_because_the_assessment_follows(hub, worker):
    referral = ReferralFactory(holding_organisation=hub)

    referral = services.triage(
        actor_for(worker, hub.pk), referral, outcome="registered", expected_version=1
    )

    assert referral.outcome == "registered" and not AssessmentOffer.objects.exists()


def test_refused_assessment_reopens_at_the_carers_request_and_restarts_the_clock_care_act_s11(
    sign_in, worker, hub
):
    referral = ReferralFactory(
        holding_organisation=hub, assessment_due=today() - dt.timedelta(days=30)
    )
    referral = services.triage(
        actor_for(worker, hub.pk),
        referral,
        outcome="declined",
        expected_version=1,
        offer={"response": "refused", "offered_on": today(), "refused_by": "carer"},
    )
    client = sign_in(worker, hub)
    assert (
        "Reopen the referral"
        in client.get(reverse("referrals:detail", args=[referral.reference])).content.decode()
    )

    response = client.post(
        reverse("referrals:reopen", args=[referral.reference]),
        {"because": "carer_asked", "version": str(referral.version)},
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.reopened_because, referral.reopened_by) == (
        "new",
        "",
        "carer_asked",
        worker,
    )
    assert referral.assessment_due == services.clocks_for(hub.partnership, referral.reopened_at)[1]
    assert AssessmentOffer.objects.count() == 1  # the refusal stays on record
    page = client.get(reverse("referrals:detail", args=[referral.reference])).content.decode()
    assert "Reopened on" in page and "the carer asked for an assessment" in page


def test_a_referral_reopened_because_circumstances_changed_keeps_every_offer_when_closed_again(
    hub, worker
):
    actor = actor_for(worker, hub.pk)
    referral = ReferralFactory(holding_organisation=hub)
    referral = services.triage(
        actor,
        referral,
        outcome="signposted",
        expected_version=1,
        offer={"response": "refused", "offered_on": today(), "refused_by": "carer"},
    )
    referral = services.reopen(
        actor, referral, because="circumstances_changed", expected_version=referral.version
    )

    services.triage(
        actor,
        referral,
        outcome="information_and_advice",
        expected_version=referral.version,
        offer={"response": "accepted", "offered_on": today(), "refused_by": ""},
    )

    assert list(AssessmentOffer.objects.order_by("pk").values_list("response", flat=True)) == [
        "refused",
        "accepted",
    ]


def test_reopening_needs_a_reason_and_a_referral_closed_without_assessment(sign_in, worker, hub):
    registered = ReferralFactory(holding_organisation=hub)
    registered = services.triage(
        actor_for(worker, hub.pk), registered, outcome="registered", expected_version=1
    )
    client = sign_in(worker, hub)

    no_reason = client.post(
        reverse("referrals:reopen", args=[registered.reference]),
        {"version": str(registered.version)},
    )
    assert "Select why you are reopening the referral" in no_reason.content.decode()
    wrong_kind = client.post(
        reverse("referrals:reopen", args=[registered.reference]),
        {"because": "carer_asked", "version": str(registered.version)},
    )
    assert (
        "Only a referral closed without an assessment can be reopened"
        in wrong_kind.content.decode()
    )
    assert Referral.unscoped.get().outcome == "registered"


def test_the_referrer_does_not_see_whether_the_carer_accepted_an_assessment(
    sign_in, make_staff, hospital, hub, worker
):
    from carershub.accounts.models import Role

    ward = make_staff(Role.PARTNER_REFERRER, hospital)
    referral = ReferralFactory(holding_organisation=hub, referring_organisation=hospital)
    services.triage(
        actor_for(worker, hub.pk),
        referral,
        outcome="declined",
        expected_version=1,
        offer={"response": "refused", "offered_on": today(), "refused_by": "carer"},
    )

    page = (
        sign_in(ward, hospital)
        .get(reverse("referrals:detail", args=[referral.reference]))
        .content.decode()
    )

    assert "assessment-offers" not in page and "refused by" not in page
