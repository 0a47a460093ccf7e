"""The privacy notice: public, complete, and linked from every public form that takes personal
data and from the footer of every page. Walked over every public form the access matrix knows,
so a form added later is checked without a new test."""

import pytest
from django.test import Client
from django.urls import reverse

from carershub.core.tests import test_access_matrix as matrix
from carershub.core.tests.test_public_forms import form_reads, public_forms, public_urls
from carershub.referrals.public_views import SELF_REFERRAL
from carershub.referrals.tests.test_front_door import SELF

world = matrix.world
__all__ = ["form_reads", "world"]

PRIVACY = reverse("core:privacy")
LINK = f'href="{PRIVACY}">privacy notice</a>'

# Public forms that take nothing that says who someone is, and why.
NO_PERSONAL_DATA = {
    "front_door:checker": "asks no name and keeps no answer",
    "carers_allowance:question": "asks no name and keeps no answer",
    "groups:availability": "asks no name or anything that says who the visitor is",
    "directory:find": "a search: the postcode is not kept",
    "accounts:sign_out": "a button that takes nothing",
    "front_door:self_referral_submit": "the check page's button: the check page links to it",
    # Staff forms: the staff member's employer tells them how it uses their details.
    "accounts:sign_in": "a staff form",
    "accounts:sign_in_code": "a staff form",
    "accounts:sign_in_recovery_code": "a staff form",
    "accounts:accept_invitation": "a staff form",
    "accounts:set_up_authenticator": "a staff form",
    "accounts:new_recovery_codes": "a staff form",
}


@pytest.mark.django_db
def test_the_privacy_notice_says_what_why_who_how_long_and_your_rights(client, partnership):
    html = client.get(PRIVACY).content.decode()
    for heading in (
        "What we keep",
        "Why we keep it",
        "Who sees it",
        "How long we keep it",
        "Your rights",
    ):
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in html
    assert "3 years" in html and "6 years" in html
    assert "Information Commissioner" in html


@pytest.mark.django_db
def test_every_page_links_to_the_privacy_notice_and_feedback_in_its_footer(client, partnership):
    footer = client.get(reverse("home:start")).content.decode().split('<footer class="govuk-footer')
    assert f'href="{PRIVACY}">Privacy notice</a>' in footer[1]
    assert ">Feedback</a>" in footer[1]


@pytest.mark.django_db
def test_feedback_goes_by_email_when_the_helpline_has_an_address(client, partnership):
    partnership.helpline_email = "help@carers.example"
    partnership.save()
    html = client.get(reverse("home:start")).content.decode()
    assert 'href="mailto:help@carers.example?subject=Feedback">Feedback</a>' in html


@pytest.mark.django_db
def test_feedback_goes_to_the_helpline_page_without_an_address(client, partnership):
    partnership.helpline_email = ""
    partnership.save()
    html = client.get(reverse("home:start")).content.decode()
    assert f'href="{reverse("helpline:contact")}">Feedback</a>' in html


def test_every_public_form_taking_personal_data_links_to_the_privacy_notice(
    world, form_reads, settings
):
    forms = public_forms(world, form_reads, settings)
    names = {name for name, _ in forms}
    # The walk finds the forms that take personal data from the public.
    assert {"front_door:self_referral", "helpline:contact", "carer_documents:open"} <= names
    assert ("front_door:self_referral_submit", reverse("front_door:self_referral_submit")) in forms
    missing = [
        url
        for name, url in forms
        if name not in NO_PERSONAL_DATA and LINK not in Client().get(url).content.decode()
    ]
    assert not missing, f"Link these forms to the privacy notice: {missing}"


@pytest.mark.django_db
def test_every_self_referral_question_and_the_check_page_link_to_the_privacy_notice(client, hub):
    urls = [reverse("front_door:self_referral_start")]
    urls += [reverse("front_door:self_referral", args=[step.slug]) for step in SELF_REFERRAL.steps]
    for url in urls:
        assert LINK in client.get(url).content.decode(), url
    for slug, data in SELF:
        client.post(reverse("front_door:self_referral", args=[slug]), data)
    check = client.get(reverse("front_door:self_referral_check"))
    assert check.status_code == 200 and LINK in check.content.decode()


def test_the_notice_is_a_public_page(world):
    assert ("core:privacy", PRIVACY) in public_urls(world)
