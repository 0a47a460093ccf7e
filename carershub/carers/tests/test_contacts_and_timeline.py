import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services
from carershub.carers.models import Contact
from carershub.carers.tests.factories import CarerFactory
from carershub.referrals.tests.factories import ReferralFactory


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")


def today_fields(prefix):
    today = timezone.localdate()
    return {
        f"{prefix}-day": today.day,
        f"{prefix}-month": today.month,
        f"{prefix}-year": today.year,
    }


@pytest.mark.django_db
def test_a_worker_logs_a_call_with_what_was_given_and_a_follow_up(worker, sign_in, hub, carer):
    client = sign_in(worker, hub)
    response = client.post(
        reverse("carers:log_contact", args=[carer.reference]),
        {
            "kind": "phone",
            "direction": "in",
            **today_fields("happened_on"),
            "duration_minutes": "25",
            "purpose": "Worried about respite",
            "given": ["information_and_advice", "signposting"],
            "signposted_to": "Ashvale Sitting Service",
            **{
                k.replace("happened_on", "follow_up_due"): v
                for k, v in today_fields("happened_on").items()
            },
        },
    )
    assert response.status_code == 302
    contact = Contact.unscoped.get()
    assert (contact.carer, contact.duration_minutes, contact.recorded_by) == (carer, 25, worker)
    assert contact.given == ["information_and_advice", "signposting"]
    html = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "Worried about respite" in html and "Ashvale Sitting Service" in html
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="carers.contact"
    ).exists()


@pytest.mark.django_db
def test_signposting_must_name_the_service(worker, sign_in, hub, carer):
    html = (
        sign_in(worker, hub)
        .post(
            reverse("carers:log_contact", args=[carer.reference]),
            {
                "kind": "phone",
                "direction": "in",
                **today_fields("happened_on"),
                "purpose": "Advice",
                "given": ["signposting"],
            },
        )
        .content.decode()
    )
    assert "Enter the service you signposted or referred them to" in html
    assert not Contact.unscoped.exists()


@pytest.mark.django_db
def test_an_anonymous_helpline_call_is_logged_without_a_carer(worker, sign_in, hub):
    client = sign_in(worker, hub)
    assert client.get(reverse("carers:helpline_call")).status_code == 200
    client.post(
        reverse("carers:helpline_call"),
        {
            "kind": "phone",
            "direction": "in",
            **today_fields("happened_on"),
            "purpose": "Asked about Carer's Allowance",
            "given": ["information_and_advice"],
        },
    )
    contact = Contact.unscoped.get()
    assert contact.carer is None and contact.holding_organisation == hub and contact.is_anonymous


@pytest.mark.django_db
def test_follow_ups_due_this_week_can_be_marked_done(worker, manager, sign_in, hub, carer):
    actor = actor_for(worker, hub.pk)
    due = services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="out",
        happened_on=timezone.localdate(),
        purpose="Check on respite",
        follow_up_due=timezone.localdate() + dt.timedelta(days=2),
    )
    services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="out",
        happened_on=timezone.localdate(),
        purpose="Far off",
        follow_up_due=timezone.localdate() + dt.timedelta(days=30),
    )
    client = sign_in(worker, hub)
    html = client.get(reverse("carers:follow_ups")).content.decode()
    assert "Check on respite" in html and "Far off" not in html
    # Someone else's follow-ups show only when asked for.
    manager_client = Client()
    manager_client.force_login(manager)
    assert (
        "Check on respite" not in manager_client.get(reverse("carers:follow_ups")).content.decode()
    )
    assert (
        "Check on respite"
        in manager_client.get(reverse("carers:follow_ups"), {"who": "everyone"}).content.decode()
    )
    client.post(reverse("carers:complete_follow_up", args=[due.pk]))
    due.refresh_from_db()
    assert due.follow_up_done_at is not None
    assert "Check on respite" not in client.get(reverse("carers:follow_ups")).content.decode()


@pytest.mark.django_db
def test_partners_never_see_the_hubs_contact_notes(worker, make_staff, hub, hospital, carer):
    actor = actor_for(worker, hub.pk)
    services.log_contact(
        actor,
        carer,
        kind="visit",
        direction="out",
        happened_on=timezone.localdate(),
        purpose="Home visit",
        notes="Private casework note",
    )
    services.record_consent(
        actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    ward = make_staff(Role.PARTNER_REFERRER, hospital)
    assert not Contact.objects.visible_to(actor_for(ward, hospital.pk)).exists()
    client = Client()
    client.force_login(ward)
    html = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "Home visit" not in html
    assert client.get(reverse("carers:timeline", args=[carer.reference])).status_code == 403


@pytest.mark.django_db
def test_the_timeline_shows_every_event_in_date_order(worker, sign_in, hub, hospital, carer):
    actor = actor_for(worker, hub.pk)
    ReferralFactory(
        holding_organisation=hub,
        referring_organisation=hospital,
        carer=carer,
        received_at=timezone.now() - dt.timedelta(days=10),
    )
    services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="out",
        happened_on=timezone.localdate() - dt.timedelta(days=3),
        purpose="First call",
    )
    consent = services.record_consent(
        actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    services.withdraw_consent(actor, consent)
    services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
    )
    html = (
        sign_in(worker, hub)
        .get(reverse("carers:timeline", args=[carer.reference]))
        .content.decode()
    )
    order = [
        "Started recording care for Una Foxglove",
        "Testshire Hospital withdrawn</h2>",
        "Consent to share with Testshire Hospital</h2>",
        "Phone call: First call",
        "Referred: Hospital ward (Testshire Hospital)",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert AuditLog.objects.filter(
        operation=Operation.READ, context__view="carers:timeline"
    ).exists()


@pytest.mark.django_db
def test_timeline_query_count_does_not_grow_with_events(
    worker, sign_in, hub, carer, django_assert_max_num_queries
):
    actor = actor_for(worker, hub.pk)
    client = sign_in(worker, hub)
    url = reverse("carers:timeline", args=[carer.reference])
    services.log_contact(
        actor, carer, kind="phone", direction="out", happened_on=timezone.localdate(), purpose="x"
    )
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for n in range(10):
        services.log_contact(
            actor,
            carer,
            kind="email",
            direction="in",
            happened_on=timezone.localdate(),
            purpose=f"y{n}",
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_the_timeline_shows_others_caring_for_the_same_person_when_visible(
    worker, sign_in, hub, carer
):
    from carershub.carers.models import CaringRelationship

    actor = actor_for(worker, hub.pk)
    una = services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
    )
    sibling = CarerFactory(holding_organisation=hub, given_name="Cai", family_name="Foxglove")
    CaringRelationship.objects.create(carer=sibling, cared_for=una, relationship="parent")
    html = (
        sign_in(worker, hub)
        .get(reverse("carers:timeline", args=[carer.reference]))
        .content.decode()
    )
    assert "Cai Foxglove also cares for Una Foxglove" in html
