"""Safeguarding concerns: raising one tells the hub managers (and no one else anything about
anyone); managers decide; only the hub's own staff ever see them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services as carer_services
from carershub.carers.tests.factories import CarerFactory
from carershub.notifications.models import Notification
from carershub.safeguarding import selectors, services
from carershub.safeguarding.models import Concern, ConcernDecision, Status
from carershub.safeguarding.tests.factories import ConcernFactory

WHAT = "Her son shouted at her and took her bank card"


@pytest.fixture
def ward(make_staff, hospital):
    return make_staff(Role.PARTNER_REFERRER, hospital, full_name="Wren Ward")


@pytest.fixture
def carer(hub, hospital, worker, actor_of):
    ada = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    carer_services.record_consent(
        actor_of(worker, hub),
        ada,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    return ada


@pytest.fixture
def concern(carer, worker, manager, hub, actor_of):
    return ConcernFactory(
        actor=actor_of(worker, hub),
        carer=carer,
        what_happened=WHAT,
        category="financial",
        at_risk="carer",
        immediate_risk=True,
    )


def _raise(actor, carer, immediate=False):
    return ConcernFactory(
        actor=actor,
        carer=carer,
        what_happened="Seen",
        category="neglect",
        at_risk="cared_for",
        immediate_risk=immediate,
    )


# --- Escalation -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_raising_a_concern_emails_each_hub_manager_the_reference_and_nothing_personal(
    carer, worker, manager, make_staff, hub, other_hub, actor_of
):
    second = make_staff(Role.HUB_MANAGER, hub, full_name="Max Manager")
    make_staff(Role.HUB_MANAGER, other_hub)
    concern = _raise(actor_of(worker, hub), carer, immediate=True)
    sent = Notification.unscoped.filter(template="safeguarding_concern_raised")
    assert sorted(n.recipient for n in sent) == sorted([manager.email, second.email])
    for n in sent:
        text = f"{n.subject} {n.body}"
        assert concern.reference in text and "immediate risk" in text
        for personal in ("Ada", "Foxglove", carer.reference, "Seen", "neglect"):
            assert personal not in text


@pytest.mark.django_db
def test_raising_a_concern_is_audited_without_what_happened(concern):
    row = AuditLog.objects.get(operation=Operation.CREATE, object_type="safeguarding.concern")
    assert "what_happened" in row.fields and "bank" not in str(row.fields) + str(row.context)


# --- Decisions ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_referral_needs_the_councils_reference_and_date(concern, manager, hub, actor_of):
    with pytest.raises(ValidationError) as error:
        services.decide(actor_of(manager, hub), concern, decision="referred_adults")
    assert set(error.value.message_dict) == {"referral_reference", "referred_on"}
    assert not ConcernDecision.objects.exists()


@pytest.mark.django_db
def test_decisions_set_the_status_and_all_are_kept(concern, manager, hub, actor_of):
    managing = actor_of(manager, hub)
    services.decide(
        managing,
        concern,
        decision="referred_adults",
        referral_reference="ASC-123",
        referred_on=dt.date.today(),
    )
    assert Concern.unscoped.get(pk=concern.pk).status == Status.REFERRED
    with pytest.raises(ValidationError):
        services.decide(managing, concern, decision="no_further_action")
    services.decide(
        managing, concern, decision="no_further_action", reasons="Council closed its enquiry"
    )
    assert Concern.unscoped.get(pk=concern.pk).status == Status.CLOSED
    assert [d.decision for d in concern.decisions.all()] == ["referred_adults", "no_further_action"]


# --- Who sees what --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_holding_organisations_staff_see_concerns(
    concern, worker, manager, ward, hub, hospital, actor_of, make_staff, other_hub
):
    assert can(actor_of(worker, hub), "safeguarding.view_concern", concern)
    assert can(actor_of(manager, hub), "safeguarding.decide", concern)
    assert not can(actor_of(worker, hub), "safeguarding.decide", concern)
    assert not can(actor_of(ward, hospital), "safeguarding.view_concern", concern)
    assert (
        selectors.concerns_visible_to(actor_of(ward, hospital))
        .filter(reference=concern.reference)
        .first()
        is None
    )
    elsewhere = make_staff(Role.HUB_MANAGER, other_hub)
    assert (
        selectors.concerns_visible_to(actor_of(elsewhere, other_hub))
        .filter(reference=concern.reference)
        .first()
        is None
    )


@pytest.mark.django_db
def test_a_worker_records_a_concern_from_the_carers_page(carer, worker, manager, sign_in, hub):
    client = sign_in(worker, hub)
    assert (
        "Record a safeguarding concern"
        in client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    url = reverse("safeguarding:raise", args=[carer.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "what_happened": WHAT,
            "category": "financial",
            "at_risk": "carer",
            "immediate_risk": "no",
        },
    )
    concern = Concern.unscoped.get()
    assert response.status_code == 302 and response.url == reverse(
        "safeguarding:detail", args=[concern.reference]
    )
    assert (
        concern.raised_by == worker
        and concern.immediate_risk is False
        and concern.status == Status.OPEN
    )
    assert Notification.unscoped.filter(recipient=manager.email).count() == 1


@pytest.mark.django_db
def test_the_concern_form_keeps_what_was_typed(carer, worker, sign_in, hub):
    response = sign_in(worker, hub).post(
        reverse("safeguarding:raise", args=[carer.reference]),
        {"what_happened": WHAT, "at_risk": "carer"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Select what kind of abuse or neglect it is" in html
    assert WHAT in html and "Select yes if anyone is at immediate risk of harm" in html
    assert not Concern.unscoped.exists()


@pytest.mark.django_db
def test_opening_a_concern_is_audited(concern, worker, sign_in, hub):
    html = (
        sign_in(worker, hub)
        .get(reverse("safeguarding:detail", args=[concern.reference]))
        .content.decode()
    )
    assert WHAT in html and "Record a decision" not in html
    row = AuditLog.objects.get(operation=Operation.READ, object_type="safeguarding.concern")
    assert row.object_id == str(concern.pk) and "what_happened" in row.fields


@pytest.mark.django_db
def test_a_partner_with_consent_never_sees_concerns(concern, carer, ward, sign_in, hospital):
    client = sign_in(ward, hospital)
    assert client.get(reverse("safeguarding:detail", args=[concern.reference])).status_code in (
        403,
        404,
    )
    assert client.get(reverse("safeguarding:raise", args=[carer.reference])).status_code in (
        403,
        404,
    )
    assert client.get(reverse("safeguarding:list")).status_code == 403
    html = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert concern.reference not in html and "safeguarding" not in html.lower()


@pytest.mark.django_db
def test_a_worker_may_not_decide_or_see_the_list(concern, worker, sign_in, hub):
    client = sign_in(worker, hub)
    assert client.get(reverse("safeguarding:list")).status_code == 403
    assert client.get(reverse("safeguarding:decide", args=[concern.reference])).status_code == 403
    assert (
        client.post(
            reverse("safeguarding:decide", args=[concern.reference]),
            {"decision": "advice_given", "reasons": "x"},
        ).status_code
        == 403
    )
    assert not ConcernDecision.objects.exists()


@pytest.mark.django_db
def test_a_manager_records_a_referral(concern, manager, sign_in, hub):
    client = sign_in(manager, hub)
    url = reverse("safeguarding:decide", args=[concern.reference])
    today = dt.date.today()
    response = client.post(
        url,
        {
            "decision": "referred_children",
            "referral_reference": "CSC-9",
            "referred_on-day": today.day,
            "referred_on-month": today.month,
            "referred_on-year": today.year,
        },
    )
    assert response.status_code == 302
    assert Concern.unscoped.get(pk=concern.pk).status == Status.REFERRED
    assert (
        "CSC-9"
        in client.get(reverse("safeguarding:detail", args=[concern.reference])).content.decode()
    )


@pytest.mark.django_db
def test_the_decision_form_shows_what_a_referral_needs(concern, manager, sign_in, hub):
    response = sign_in(manager, hub).post(
        reverse("safeguarding:decide", args=[concern.reference]), {"decision": "referred_adults"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "reference for the referral" in html
    assert "Enter the date of the referral" in html


# --- The managers' list and the home page ---------------------------------------------------------


@pytest.mark.django_db
def test_immediate_risk_concerns_come_first_and_closed_ones_drop_off(
    carer, worker, manager, hub, actor_of
):
    working = actor_of(worker, hub)
    calm = _raise(working, carer)
    urgent = _raise(working, carer, immediate=True)
    later = _raise(working, carer)
    services.decide(
        actor_of(manager, hub), later, decision="advice_given", reasons="Told about the helpline"
    )
    rows = selectors.concerns(actor_of(manager, hub))
    assert [c.pk for c in rows] == [urgent.pk, calm.pk]
    assert len(selectors.concerns(actor_of(manager, hub), include_closed=True)) == 3


@pytest.mark.django_db
def test_the_list_costs_the_same_however_many_concerns(
    carer, worker, manager, sign_in, hub, actor_of, django_assert_max_num_queries
):
    client = sign_in(manager, hub)
    client.get(reverse("safeguarding:list"))
    _raise(actor_of(worker, hub), carer)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("safeguarding:list"))
    for _ in range(8):
        _raise(actor_of(worker, hub), CarerFactory(holding_organisation=hub), immediate=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("safeguarding:list")).content.decode()
    assert "9 concerns" in html


@pytest.mark.django_db
def test_the_staff_home_page_counts_immediate_risk_concerns_for_managers(
    concern, manager, worker, sign_in, hub
):
    html = sign_in(manager, hub).get(reverse("home:staff_home")).content.decode()
    assert "1 with someone at immediate risk, not yet closed" in html
    assert (
        "Safeguarding concerns"
        not in sign_in(worker, hub).get(reverse("home:staff_home")).content.decode()
    )
