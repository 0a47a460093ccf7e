"""The public start page and the staff home page."""

import datetime as dt

import pytest
from django.urls import reverse

from carershub.accounts.models import Role


@pytest.mark.django_db
def test_start_page_shows_the_helpline_number_and_opening_hours_from_data(client, partnership):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Testshire Carers Partnership" in html
    assert "0808 157 0000" in html
    assert "Monday" in html and "9am to 5pm" in html


@pytest.mark.django_db
def test_start_page_works_before_any_partnership_is_configured(client):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert "Carers Hub" in response.content.decode()


@pytest.mark.django_db
def test_staff_home_sends_anonymous_visitors_to_sign_in(client, partnership):
    response = client.get(reverse("home:staff_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_staff_home_welcomes_every_role_and_names_the_acting_organisation(
    make_staff, sign_in, hub, role
):
    user = make_staff(role, hub)
    response = sign_in(user, hub).get(reverse("home:staff_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Welcome, {user.full_name}" in html
    assert "Testshire Carers Centre" in html
    assert Role(role).label in html
    assert reverse("accounts:recovery_codes") in html  # everyone signs in with a second factor


@pytest.mark.django_db
def test_staff_home_offers_only_what_the_role_may_do(make_staff, sign_in, hub, hospital):
    referrer = make_staff(Role.PARTNER_REFERRER, hospital)
    html = sign_in(referrer, hospital).get(reverse("home:staff_home")).content.decode()
    assert "Find a carer" not in html
    assert "Manage your team" not in html


@pytest.mark.django_db
def test_staff_home_says_the_carers_allowance_figures_may_be_out_of_date_after_the_last_rules_end(
    worker, sign_in, hub, monkeypatch
):
    from carershub.carers_allowance import selectors as carers_allowance

    client = sign_in(worker, hub)
    monkeypatch.setattr(carers_allowance, "today", lambda: dt.date(2027, 4, 11))
    assert (
        'data-testid="stale-figures"' not in client.get(reverse("home:staff_home")).content.decode()
    )

    monkeypatch.setattr(carers_allowance, "today", lambda: dt.date(2027, 4, 12))
    html = client.get(reverse("home:staff_home")).content.decode().replace("&#39;", "'")

    assert 'data-testid="stale-figures"' in html
    assert "The Carer's Allowance figures the hub holds applied until 11 April 2027" in html
