"""Consent to share ends by purpose and by date: withdrawing one purpose, an end date,
the daily job.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import merging, services, tasks
from carershub.carers.models import HUB_RECORD, Carer, ConsentToShare, SharingPurpose
from carershub.carers.tests.factories import CarerFactory
from carershub.notifications.models import Notification
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory

TODAY = dt.date(2027, 3, 1)
NOON = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")


@pytest.fixture
def staff(worker, hub):
    return actor_for(worker, hub.pk)


@pytest.fixture
def ward(make_staff, hospital):
    return actor_for(make_staff(Role.PARTNER_REFERRER, hospital, full_name="Jo Ward"), hospital.pk)


def consent_for(staff, carer, organisation, purposes, **fields):
    return services.record_consent(
        staff,
        carer,
        organisation=organisation,
        purposes=purposes,
        competence="adult",
        given_by="carer",
        given_on=fields.pop("given_on", timezone.localdate()),
        **fields,
    )


def sees(actor, carer, purpose=SharingPurpose.HOSPITAL_DISCHARGE):
    """Whether the actor sees the carer for a purpose: the ward's own, unless another is named."""
    return Carer.objects.visible_to(actor, purpose).filter(pk=carer.pk).exists()


def sees_for_any_purpose(actor, carer):
    return any(sees(actor, carer, purpose) for purpose in [*SharingPurpose.values, HUB_RECORD])


# Withdrawing one purpose -------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdrawing_one_purpose_leaves_the_others_and_keeps_the_history(
    staff, carer, hospital, ward
):
    consent = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])

    successor = services.withdraw_purpose(staff, consent, "emergency")

    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.purposes == [
        "hospital_discharge",
        "emergency",
    ]
    assert successor.replaces == consent
    assert successor.purposes == ["hospital_discharge"]
    assert successor.given_on == consent.given_on and successor.is_active
    assert list(ConsentToShare.objects.active().filter(carer=carer)) == [successor]
    assert sees(ward, carer)
    audit = AuditLog.objects.filter(object_type="carers.consenttoshare")
    assert audit.filter(operation=Operation.UPDATE, object_id=str(consent.pk)).exists()
    assert audit.filter(
        operation=Operation.CREATE,
        object_id=str(successor.pk),
        context__purpose_withdrawn="emergency",
    ).exists()


@pytest.mark.django_db
def test_withdrawing_the_last_purpose_withdraws_the_consent(staff, carer, hospital, ward):
    consent = consent_for(staff, carer, hospital, ["hospital_discharge"])
    assert sees(ward, carer)

    assert services.withdraw_purpose(staff, consent, "hospital_discharge") is None

    assert not ConsentToShare.objects.active().filter(carer=carer).exists()
    assert not sees_for_any_purpose(ward, carer)


@pytest.mark.django_db
def test_a_purpose_not_agreed_or_a_consent_no_longer_in_force_cannot_be_withdrawn(
    staff, carer, hospital
):
    consent = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])
    with pytest.raises(services.PurposeNotInForce):
        services.withdraw_purpose(staff, consent, "school_support")
    services.withdraw_consent(staff, consent)
    with pytest.raises(services.PurposeNotInForce):
        services.withdraw_purpose(staff, consent, "emergency")


@pytest.mark.django_db
def test_staff_withdraw_one_purpose_from_the_record_after_a_confirmation_page(
    worker, sign_in, hub, carer, hospital, staff
):
    consent = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])
    client = sign_in(worker, hub)
    page = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    url = reverse("carers:withdraw_consent", args=[carer.reference, consent.pk])
    assert f"{url}?purpose=emergency" in page

    confirm = client.get(url, {"purpose": "emergency"})
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert (
        "Withdraw consent to share with Testshire Hospital for using their emergency plan" in body
    )
    assert "use your emergency plan if you suddenly cannot care" in body
    assert ConsentToShare.objects.get(pk=consent.pk).withdrawn_at is None  # nothing yet

    response = client.post(url, {"purpose": "emergency"})
    assert response.status_code == 302
    assert ConsentToShare.objects.active().get(carer=carer).purposes == ["hospital_discharge"]
    assert client.get(url, {"purpose": "emergency"}).status_code == 404  # that row is history


@pytest.mark.django_db
def test_a_purpose_the_consent_does_not_cover_has_no_withdrawal_page(
    worker, sign_in, hub, carer, hospital, staff
):
    consent = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])
    client = sign_in(worker, hub)
    url = reverse("carers:withdraw_consent", args=[carer.reference, consent.pk])
    assert client.get(url, {"purpose": "school_support"}).status_code == 404
    assert client.post(url, {"purpose": "school_support"}).status_code == 404
    assert ConsentToShare.objects.get(pk=consent.pk).withdrawn_at is None


# An end date -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_consent_cannot_end_before_it_was_given(staff, carer, hospital, worker, sign_in, hub):
    with pytest.raises(ValidationError) as refused:
        consent_for(
            staff,
            carer,
            hospital,
            ["hospital_discharge"],
            given_on=dt.date(2026, 5, 2),
            ends_on=dt.date(2026, 5, 1),
        )
    assert "ends_on" in refused.value.message_dict

    response = sign_in(worker, hub).post(
        reverse("carers:record_consent", args=[carer.reference]),
        {
            "organisation": hospital.pk,
            "purposes": ["hospital_discharge"],
            "competence": "adult",
            "given_by": "carer",
            "given_on-day": "2",
            "given_on-month": "5",
            "given_on-year": "2026",
            "ends_on-day": "1",
            "ends_on-month": "5",
            "ends_on-year": "2026",
        },
    )
    assert response.status_code == 200
    assert "The end date must be the same as or after the date given" in response.content.decode()
    assert not ConsentToShare.objects.exists()


@pytest.mark.django_db
def test_staff_record_a_consent_with_an_end_date_and_the_record_says_until_when(
    worker, sign_in, hub, carer, hospital
):
    client = sign_in(worker, hub)
    response = client.post(
        reverse("carers:record_consent", args=[carer.reference]),
        {
            "organisation": hospital.pk,
            "purposes": ["hospital_discharge"],
            "competence": "adult",
            "given_by": "carer",
            "given_on-day": "2",
            "given_on-month": "5",
            "given_on-year": "2026",
            "ends_on-day": "1",
            "ends_on-month": "5",
            "ends_on-year": "2030",
        },
    )
    assert response.status_code == 302
    assert ConsentToShare.objects.get(carer=carer).ends_on == dt.date(2030, 5, 1)
    page = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "Until 1 May 2030" in page


@pytest.mark.django_db
def test_a_partner_loses_the_record_on_the_end_date_even_before_the_job_runs(
    staff, carer, hospital, ward
):
    with time_machine.travel(NOON, tick=False):
        consent_for(
            staff, carer, hospital, ["hospital_discharge"], ends_on=TODAY + dt.timedelta(days=3)
        )
    with time_machine.travel(NOON + dt.timedelta(days=2), tick=False):
        assert sees(ward, carer)
    with time_machine.travel(dt.datetime(2027, 3, 4, 0, 1, tzinfo=dt.UTC), tick=False):
        assert not sees_for_any_purpose(ward, carer)
        assert not ConsentToShare.objects.get(carer=carer).is_active
        assert ConsentToShare.objects.get(carer=carer).lapsed_at is None  # no job has run


