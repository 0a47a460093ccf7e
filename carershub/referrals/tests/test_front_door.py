import re

import pytest
from django.urls import reverse

from carershub.notifications.models import Notification
from carershub.referrals.models import Referral

ASK_FOR_SUPPORT_BUTTON = re.compile(r'class="govuk-button[^"]*"[^>]*>\s*Ask for support')


def answer(client, slug, data, journey="front_door:self_referral"):
    return client.post(reverse(journey, args=[slug]), data)


# Am I a carer? -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "helps, paid, under_18, heading",
    [
        ("yes", "no", "no", "You are a carer"),
        ("yes", "no", "yes", "You are a young carer"),
        ("yes", "yes", "no", "You are a paid care worker, not an unpaid carer"),
        ("no", "no", "no", "You may not be a carer right now"),
    ],
)
def test_am_i_a_carer_gives_a_plain_answer(client, partnership, helps, paid, under_18, heading):
    assert client.get(reverse("front_door:checker_start")).status_code == 200
    answer(client, "helps", {"helps": helps}, "front_door:checker")
    answer(client, "paid", {"paid": paid}, "front_door:checker")
    response = answer(client, "age", {"under_18": under_18}, "front_door:checker")
    assert response.url == reverse("front_door:checker_result")
    html = client.get(response.url).content.decode()
    assert heading in html
    offers_support = heading in ("You are a carer", "You are a young carer")
    # The button, not the public menu's link of the same name.
    assert bool(ASK_FOR_SUPPORT_BUTTON.search(html)) is offers_support


@pytest.mark.django_db
def test_the_checker_explains_an_unanswered_question(client, partnership):
    html = answer(client, "helps", {}, "front_door:checker").content.decode()
    assert "Select yes if you look after someone who could not manage without your help" in html
    assert "Error:" in html


@pytest.mark.django_db
def test_jumping_to_the_result_sends_you_to_the_first_unanswered_question(client, partnership):
    assert client.get(reverse("front_door:checker_result")).url == reverse(
        "front_door:checker", args=["helps"]
    )


# Referring yourself --------------------------------------------------------

SELF = [
    ("name", {"given_name": "Ada", "family_name": "Foxglove"}),
    (
        "date-of-birth",
        {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1961"},
    ),
    ("contact", {"email": "ada@example.com", "phone": ""}),
    (
        "safe-contact",
        {"safe_to_phone": "yes", "safe_to_text": "no", "safe_to_leave_voicemail": "no"},
    ),
    ("language", {"preferred_language": "Polish", "needs_interpreter": "yes"}),
    ("postcode", {"postcode": "zz1 1aa"}),
    (
        "caring",
        {
            "cared_for_name": "Tom Foxglove",
            "cared_for_relationship": "My husband",
            "cares_for": "My husband, who has dementia.",
        },
    ),
    ("urgency", {"urgent": "yes"}),
]


@pytest.mark.django_db
def test_a_carer_refers_themselves_and_lands_in_the_hubs_queue_with_an_email(client, hub):
    for slug, data in SELF:
        response = answer(client, slug, data)
        assert response.status_code == 302
    assert response.url == reverse("front_door:self_referral_check")
    check = client.get(response.url).content.decode()
    assert "Ada Foxglove" in check and "27 March 1961" in check and "ZZ1 1AA" in check
    assert not Referral.unscoped.exists()  # nothing stored before they send it

    done = client.post(reverse("front_door:self_referral_submit"))
    assert done.url == reverse("front_door:self_referral_done")
    referral = Referral.unscoped.get()
    assert (referral.source, referral.holding_organisation, referral.referred_by) == (
        "self",
        hub,
        None,
    )
    assert referral.agreed_to_referral is True
    page = client.get(done.url).content.decode()
    assert referral.reference in page and "We have sent you a confirmation email" in page
    email = Notification.unscoped.get(template="self_referral_received")
    assert email.recipient == "ada@example.com" and referral.reference in email.body
    # The answers are gone from the session: sending twice adds nothing.
    client.post(reverse("front_door:self_referral_submit"))
    assert Referral.unscoped.count() == 1


@pytest.mark.django_db
def test_changing_an_answer_returns_to_check_your_answers(client, hub):
    for slug, data in SELF:
        answer(client, slug, data)
    url = reverse("front_door:self_referral", args=["postcode"]) + "?change=1"
    response = client.post(url, {"postcode": "zz2 2bb"})
    assert response.url == reverse("front_door:self_referral_check")
    assert "ZZ2 2BB" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_each_question_explains_what_is_wrong_and_keeps_what_was_typed(client, hub):
    html = answer(client, "contact", {"email": "", "phone": ""}).content.decode()
    assert "Enter an email address or a phone number so we can contact you" in html
    html = answer(client, "postcode", {"postcode": "nowhere"}).content.decode()
    assert "Enter a real postcode" in html and 'value="nowhere"' in html
    html = answer(
        client,
        "date-of-birth",
        {"date_of_birth-day": "40", "date_of_birth-month": "1", "date_of_birth-year": "1990"},
    ).content.decode()
    assert "must be a real date" in html


@pytest.mark.django_db
def test_the_check_page_needs_every_answer_first(client, hub):
    answer(client, "name", {"given_name": "Ada", "family_name": "Foxglove"})
    assert client.get(reverse("front_door:self_referral_check")).url == reverse(
        "front_door:self_referral", args=["date-of-birth"]
    )
    assert client.post(reverse("front_door:self_referral_submit")).url == reverse(
        "front_door:self_referral_start"
    )
    assert not Referral.unscoped.exists()


@pytest.mark.django_db
def test_someone_with_only_a_phone_gets_no_email_but_a_reference(client, hub):
    for slug, data in SELF:
        answer(client, slug, data if slug != "contact" else {"email": "", "phone": "020 7946 0123"})
    client.post(reverse("front_door:self_referral_submit"))
    assert not Notification.unscoped.exists()
    assert Referral.unscoped.get().phone == "+442079460123"


@pytest.mark.django_db
def test_public_pages_need_no_account(client, partnership):
    for name in ["front_door:checker_start", "front_door:self_referral_start"]:
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
def test_a_phone_number_on_the_self_referral_is_checked_and_read_back_nationally(client, hub):
    refused = answer(client, "contact", {"email": "", "phone": "0770 090"}).content.decode()
    assert "Enter a UK phone number, like 01632 960 001 or 07700 900 982" in refused
    assert 'value="0770 090"' in refused
    for slug, data in SELF:
        answer(
            client, slug, data if slug != "contact" else {"email": "", "phone": "+44 7700 900123"}
        )
    check = client.get(reverse("front_door:self_referral_check")).content.decode()
    assert "07700 900123" in check and "+44" not in check
