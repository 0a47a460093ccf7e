"""The public helpline page and its contact form, which lands in the hub's triage queue."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.audit.models import AuditLog
from carershub.helpline import selectors
from carershub.partnerships.tests.factories import HelplineHoursFactory
from carershub.referrals.models import Referral, Source, Status

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
MESSAGE = {
    "name": "Ada Mary Foxglove",
    "contact_by": "phone",
    "phone": "07700 900982",
    "email": "",
    "caring": "yes",
    "message": "My husband has dementia and I need a break.",
}


def freeze(monkeypatch, moment):
    monkeypatch.setattr(selectors, "current_moment", lambda: moment)


def test_the_page_shows_the_helplines_phone_email_and_hours_from_data(client, partnership):
    html = client.get(reverse("helpline:contact")).content.decode()

    assert "0808 157 0000" in html
    assert "helpline@testshire.example" in html
    assert "Monday" in html and "9am to 5pm" in html


@pytest.mark.parametrize(
    "moment, text",
    [
        (dt.datetime(2025, 5, 12, 10, tzinfo=LONDON), "Open now - closes at 5pm"),
        (dt.datetime(2025, 5, 12, 17, tzinfo=LONDON), "Closed - opens Monday at 9am"),
        # 8:30 in London in British Summer Time is 7:30 UTC: the hours are London's.
        (dt.datetime(2025, 5, 12, 7, 30, tzinfo=dt.UTC), "Closed - opens today at 9am"),
        (dt.datetime(2025, 5, 12, 8, 30, tzinfo=dt.UTC), "Open now - closes at 5pm"),
        (
            dt.datetime(2025, 5, 5, 10, tzinfo=LONDON),
            "Closed today for a bank holiday - opens Monday at 9am",
        ),
    ],
)
def test_the_page_says_whether_the_helpline_is_open_now_in_london(
    client, partnership, monkeypatch, moment, text
):
    freeze(monkeypatch, moment)

    assert text in client.get(reverse("helpline:contact")).content.decode()


def test_the_start_page_says_whether_the_helpline_is_open_now(client, partnership, monkeypatch):
    HelplineHoursFactory(partnership=partnership, day=1, opens=dt.time(9), closes=dt.time(19))
    freeze(monkeypatch, dt.datetime(2025, 5, 13, 12, tzinfo=LONDON))  # a Tuesday

    html = client.get(reverse("home:start")).content.decode()

    assert "Open now - closes at 7pm" in html
    assert reverse("helpline:contact") in html


def test_without_hours_the_page_shows_no_status(client, partnership):
    partnership.helpline_hours.all().delete()

    html = client.get(reverse("helpline:contact")).content.decode()

    assert 'data-testid="helpline-status"' not in html
    assert "0808 157 0000" in html


def test_a_message_lands_in_the_triage_queue_as_a_referral(client, hub):
    response = client.post(reverse("helpline:contact"), MESSAGE)

    referral = Referral.unscoped.get()
    assert response.url == reverse("helpline:sent")
    assert referral.source == Source.HELPLINE_FORM
    assert referral.holding_organisation == hub
    assert referral.status == Status.NEW
    assert (referral.given_name, referral.family_name) == ("Ada Mary", "Foxglove")
    assert (referral.phone, referral.email) == ("+447700900982", "")
    assert (
        referral.cares_for
        == "My husband has dementia and I need a break.\n\nCaring for someone: Yes"
    )
    assert referral.agreed_to_referral
    assert referral.first_contact_due > timezone.localdate()
    assert AuditLog.objects.filter(
        object_type="referrals.referral", object_id=str(referral.pk)
    ).exists()


def test_the_confirmation_shows_the_reference_once_sent(client, hub):
    client.post(
        reverse("helpline:contact"),
        {**MESSAGE, "contact_by": "email", "email": "ada@example.com", "caring": ""},
    )
    referral = Referral.unscoped.get()

    html = client.get(reverse("helpline:sent")).content.decode()

    assert referral.reference in html
    assert "email you" in html
    assert (referral.phone, referral.email) == ("", "ada@example.com")  # only the way they chose
    assert "Caring for someone" not in referral.cares_for


def test_the_confirmation_page_without_a_message_sends_you_to_the_form(client, partnership):
    assert client.get(reverse("helpline:sent")).url == reverse("helpline:contact")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": ""}, "Enter your name"),
        ({"contact_by": ""}, "Select how we should contact you"),
        ({"phone": ""}, "Enter a phone number so we can call you back"),
        ({"phone": "call me"}, "Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
        ({"phone": "0770 090"}, "Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
        ({"contact_by": "email"}, "Enter an email address so we can reply"),
        (
            {"contact_by": "email", "email": "ada at home"},
            "Enter an email address in the correct format",
        ),
        ({"message": ""}, "Enter your message"),
        ({"message": "x" * 2001}, "Message must be 2000 characters or fewer"),
        # One 150-letter word is kept as a first name (100 characters at most): refused,
        # not a failed insert.
        (
            {"name": "Ada" + "a" * 147},
            "Your first names and your last name must each be 100 characters or fewer",
        ),
        (
            {"name": "Ada " + "F" * 101},
            "Your first names and your last name must each be 100 characters or fewer",
        ),
        (
            {"contact_by": "email", "email": "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "bbbb.uk"},
            "Email address must be 254 characters or fewer",
        ),
    ],
)
def test_mistakes_are_explained_and_what_was_typed_is_kept(client, hub, changes, message):
    data = {**MESSAGE, **changes}

    response = client.post(reverse("helpline:contact"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "There is a problem" in html
    if data["name"]:
        assert f'value="{data["name"]}"' in html
    if data["message"] and len(data["message"]) < 100:
        assert data["message"] in html
    assert not Referral.unscoped.exists()


def test_a_partnership_without_a_hub_cannot_take_messages(client, partnership):
    response = client.post(reverse("helpline:contact"), MESSAGE)

    assert response.status_code == 503
    assert not Referral.unscoped.exists()


def test_the_page_reads_a_fixed_number_of_queries(
    client, partnership, django_assert_max_num_queries
):
    for day in range(1, 5):
        HelplineHoursFactory(partnership=partnership, day=day)
    client.get(reverse("helpline:contact"))

    with django_assert_max_num_queries(6):
        client.get(reverse("helpline:contact"))