# The daily job -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_daily_job_warns_the_key_worker_a_week_ahead_once_and_stamps_the_lapse(
    staff, worker, manager, carer, hospital
):
    Carer.unscoped.filter(pk=carer.pk).update(key_worker=worker)
    with time_machine.travel(NOON, tick=False):
        consent = consent_for(
            staff, carer, hospital, ["hospital_discharge"], ends_on=TODAY + dt.timedelta(days=10)
        )
        assert tasks.end_lapsed_consents.call() == {"lapsed": 0, "warned": 0}

    for day in (3, 4, 9):  # a week ahead, the day after, and the day before the end
        with time_machine.travel(NOON + dt.timedelta(days=day), tick=False):
            tasks.end_lapsed_consents.call()
    sent = Notification.unscoped.filter(template="consent_ending_soon")
    assert [(n.recipient, n.subject_id) for n in sent] == [(worker.email, str(consent.pk))]
    assert sent.get().personalisation == {"reference": carer.reference, "ends_on": "11 March 2027"}
    assert carer.given_name not in sent.get().body

    with time_machine.travel(NOON + dt.timedelta(days=10), tick=False):
        assert tasks.end_lapsed_consents.call() == {"lapsed": 1, "warned": 0}
        assert tasks.end_lapsed_consents.call() == {"lapsed": 0, "warned": 0}
    consent.refresh_from_db()
    assert consent.lapsed_at is not None and consent.withdrawn_at is None
    assert AuditLog.objects.filter(
        object_type="carers.consenttoshare",
        object_id=str(consent.pk),
        operation=Operation.UPDATE,
        fields=["lapsed_at"],
    ).exists()


@pytest.mark.django_db
def test_without_a_key_worker_the_hub_managers_are_told(staff, manager, worker, carer, hospital):
    with time_machine.travel(NOON, tick=False):
        consent_for(
            staff, carer, hospital, ["hospital_discharge"], ends_on=TODAY + dt.timedelta(days=7)
        )
        assert tasks.end_lapsed_consents.call() == {"lapsed": 0, "warned": 1}
    recipients = Notification.unscoped.filter(template="consent_ending_soon")
    assert list(recipients.values_list("recipient", flat=True)) == [manager.email]


@pytest.mark.django_db
def test_a_withdrawn_consent_or_one_changed_after_its_warning_is_not_warned_again(
    staff, manager, carer, hospital
):
    with time_machine.travel(NOON, tick=False):
        ends_on = TODAY + dt.timedelta(days=5)
        consent = consent_for(
            staff, carer, hospital, ["hospital_discharge", "emergency"], ends_on=ends_on
        )
        other = consent_for(staff, carer, hospital, ["gp_record"], ends_on=ends_on)
        services.withdraw_consent(staff, other)
        assert tasks.end_lapsed_consents.call() == {"lapsed": 0, "warned": 1}
        services.withdraw_purpose(staff, consent, "emergency")
        assert tasks.end_lapsed_consents.call() == {"lapsed": 0, "warned": 0}
    assert Notification.unscoped.filter(template="consent_ending_soon").count() == 1


@pytest.mark.django_db
def test_merging_records_does_not_take_a_changed_consent_for_a_withdrawn_one(
    staff, manager, hub, carer, hospital, ward
):
    duplicate = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    consent = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])
    successor = services.withdraw_purpose(staff, consent, "emergency")

    merging.merge(actor_for(manager, hub.pk), carer, duplicate)

    successor.refresh_from_db()
    assert successor.is_active
    assert sees(ward, carer)


@pytest.mark.django_db
def test_the_consents_table_and_timeline_tell_a_change_from_a_withdrawal_and_an_end(
    worker, sign_in, hub, staff, carer, hospital, partnership
):
    with time_machine.travel(NOON, tick=False):
        changed = consent_for(staff, carer, hospital, ["hospital_discharge", "emergency"])
        services.withdraw_purpose(staff, changed, "emergency")
        surgery = OrganisationFactory(
            partnership=partnership, name="Testshire Surgery", type=OrganisationType.GP_PRACTICE
        )
        consent_for(staff, carer, surgery, ["gp_record"], ends_on=TODAY + dt.timedelta(days=1))
    with time_machine.travel(NOON + dt.timedelta(days=2), tick=False):
        tasks.end_lapsed_consents.call()
        client = sign_in(worker, hub)
        page = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
        timeline = client.get(reverse("carers:timeline", args=[carer.reference])).content.decode()
    table = page[page.index('id="consent"') :]
    assert "Changed" in table and "Ended" in table and "Active" in table
    assert "Withdrawn" not in table  # the change withdrew a row, not the consent
    assert "2 March 2027" in table  # the day the surgery's consent ended
    assert "Consent to share with Testshire Surgery ended on its end date" in timeline
