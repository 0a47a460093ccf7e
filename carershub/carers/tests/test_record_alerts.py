"""The alerts banner at the top of a carer's record: what each app raises, and who sees it."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.carers import restrictions, services
from carershub.carers.models import RestrictionReason
from carershub.carers.tests.factories import CarerFactory
from carershub.carers.tests.test_record_and_consent import give_consent
from carershub.emergency_plans import services as emergency_plan_services
from carershub.emergency_plans.models import EmergencyPlan, PlanStatus
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.safeguarding import services as safeguarding_services

RESTRICTED = "Contact details restricted"
CONCERN = "Open safeguarding concern"
PLAN = "Emergency plan in place for Bo Foxglove"
WITHDRAWN = "Consent to share with Testshire Academy withdrawn"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", phone="01632 960999"
    )


def banner(client, carer):
    """The alerts banner's text, or "" when the page has none; and the page."""
    html = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    found = re.search(r"<div[^>]*data-alerts>(.*?)</ul>", html, re.S)
    return (re.sub(r"\s+", " ", found.group(1)) if found else ""), html


def restrict(manager, hub, carer):
    restrictions.restrict(
        actor_for(manager, hub.pk), carer, reason=RestrictionReason.DOMESTIC_ABUSE
    )
    carer.refresh_from_db()


def raise_concern(worker, hub, carer, *, immediate_risk):
    return safeguarding_services.raise_concern(
        actor_for(worker, hub.pk),
        carer,
        what_happened="Seen",
        category="financial",
        at_risk="carer",
        immediate_risk=immediate_risk,
    )


def active_plan(worker, hub, carer):
    actor = actor_for(worker, hub.pk)
    person = services.add_cared_for_person(
        actor,
        carer,
        given_name="Bo",
        family_name="Foxglove",
        relationship="parent",
        lives_together=False,
    )
    plan = emergency_plan_services.start_plan(actor, carer, cared_for=person)
    EmergencyPlan.unscoped.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVE, consent_to_use=True, consent_recorded_at=timezone.now()
    )
    return plan


def withdrawn_consent(worker, hub, carer):
    school = OrganisationFactory(
        partnership=hub.partnership,
        name="Testshire Academy",
        type=OrganisationType.SCHOOL_OR_COLLEGE,
    )
    consent = give_consent(actor_for(worker, hub.pk), carer, school)
    services.withdraw_consent(actor_for(worker, hub.pk), consent)


@pytest.mark.django_db
def test_a_record_with_nothing_to_warn_of_has_no_banner(worker, sign_in, hub, carer):
    text, html = banner(sign_in(worker, hub), carer)
    assert text == "" and "data-alerts" not in html


@pytest.mark.django_db
def test_restricted_contact_details_are_an_alert_above_any_phone_number(
    manager, worker, sign_in, hub, carer
):
    restrict(manager, hub, carer)
    text, html = banner(sign_in(manager, hub), carer)
    assert RESTRICTED in text and 'href="#contact"' in text
    assert html.index("data-alerts") < html.index("01632 960999")
    # The worker may not see the details, but must know why they are hidden.
    text, _ = banner(sign_in(worker, hub), carer)
    assert RESTRICTED in text


@pytest.mark.django_db
def test_an_open_safeguarding_concern_is_an_alert_with_its_risk(worker, sign_in, hub, carer):
    concern = raise_concern(worker, hub, carer, immediate_risk=True)
    text, _ = banner(sign_in(worker, hub), carer)
    assert (
        f"{CONCERN} {concern.reference} (open): financial or material abuse, "
        "immediate risk to the carer" in text
    )
    assert reverse("safeguarding:detail", args=[concern.reference]) in text


@pytest.mark.django_db
def test_a_closed_concern_is_no_alert(worker, sign_in, hub, carer):
    concern = raise_concern(worker, hub, carer, immediate_risk=False)
    type(concern).unscoped.filter(pk=concern.pk).update(status="closed")
    text, _ = banner(sign_in(worker, hub), carer)
    assert CONCERN not in text


@pytest.mark.django_db
def test_an_active_emergency_plan_is_an_alert_and_a_draft_is_not(worker, sign_in, hub, carer):
    plan = active_plan(worker, hub, carer)
    text, _ = banner(sign_in(worker, hub), carer)
    assert PLAN in text
    assert reverse("emergency_plans:detail", kwargs={"reference": plan.reference}) in text
    EmergencyPlan.unscoped.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    text, _ = banner(sign_in(worker, hub), carer)
    assert PLAN not in text


@pytest.mark.django_db
def test_withdrawn_consent_is_an_alert_until_consent_is_given_again(worker, sign_in, hub, carer):
    withdrawn_consent(worker, hub, carer)
    text, _ = banner(sign_in(worker, hub), carer)
    assert WITHDRAWN in text and 'href="#consent"' in text
    school = carer.consents.get().organisation
    give_consent(actor_for(worker, hub.pk), carer, school)
    text, _ = banner(sign_in(worker, hub), carer)
    assert WITHDRAWN not in text


@pytest.mark.django_db
def test_alerts_stand_in_the_record_pages_order(manager, worker, sign_in, hub, carer):
    restrict(manager, hub, carer)
    withdrawn_consent(worker, hub, carer)
    raise_concern(worker, hub, carer, immediate_risk=False)
    active_plan(worker, hub, carer)
    text, _ = banner(sign_in(manager, hub), carer)
    positions = [text.index(words) for words in (RESTRICTED, WITHDRAWN, CONCERN, PLAN)]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_a_partner_sees_none_of_the_alerts(
    manager, worker, make_staff, sign_in, hub, hospital, carer
):
    """A partner with consent sees the record but learns nothing of a restriction, a concern, an
    emergency plan or another organisation's withdrawn consent (ADR 19, ADR 23)."""
    restrict(manager, hub, carer)
    withdrawn_consent(worker, hub, carer)
    raise_concern(worker, hub, carer, immediate_risk=True)
    active_plan(worker, hub, carer)
    give_consent(actor_for(worker, hub.pk), carer, hospital)
    ward = Client()
    ward.force_login(make_staff(Role.PARTNER_REFERRER, hospital))
    text, html = banner(ward, carer)
    assert "Ada Foxglove" in html
    assert text == "" and "data-alerts" not in html
    for words in (RESTRICTED, CONCERN, PLAN, WITHDRAWN):
        assert words not in html


@pytest.mark.django_db
def test_the_contents_list_links_to_every_section_on_the_page(
    worker, sign_in, hub, carer, actor_of
):
    raise_concern(worker, hub, carer, immediate_risk=False)
    _, html = banner(sign_in(worker, hub), carer)
    contents = re.search(r"data-record-contents>(.*?)</ul>", html, re.S).group(1)
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert {"contact", "cares-for", "contacts", "safeguarding", "assessments", "consent"} <= set(
        anchors
    )
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor
