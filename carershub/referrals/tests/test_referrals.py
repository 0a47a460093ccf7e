import datetime as dt
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.referrals import services
from carershub.referrals.models import Referral
from carershub.referrals.presenters import ReferralPresenter
from carershub.referrals.tests.factories import ReferralFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
REFERRAL = {
    "given_name": "Ada",
    "family_name": "Foxglove",
    "phone": "020 7946 0555",
    "postcode": "zz1 1aa",
    "cares_for": "Her husband, who has dementia.",
    "urgency": "routine",
    "agreed_to_referral": "on",
}


@pytest.fixture
def ward(make_staff, hospital):
    return make_staff(Role.PARTNER_REFERRER, hospital, full_name="Jo Ward")


# Clocks ------------------------------------------------------------------


@pytest.mark.django_db
def test_first_contact_is_due_within_five_working_days_and_assessment_within_fourteen_days(
    partnership,
):
    received = dt.datetime(2026, 12, 23, 16, 0, tzinfo=LONDON)  # Wednesday before Christmas
    first_contact, assessment = services.clocks_for(partnership, received)
    # 24, 29, 30, 31 December and 4 January: Christmas, Boxing Day
    # (observed 28th) and New Year are skipped.
    assert first_contact == dt.date(2027, 1, 4)
    assert assessment == dt.date(2027, 1, 6)


@pytest.mark.django_db
def test_clocks_follow_the_partnership_targets(partnership):
    partnership.first_contact_working_days = 2
    partnership.assessment_start_days = 28
    received = dt.datetime(2026, 11, 20, 9, 0, tzinfo=LONDON)  # Friday
    assert services.clocks_for(partnership, received) == (
        dt.date(2026, 11, 24),
        dt.date(2026, 12, 18),
    )


@pytest.mark.django_db
def test_overdue_referrals_stand_out(hub):
    today = dt.date(2026, 11, 23)
    late = ReferralFactory(holding_organisation=hub, first_contact_due=dt.date(2026, 11, 20))
    due = ReferralFactory(holding_organisation=hub, first_contact_due=today)
    later = ReferralFactory(holding_organisation=hub, first_contact_due=dt.date(2026, 11, 27))
    assert ReferralPresenter(late, today).contact_clock == {
        "text": "Contact overdue by 3 days",
        "classes": "govuk-tag--red",
    }
    assert ReferralPresenter(due, today).contact_clock["text"] == "Contact due today"
    assert (
        ReferralPresenter(later, today).contact_clock["text"] == "Contact due by 27 November 2026"
    )


# Partner referral ----------------------------------------------------------


@pytest.mark.django_db
def test_a_ward_refers_a_carer_into_the_hubs_queue(ward, hospital, hub, sign_in):
    client = sign_in(ward, hospital)
    response = client.post(reverse("referrals:new"), REFERRAL)
    assert response.url == reverse("referrals:sent")
    referral = Referral.unscoped.get()
    assert (referral.source, referral.referring_organisation, referral.holding_organisation) == (
        "hospital",
        hospital,
        hub,
    )
    assert referral.referred_by == ward and referral.postcode == "ZZ1 1AA"
    assert referral.reference in client.get(response.url).content.decode()
    # The ward can follow it, but cannot triage it.
    assert "Ada Foxglove" in client.get(reverse("referrals:queue")).content.decode()
    assert client.get(reverse("referrals:detail", args=[referral.reference])).status_code == 200
    assert (
        client.post(
            reverse("referrals:triage", args=[referral.reference]), {"outcome": "declined"}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_referral_needs_a_way_to_contact_the_carer_and_their_agreement(
    ward, hospital, hub, sign_in
):
    html = (
        sign_in(ward, hospital)
        .post(
            reverse("referrals:new"),
            {"given_name": "Ada", "family_name": "Foxglove", "urgency": "routine"},
        )
        .content.decode()
    )
    assert "Enter a phone number or email address so the hub can contact the carer" in html
    assert "Confirm the carer agreed to be referred" in html
    assert "Enter who they care for and why" in html
    assert not Referral.unscoped.exists()


@pytest.mark.django_db
def test_partners_see_only_their_own_organisations_referrals(
    ward, hospital, hub, make_staff, partnership
):
    from carershub.partnerships.tests.factories import OrganisationFactory

    ours = ReferralFactory(holding_organisation=hub, referring_organisation=hospital)
    gp = OrganisationFactory(partnership=partnership, type="gp_practice")
    theirs = ReferralFactory(holding_organisation=hub, referring_organisation=gp)
    client = Client()
    client.force_login(ward)
    assert client.get(reverse("referrals:detail", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("referrals:detail", args=[ours.reference])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.SYSTEM_ADMIN])
def test_roles_without_casework_cannot_see_or_make_referrals(make_staff, sign_in, hub, role):
    client = sign_in(make_staff(role, hub), hub)
    assert client.get(reverse("referrals:queue")).status_code == 403
    assert client.get(reverse("referrals:new")).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, partnership):
    assert client.get(reverse("referrals:queue")).url.startswith(reverse("accounts:sign_in"))


# Triage --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_queue_puts_urgent_referrals_first_then_by_due_date_and_audits_what_it_shows(
    worker, sign_in, hub
):
    soon = ReferralFactory(
        holding_organisation=hub, given_name="Soon", first_contact_due=timezone.localdate()
    )
    urgent = ReferralFactory(
        holding_organisation=hub,
        given_name="Urgent",
        urgency="urgent",
        first_contact_due=timezone.localdate() + dt.timedelta(days=4),
    )
    later = ReferralFactory(
        holding_organisation=hub,
        given_name="Later",
        first_contact_due=timezone.localdate() + dt.timedelta(days=3),
    )
    html = sign_in(worker, hub).get(reverse("referrals:queue")).content.decode()
    assert (
        html.index("Urgent Larkspur") < html.index("Soon Larkspur") < html.index("Later Larkspur")
    )
    listed = set(
        AuditLog.objects.filter(
            operation=Operation.SEARCH, object_type="referrals.referral"
        ).values_list("object_id", flat=True)
    )
    assert listed == {str(r.pk) for r in (soon, urgent, later)}


@pytest.mark.django_db
def test_queue_filters(worker, sign_in, hub):
    mine = ReferralFactory(
        holding_organisation=hub, given_name="Mine", allocated_to=worker, status="allocated"
    )
    ReferralFactory(holding_organisation=hub, given_name="Nobody")
    ReferralFactory(
        holding_organisation=hub,
        given_name="Late",
        first_contact_due=timezone.localdate() - dt.timedelta(days=1),
    )
    client = sign_in(worker, hub)
    assert (
        "Mine Larkspur" in client.get(reverse("referrals:queue"), {"view": "mine"}).content.decode()
    )
    unallocated = client.get(reverse("referrals:queue"), {"view": "unallocated"}).content.decode()
    assert "Nobody Larkspur" in unallocated and "Mine Larkspur" not in unallocated
    overdue = client.get(reverse("referrals:queue"), {"view": "overdue"}).content.decode()
    assert "Late Larkspur" in overdue and "Nobody Larkspur" not in overdue
    assert mine.pk


@pytest.mark.django_db
def test_queue_query_count_does_not_grow_with_the_queue(
    worker, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    ReferralFactory.create_batch(2, holding_organisation=hub, allocated_to=worker)
    with django_assert_max_num_queries(25) as small:
        client.get(reverse("referrals:queue"))
    ReferralFactory.create_batch(20, holding_organisation=hub, allocated_to=worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("referrals:queue"))


@pytest.mark.django_db
def test_a_worker_allocates_contacts_and_registers_the_carer(worker, manager, sign_in, hub):
    referral = ReferralFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", email="ada@example.com"
    )
    client = sign_in(manager, hub)
    detail = reverse("referrals:detail", args=[referral.reference])
    assert client.get(detail).status_code == 200
    client.post(
        reverse("referrals:allocate", args=[referral.reference]),
        {"worker": worker.pk, "version": 1},
    )
    referral.refresh_from_db()
    assert (referral.allocated_to, referral.status) == (worker, "allocated")
    today = timezone.localdate()
    client.post(
        reverse("referrals:first_contact", args=[referral.reference]),
        {
            "contacted_on-day": today.day,
            "contacted_on-month": today.month,
            "contacted_on-year": today.year,
            "version": 2,
        },
    )
    referral.refresh_from_db()
    assert referral.status == "in_contact" and referral.first_contact_at is not None
    response = client.post(
        reverse("referrals:triage", args=[referral.reference]),
        {"outcome": "registered", "version": 3},
    )
    referral.refresh_from_db()
    carer = Carer.unscoped.get()
    assert referral.status == "triaged" and referral.carer == carer
    assert (carer.full_name, carer.email, carer.holding_organisation) == (
        "Ada Foxglove",
        "ada@example.com",
        hub,
    )
    assert response.url == reverse("carers:detail", args=[carer.reference])
    assert (
        AuditLog.objects.filter(
            object_type="referrals.referral", operation=Operation.UPDATE
        ).count()
        == 3
    )


@pytest.mark.django_db
def test_triage_as_a_duplicate_links_the_existing_carer(worker, sign_in, hub):
    existing = CarerFactory(holding_organisation=hub)
    referral = ReferralFactory(holding_organisation=hub)
    client = sign_in(worker, hub)
    missing = client.post(
        reverse("referrals:triage", args=[referral.reference]),
        {"outcome": "duplicate", "version": 1},
    )
    assert "Enter the reference of a carer on your register" in missing.content.decode()
    client.post(
        reverse("referrals:triage", args=[referral.reference]),
        {"outcome": "duplicate", "duplicate_of": existing.reference.lower(), "version": 1},
    )
    referral.refresh_from_db()
    assert referral.carer == existing and Carer.unscoped.count() == 1


@pytest.mark.django_db
def test_a_stale_triage_is_refused_and_nothing_is_overwritten(worker, manager, hub):
    referral = ReferralFactory(holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    services.allocate(actor, referral, worker, expected_version=1)
    with pytest.raises(services.StaleReferral):
        services.triage(
            actor_for(manager, hub.pk),
            referral,
            outcome="declined",
            expected_version=1,
            offer={
                "response": "refused",
                "offered_on": timezone.localdate(),
                "refused_by": "carer",
            },
        )
    referral.refresh_from_db()
    assert referral.status == "allocated"


@pytest.mark.django_db
def test_opening_a_referral_is_audited(worker, sign_in, hub):
    referral = ReferralFactory(holding_organisation=hub)
    sign_in(worker, hub).get(reverse("referrals:detail", args=[referral.reference]))
    assert AuditLog.objects.filter(
        operation=Operation.READ, object_type="referrals.referral", object_id=str(referral.pk)
    ).exists()


@pytest.mark.django_db
def test_another_hubs_referrals_are_not_found(make_staff, sign_in, other_hub, hub):
    referral = ReferralFactory(holding_organisation=hub)
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert client.get(reverse("referrals:detail", args=[referral.reference])).status_code == 404


@pytest.mark.django_db
def test_a_partnership_without_a_hub_says_so_instead_of_losing_the_referral(
    ward, hospital, sign_in
):
    response = sign_in(ward, hospital).get(reverse("referrals:new"))
    assert response.status_code == 503
    assert "There is no hub to refer to yet" in response.content.decode()


@pytest.mark.django_db
def test_a_triage_corrected_after_a_mistake_is_still_refused_over_a_colleagues_change(
    worker, manager, sign_in, hub
):
    from carershub.core.tests.refused_saves import form_data, save_after_a_colleague_and_a_mistake

    referral = ReferralFactory(holding_organisation=hub)
    client = sign_in(worker, hub)
    response = save_after_a_colleague_and_a_mistake(
        client,
        reverse("referrals:detail", args=[referral.reference]),
        send_to=reverse("referrals:triage", args=[referral.reference]),
        holding="duplicate_of",
        colleague_saves=lambda: services.allocate(
            actor_for(manager, hub.pk), referral, manager, expected_version=referral.version
        ),
        # Declining needs the offer of an assessment recorded (Care Act 2014 s10):
        # refused by the carer.
        typed={
            "assessment_offer": "refused",
            "refused_by": "carer",
            "offered_on-day": "1",
            "offered_on-month": "12",
            "offered_on-year": "2026",
        },
        mistake={"outcome": "duplicate"},
        fix={"outcome": "declined"},
        error="Enter the reference of a carer on your register",
    )
    # The referral is shown again as it now is, saying why nothing was saved, with the choice kept.
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this referral while you had it open" in page
    assert form_data(response, "worker")["worker"] == str(
        manager.pk
    )  # the colleague's allocation, shown
    assert form_data(response, "duplicate_of")["outcome"] == "declined"
    referral.refresh_from_db()
    assert (referral.status, referral.allocated_to) == ("allocated", manager)
    # Sent again from there, having seen the change, it is saved.
    again = client.post(
        reverse("referrals:triage", args=[referral.reference]), form_data(response, "duplicate_of")
    )
    assert again.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "triaged"


@pytest.mark.django_db
def test_a_referrals_phone_number_is_checked_kept_in_e164_and_shown_nationally(
    ward, hospital, hub, sign_in
):
    client = sign_in(ward, hospital)
    refused = client.post(
        reverse("referrals:new"), {**REFERRAL, "phone": "020 7946"}
    ).content.decode()
    assert "Enter a UK phone number, like 01632 960 001 or 07700 900 982" in refused
    assert 'value="020 7946"' in refused and not Referral.unscoped.exists()
    client.post(reverse("referrals:new"), REFERRAL)
    referral = Referral.unscoped.get()
    assert referral.phone == "+442079460555"
    assert (
        "020 7946 0555"
        in client.get(reverse("referrals:detail", args=[referral.reference])).content.decode()
    )
