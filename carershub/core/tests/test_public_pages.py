import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["core:cookies", "core:accessibility"])
def test_information_pages_are_public(client, partnership, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_gets_the_hub_404_page(client, partnership):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_every_response_carries_security_headers_and_a_nonce_based_csp(client, partnership):
    response = client.get(reverse("home:start"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    # The one inline script (GOV.UK Frontend's js-enabled switch) carries the nonce.
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(worker, sign_in, hub):
    response = sign_in(worker, hub).get(reverse("home:staff_home"))
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_forms_are_protected_against_cross_site_requests(partnership):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:sign_in"), {"email": "a@b.example", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.django_db
def test_the_error_page_still_answers_when_the_page_around_it_cannot_be_drawn(rf, monkeypatch):
    from carershub.core import views

    def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(views, "render", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
