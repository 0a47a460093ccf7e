import pytest
from django.urls import reverse

from carershub.accounts.actor import SESSION_KEY
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import PASSWORD, authenticator_for, fresh_code
from carershub.audit.models import AuditLog, Operation


def post_sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("accounts:sign_in"), {"email": email, "password": password, **extra})


def sign_in_with_code(client, user, **extra):
    """Both steps: the password, then a code from the user's authenticator app."""
    device = authenticator_for(user)
    response = post_sign_in(client, user.email, **extra)
    assert response.url == reverse("accounts:sign_in_code")
    return client.post(response.url, {"code": fresh_code(device)})


@pytest.mark.django_db
def test_sign_in_page_shows_the_form(client, partnership):
    response = client.get(reverse("accounts:sign_in"))
    assert response.status_code == 200
    assert 'autocomplete="username"' in response.content.decode()


@pytest.mark.django_db
def test_staff_member_with_one_organisation_goes_straight_to_their_home_page(client, worker, hub):
    response = sign_in_with_code(client, worker)
    assert response.status_code == 302
    assert response.url == reverse("home:staff_home")
    assert client.session[SESSION_KEY] == hub.pk
    row = AuditLog.objects.get(operation=Operation.SIGN_IN)
    assert row.actor_user_id == worker.pk and row.actor_organisation_id == hub.pk


@pytest.mark.django_db
def test_email_address_is_not_case_sensitive(client, worker):
    authenticator_for(worker)
    response = post_sign_in(client, worker.email.upper())
    assert response.url == reverse("accounts:sign_in_code")


@pytest.mark.django_db
def test_staff_member_with_several_organisations_chooses_one(client, make_staff, hub, hospital):
    user = make_staff(Role.SUPPORT_WORKER, hub)
    from carershub.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=user, organisation=hospital, role=Role.PARTNER_REFERRER)
    response = sign_in_with_code(client, user)
    assert response.url == reverse("accounts:choose_organisation")
    page = client.get(response.url).content.decode()
    assert "Testshire Hospital" in page and "Testshire Carers Centre" in page

    response = client.post(reverse("accounts:choose_organisation"), {"organisation": hospital.pk})
    assert response.url == reverse("home:staff_home")
    home = client.get(reverse("home:staff_home")).content.decode()
    assert "Partner referrer at Testshire Hospital" in home
    # Switching changes what they can do: a referrer cannot list carers.
    assert client.get(reverse("carers:list")).status_code == 403


@pytest.mark.django_db
def test_choosing_an_organisation_you_do_not_belong_to_is_refused(client, worker, hub, other_hub):
    client.force_login(worker)
    response = client.post(reverse("accounts:choose_organisation"), {"organisation": other_hub.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_gives_a_clear_error_and_is_audited_without_the_email(client, worker):
    response = post_sign_in(client, worker.email, "not the password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    row = AuditLog.objects.get(operation=Operation.SIGN_IN_FAILED)
    assert row.object_id == str(worker.pk)
    assert worker.email not in str(row.context) + str(row.fields)


@pytest.mark.django_db
def test_empty_form_names_each_missing_answer(client, partnership):
    html = post_sign_in(client, "", "").content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'href="#id_email"' in html


@pytest.mark.django_db
def test_account_locks_after_five_failed_attempts(client, worker):
    for _ in range(5):
        post_sign_in(client, worker.email, "wrong")
    response = post_sign_in(client, worker.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_deactivated_staff_cannot_sign_in(client, worker):
    worker.is_active = False
    worker.save()
    response = post_sign_in(client, worker.email)
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client, worker):
    response = sign_in_with_code(client, worker, next="/carers/")
    assert response.url == "/carers/"
    client.logout()
    response = sign_in_with_code(client, worker, next="https://evil.example/")
    assert response.url == reverse("home:staff_home")


@pytest.mark.django_db
def test_sign_out_ends_the_session_and_is_audited(worker, sign_in, hub):
    client = sign_in(worker, hub)
    response = client.post(reverse("accounts:sign_out"))
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert client.get(reverse("home:staff_home")).status_code == 302
    assert AuditLog.objects.filter(operation=Operation.SIGN_OUT, actor_user_id=worker.pk).exists()


@pytest.mark.django_db
def test_sign_out_needs_a_post(worker, sign_in, hub):
    assert sign_in(worker, hub).get(reverse("accounts:sign_out")).status_code == 405


@pytest.mark.django_db
def test_user_without_any_organisation_is_told_so(client, partnership):
    from carershub.accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:choose_organisation"))
    assert response.status_code == 403
    assert "not part of an organisation" in response.content.decode()
