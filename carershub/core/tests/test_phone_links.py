"""Every phone number printed on a public page is a link a phone can call."""

import pytest
from django.urls import reverse

from carershub.core.phone_numbers import phone_link


def test_a_number_becomes_a_tel_link_in_e164_shown_as_people_read_it():
    assert phone_link("0300 123 1053") == (
        '<a class="govuk-link" href="tel:+443001231053">0300 123 1053</a>'
    )
    assert phone_link("+447700900123") == (
        '<a class="govuk-link" href="tel:+447700900123">07700 900123</a>'
    )


def test_text_that_is_not_a_number_is_shown_unlinked_and_escaped():
    assert phone_link("Ask at <reception>") == "Ask at &lt;reception&gt;"
    assert phone_link("") == ""
    assert phone_link(None) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home:start", "helpline:contact", "core:accessibility"])
def test_the_helpline_number_is_a_tel_link_on_public_pages(client, partnership, page):
    partnership.helpline_phone = "0300 123 1053"
    partnership.save()
    html = client.get(reverse(page)).content.decode()
    assert 'href="tel:+443001231053">0300 123 1053</a>' in html
