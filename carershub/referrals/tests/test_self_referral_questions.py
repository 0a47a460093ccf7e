"""Referring yourself asks what a worker needs before the first call, and carries it to them."""

import re

import pytest
from django.urls import reverse

from carershub.referrals.models import Referral, Urgency
from carershub.referrals.tests.test_front_door import SELF, answer

CHECK = reverse("front_door:self_referral_check")


def answer_all(client, **changes):
    for slug, data in SELF:
        assert answer(client, slug, changes.get(slug, data)).status_code == 302


def change_links(html):
    return re.findall(r'href="([^"]*\?change=1)"', html)


@pytest.mark.django_db
def test_urgency_safety_language_and_who_they_care_for_reach_the_referral(client, hub):
    answer_all(client)
    check = client.get(CHECK).content.decode()
    for words in ("Polish", "Tom Foxglove", "My husband", "Safe to leave a voicemail"):
        assert words in check
    client.post(reverse("front_door:self_referral_submit"))
    referral = Referral.unscoped.get()
    assert referral.urgency == Urgency.URGENT
    assert (referral.safe_to_phone, referral.safe_to_text, referral.safe_to_leave_voicemail) == (
        True,
        False,
        False,
    )
    assert (referral.preferred_language, referral.needs_interpreter) == ("Polish", True)
    assert (referral.cared_for_name, referral.cared_for_relationship) == (
        "Tom Foxglove",
        "My husband",
    )


@pytest.mark.django_db
def test_a_routine_request_with_every_way_safe_is_routine_and_safe(client, hub):
    answer_all(
        client,
        urgency={"urgent": "no"},
        **{
            "safe-contact": {
                "safe_to_phone": "yes",
                "safe_to_text": "yes",
                "safe_to_leave_voicemail": "yes",
            }
        },
    )
    client.post(reverse("front_door:self_referral_submit"))
    referral = Referral.unscoped.get()
    assert referral.urgency == Urgency.ROUTINE
    assert referral.safe_to_phone and referral.safe_to_text and referral.safe_to_leave_voicemail


@pytest.mark.django_db
def test_the_hubs_worker_sees_how_not_to_contact_the_carer_before_anything_else(
    client, hub, worker, sign_in
):
    answer_all(client)
    client.post(reverse("front_door:self_referral_submit"))
    referral = Referral.unscoped.get()
    page = sign_in(worker, hub).get(reverse("referrals:detail", args=[referral.reference]))
    html = page.content.decode()
    warning = html[html.index('data-testid="contact-safety"') :]
    warning = warning[: warning.index("</div>")]
    assert "Do not send them text messages." in warning
    assert "Do not leave them a voicemail." in warning
    assert "Do not phone them." not in warning
    assert html.index("contact-safety") < html.index("govuk-summary-list")
    for words in ("Tom Foxglove", "My husband", "Polish", "Needs an interpreter", "Urgent"):
        assert words in html


@pytest.mark.django_db
def test_a_referral_where_every_way_is_safe_shows_no_warning(client, hub, worker, sign_in):
    safe = {"safe_to_phone": "yes", "safe_to_text": "yes", "safe_to_leave_voicemail": "yes"}
    answer_all(client, **{"safe-contact": safe})
    client.post(reverse("front_door:self_referral_submit"))
    referral = Referral.unscoped.get()
    html = sign_in(worker, hub).get(reverse("referrals:detail", args=[referral.reference]))
    assert 'data-testid="contact-safety"' not in html.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug, data, messages",
    [
        (
            "safe-contact",
            {},
            [
                "Select yes if it is safe for us to phone you",
                "Select yes if it is safe for us to send you a text message",
                "Select yes if it is safe for us to leave you a voicemail",
            ],
        ),
        (
            "safe-contact",
            {"safe_to_phone": "maybe", "safe_to_text": "yes", "safe_to_leave_voicemail": "no"},
            ["Select yes if it is safe for us to phone you"],
        ),
        (
            "language",
            {},
            [
                "Enter the language you would like us to use",
                "Select yes if you need an interpreter",
            ],
        ),
        (
            "language",
            {"preferred_language": "x" * 101, "needs_interpreter": "no"},
            ["Language must be 100 characters or fewer"],
        ),
        (
            "caring",
            {},
            [
                "Enter the name of the person you look after",
                "Enter what the person you look after is to you",
                "Tell us what help they need from you",
            ],
        ),
        (
            "caring",
            {"cared_for_name": "x" * 201, "cared_for_relationship": "Mum", "cares_for": "Meals"},
            ["Their name must be 200 characters or fewer"],
        ),
        ("urgency", {}, ["Select yes if you need support urgently"]),
        ("urgency", {"urgent": "tomorrow"}, ["Select yes if you need support urgently"]),
    ],
)
def test_each_new_question_says_what_is_wrong(client, hub, slug, data, messages):
    response = answer(client, slug, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    for message in messages:
        assert message in html


@pytest.mark.django_db
def test_the_danger_warning_is_on_the_start_page_and_the_urgency_question(client, hub):
    for url in (
        reverse("front_door:self_referral_start"),
        reverse("front_door:self_referral", args=["urgency"]),
    ):
        html = client.get(url).content.decode()
        assert "govuk-warning-text" in html
        assert "If you or someone else is in danger, call 999." in html


@pytest.mark.django_db
def test_every_change_link_goes_back_to_check_your_answers(client, hub):
    answer_all(client)
    links = change_links(client.get(CHECK).content.decode())
    slugs = [slug for slug, _ in SELF]
    assert {link.split("/")[-2] for link in links} == set(slugs)
    answers = dict(SELF)
    for link in links:
        page = client.get(link).content.decode()
        # Its back link returns to the check page, not to the question before.
        assert 'class="govuk-back-link">Back</a>' in page
        assert re.search(rf'href="{CHECK}" class="govuk-back-link"', page)
        assert client.post(link, answers[link.split("/")[-2]]).url == CHECK


@pytest.mark.django_db
def test_a_change_refused_stays_in_change_mode(client, hub):
    answer_all(client)
    link = reverse("front_door:self_referral", args=["language"]) + "?change=1"
    html = client.post(link, {}).content.decode()
    assert re.search(rf'href="{CHECK}" class="govuk-back-link"', html)
    fixed = {"preferred_language": "Welsh", "needs_interpreter": "no"}
    assert client.post(link, fixed).url == CHECK
    assert "Welsh" in client.get(CHECK).content.decode()


@pytest.mark.django_db
def test_the_check_page_goes_back_to_the_last_question(client, hub):
    answer_all(client)
    html = client.get(CHECK).content.decode()
    last = reverse("front_door:self_referral", args=[SELF[-1][0]])
    assert re.search(rf'href="{last}" class="govuk-back-link"', html)
