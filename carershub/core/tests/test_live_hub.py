"""A live hub's database refuses processes started with other settings or other keys (ADR 30)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from carershub.core import live_hub
from carershub.core.encryption import make_field_key, make_hash_key
from carershub.core.models import HubIdentity

LIVE_FIELD_KEY = make_field_key()
LIVE_HASH_KEY = make_hash_key()
LIVE = {
    "HUB_IS_LIVE": True,
    "FIELD_ENCRYPTION_KEYS": [LIVE_FIELD_KEY],
    "LOOKUP_HASH_KEYS": [LIVE_HASH_KEY],
}


@pytest.fixture
def fresh_check():
    live_hub.forget()
    yield
    live_hub.forget()


def make_live():
    with override_settings(**LIVE):
        return live_hub.record_identity()


def test_the_first_start_under_live_settings_records_the_hub_as_live_with_key_fingerprints(
    db, fresh_check
):
    assert live_hub.identity() is None
    with override_settings(**LIVE):
        live_hub.check_connection(connection)
    record = HubIdentity.objects.get()
    assert record.field_key_fingerprints == [live_hub.fingerprint(LIVE_FIELD_KEY)]
    assert record.lookup_key_fingerprints == [live_hub.fingerprint(LIVE_HASH_KEY)]
    # A fingerprint names a key without holding it.
    assert LIVE_FIELD_KEY not in str(record.field_key_fingerprints)


def test_developer_settings_are_not_recorded_as_a_live_hub(db, fresh_check):
    live_hub.check_connection(connection)
    assert not HubIdentity.objects.exists()


def test_a_process_with_developer_settings_is_refused_by_a_live_hubs_database(db, fresh_check):
    make_live()
    with pytest.raises(live_hub.WrongHub, match="running with .*not the live hub's settings"):
        live_hub.check_connection(connection)
    # Refused for the rest of its life, not only once.
    with pytest.raises(live_hub.WrongHub):
        live_hub.check_connection(connection)


def test_a_live_process_with_other_keys_is_refused(db, fresh_check):
    make_live()
    with override_settings(**{**LIVE, "FIELD_ENCRYPTION_KEYS": [make_field_key()]}):
        with pytest.raises(live_hub.WrongHub, match="FIELD_ENCRYPTION_KEYS"):
            live_hub.check_connection(connection)
    live_hub.forget()
    with override_settings(**{**LIVE, "LOOKUP_HASH_KEYS": [make_hash_key()]}):
        with pytest.raises(live_hub.WrongHub, match="LOOKUP_HASH_KEYS"):
            live_hub.check_connection(connection)


def test_a_live_process_with_the_demo_keys_is_refused(db, fresh_check):
    make_live()
    with override_settings(HUB_IS_LIVE=True):  # the test settings hold the published demo keys
        with pytest.raises(live_hub.WrongHub, match="FIELD_ENCRYPTION_KEYS"):
            live_hub.check_connection(connection)


def test_a_new_key_put_first_for_a_rotation_is_added_and_the_old_one_still_counts(db, fresh_check):
    make_live()
    new_key = make_field_key()
    with override_settings(**{**LIVE, "FIELD_ENCRYPTION_KEYS": [new_key, LIVE_FIELD_KEY]}):
        live_hub.check_connection(connection)
        assert live_hub.identity().field_key_fingerprints == [
            live_hub.fingerprint(new_key),
            live_hub.fingerprint(LIVE_FIELD_KEY),
        ]
        assert live_hub.missing_keys() == []
    with override_settings(**{**LIVE, "FIELD_ENCRYPTION_KEYS": [new_key]}):
        assert "not in FIELD_ENCRYPTION_KEYS" in live_hub.missing_keys()[0]
        live_hub.rotated()
        assert live_hub.missing_keys() == []


@pytest.mark.django_db(transaction=True)
def test_a_command_started_without_the_settings_module_is_refused_with_a_plain_message(fresh_check):
    """The cron job or worker whose unit forgot DJANGO_SETTINGS_MODULE: manage.py falls back to the
    developer settings, whose demo keys would encrypt new notes with published keys."""
    make_live()
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        )
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "FIELD_ENCRYPTION_KEYS", "LOOKUP_HASH_KEYS"}
    }
    env["DATABASE_URL"] = url
    finished = subprocess.run(
        [sys.executable, "manage.py", "rotate_encryption_keys", "--check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 3, finished.stderr
    assert finished.stderr.startswith(
        "Refused: This database is a live hub's, but this process is running with "
        "config.settings.local"
    )
    assert "Traceback" not in finished.stderr

    # A web server started with the wrong settings refuses to load the application,
    # before any request.
    web = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert web.returncode != 0
    assert "WrongHub: This database is a live hub's" in web.stderr
