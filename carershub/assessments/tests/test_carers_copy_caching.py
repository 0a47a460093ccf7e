"""The page that opens a carer's copy shows back the date of birth typed; neither it nor the copy
is kept in a cache, and guessing at one link is limited."""

import pytest
from django.test import Client
from django.urls import reverse

from carershub.assessments import services


@pytest.fixture
def copy_url(completed, hub_actor):
    carer = completed.carer
    type(carer).unscoped.filter(pk=carer.pk).update(email="ada@example.com")
    carer.refresh_from_db()
    sent = {}
    services.send_copy(
        hub_actor,
        completed,
        channel="email",
        link_for=lambda token: sent.setdefault("token", token),
    )
    return reverse("carer_documents:open", args=[sent["token"]])


@pytest.mark.django_db
def test_the_copy_page_after_a_wrong_date_of_birth_is_not_kept(copy_url, completed):
    born = completed.carer.date_of_birth
    # A real date four years out (so 29 February stays real): a year before 1900 is refused as a
    # date before it is compared with the record.
    year = born.year - 4
    wrong = {
        "date_of_birth-day": born.day,
        "date_of_birth-month": born.month,
        "date_of_birth-year": year,
    }
    response = Client().post(copy_url, wrong)
    html = response.content.decode()
    assert "does not match our records" in html and f'value="{year}"' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_guesses_at_one_link_from_many_addresses_are_limited(copy_url, completed, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "carers_copy": {"address": "20/h", "recipient": "2/h"},
    }
    wrong = {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1900"}
    for n in range(2):
        assert Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(copy_url, wrong).status_code == 200
    assert Client(REMOTE_ADDR="198.51.100.99").post(copy_url, wrong).status_code == 429
