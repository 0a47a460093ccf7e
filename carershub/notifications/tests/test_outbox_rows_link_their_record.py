"""Each outbox row says what the message is about and links to that record for a reader who may
open it: by its reference, never by a name."""

import pytest
from django.urls import reverse

from carershub.carers.tests.factories import CarerFactory
from carershub.notifications import services
from carershub.notifications.tests.factories import REGISTERED
from carershub.notifications.tests.test_outbox_readers import MOBILE, page
from carershub.referrals.tests.factories import ReferralFactory


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Rae", family_name="Hollow")


def registered_sms(carer, actor):
    message = services.send_sms(
        to=MOBILE,
        template="carer_registered_sms",
        personalisation=REGISTERED,
        actor=actor,
        subject_type="carers.carer",
        subject_id=carer.pk,
    )
    services.deliver(message.pk)
    return message


@pytest.mark.django_db
def test_a_hub_manager_sees_which_carer_a_message_is_about_and_opens_their_record(
    carer, manager, hub, sign_in, manager_actor
):
    registered_sms(carer, manager_actor)
    listed = page(sign_in(manager, hub), "notifications:outbox")
    record = reverse("carers:detail", kwargs={"reference": carer.reference})
    assert ">About<" in listed
    assert f'A carer <a class="govuk-link" href="{record}">{carer.reference}</a>' in listed
    assert "Rae Hollow" not in listed


@pytest.mark.django_db
def test_a_system_administrator_sees_what_a_message_is_about_but_no_link_to_the_record(
    carer, admin, hub, sign_in, manager_actor
):
    registered_sms(carer, manager_actor)
    listed = page(sign_in(admin, hub), "notifications:outbox")
    assert "A carer" in listed
    assert reverse("carers:detail", kwargs={"reference": carer.reference}) not in listed
    assert carer.reference not in listed


@pytest.mark.django_db
def test_a_message_about_a_referral_links_to_the_referral(hub, manager, sign_in, manager_actor):
    referral = ReferralFactory(holding_organisation=hub)
    message = services.send_sms(
        to=MOBILE,
        template="carer_registered_sms",
        personalisation=REGISTERED,
        actor=manager_actor,
        subject_type="referrals.referral",
        subject_id=referral.pk,
    )
    services.deliver(message.pk)
    listed = page(sign_in(manager, hub), "notifications:outbox")
    href = reverse("referrals:detail", kwargs={"reference": referral.reference})
    assert f'A referral <a class="govuk-link" href="{href}">{referral.reference}</a>' in listed
