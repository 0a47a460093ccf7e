"""Password rules (ADR 17) and the settings that keep the second sign-in step on."""

import subprocess
import sys

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from carershub.accounts import services
from carershub.accounts.models import Invitation, Role
from carershub.accounts.passwords import PASSWORD_HINT, HubWordsValidator, MaximumLengthValidator
from carershub.accounts.tests.factories import UserFactory
from carershub.core.encryption import make_field_key, make_hash_key


def problems_with(password, user=None):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.mark.django_db
def test_a_long_passphrase_of_ordinary_words_is_accepted(partnership):
    assert (
        problems_with("kestrel moorland lantern", UserFactory(full_name="Nia Newstarter")) == set()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short pass", "password_too_short"),
        ("password1234", "password_too_common"),
        ("123456789012", "password_entirely_numeric"),
        ("x" * 257, "password_too_long"),
        ("Testshire Carers 2026", "password_hub_words"),
        ("carershub carershub", "password_hub_words"),
    ],
)
def test_weak_passwords_are_refused(partnership, password, code):
    assert code in problems_with(password)


@pytest.mark.django_db
def test_a_password_like_the_persons_own_email_is_refused(partnership):
    user = UserFactory(email="nia.newstarter@testshire.example", full_name="Nia Newstarter")
    assert "password_too_similar" in problems_with("nia.newstarter", user)


def test_there_are_no_composition_rules_and_up_to_256_characters_are_fine():
    # No "one capital, one symbol": only length and guessability count.
    MaximumLengthValidator().validate("a" * 256)
    with pytest.raises(ValidationError):
        MaximumLengthValidator().validate("a" * 257)


@pytest.mark.django_db
def test_hub_words_are_fine_inside_a_longer_passphrase(partnership):
    HubWordsValidator().validate("testshire heron marmalade")


@pytest.fixture
def invitation(manager, hub, actor_of):
    services.invite_user(
        actor_of(manager, hub),
        full_name="Nia Newstarter",
        email="nia@testshire.example",
        roles=[Role.SUPPORT_WORKER],
        accept_url_for=lambda token: token,
    )
    return Invitation.objects.get(user__email="nia@testshire.example")


@pytest.mark.django_db
def test_the_rules_are_shown_where_a_password_is_chosen(client, invitation):
    html = client.get(
        reverse("accounts:accept_invitation", args=[invitation.token])
    ).content.decode()
    assert "Use at least 12 characters" in html and "name of the hub" in html
    assert PASSWORD_HINT.split(".")[0] in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Password must be 12 characters or more"),
        ("password1234", "Password is too easy to guess"),
        (
            "Testshire Carers Partnership",
            "Password must not be made from the name of the hub or the partnership",
        ),
        ("nia@testshire.example", "Password must not be like your name or email address"),
    ],
)
def test_a_refused_password_says_why_in_the_error_summary(client, invitation, password, message):
    url = reverse("accounts:accept_invitation", args=[invitation.token])
    html = client.post(url, {"password": password, "password_again": password}).content.decode()
    assert "There is a problem" in html and 'href="#id_password"' in html
    assert message in html
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def _import_settings(module, env):
    code = (
        f"import os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; import django; "
        "django.setup(); from django.conf import settings; print(settings.MFA_REQUIRED)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_production_settings_refuse_to_start_with_mfa_turned_off(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "CARERSHUB_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEYS": make_field_key(),
        "LOOKUP_HASH_KEYS": make_hash_key(),
        "MFA_REQUIRED": "false",
    }
    result = _import_settings("config.settings.production", env)
    assert result.returncode != 0
    assert "MFA_REQUIRED cannot be turned off on a live hub" in result.stderr


def test_production_settings_require_mfa_by_default(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "CARERSHUB_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEYS": make_field_key(),
        "LOOKUP_HASH_KEYS": make_hash_key(),
    }
    result = _import_settings("config.settings.production", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_only_a_developers_machine_can_turn_mfa_off(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CARERSHUB_VAR_DIR": str(tmp_path), "MFA_REQUIRED": "false"}
    assert _import_settings("config.settings.local", env).stdout.strip() == "False"
    assert _import_settings("config.settings.test", env).stdout.strip() == "True"
