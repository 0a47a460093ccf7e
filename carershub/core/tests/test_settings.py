import subprocess
import sys

from django.conf import settings

from carershub.core.encryption import make_field_key, make_hash_key


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_expire_after_thirty_minutes_of_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_debug_is_off_outside_local_settings():
    assert settings.DEBUG is False


def _import_settings(module, env):
    code = (
        f"import os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; import django; "
        "django.setup(); from django.conf import settings; print(settings.DEBUG)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CARERSHUB_VAR_DIR": str(tmp_path)}
    result = _import_settings("config.settings.production", env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def live(tmp_path, **settings):
    """The environment of a live hub with everything it needs, changed by ``settings``."""
    env = {
        "PATH": "/usr/bin:/bin",
        "CARERSHUB_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEYS": make_field_key(),
        "LOOKUP_HASH_KEYS": make_hash_key(),
    }
    env.update(settings)
    return {name: value for name, value in env.items() if value is not None}


def test_production_settings_run_with_debug_off_and_secure_cookies(tmp_path):
    env = live(tmp_path)
    result = _import_settings("config.settings.production", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_settings_refuse_to_start_without_encryption_keys(tmp_path):
    result = _import_settings(
        "config.settings.production", live(tmp_path, FIELD_ENCRYPTION_KEYS=None)
    )
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEYS is not set" in result.stderr
    result = _import_settings("config.settings.production", live(tmp_path, LOOKUP_HASH_KEYS=None))
    assert result.returncode != 0 and "LOOKUP_HASH_KEYS is not set" in result.stderr


def test_production_settings_refuse_a_malformed_or_short_key(tmp_path):
    result = _import_settings(
        "config.settings.production",
        live(tmp_path, FIELD_ENCRYPTION_KEYS=f"{make_field_key()},not-a-key"),
    )
    assert (
        result.returncode != 0
        and "Key 2 in FIELD_ENCRYPTION_KEYS is not a usable key" in result.stderr
    )
    result = _import_settings(
        "config.settings.production", live(tmp_path, LOOKUP_HASH_KEYS="short")
    )
    assert result.returncode != 0 and "shorter than 32 characters" in result.stderr


def test_production_settings_refuse_the_published_demo_keys(tmp_path):
    demo = live(
        tmp_path,
        FIELD_ENCRYPTION_KEYS=f"{make_field_key()},{settings.NOT_SECRET_FIELD_ENCRYPTION_KEY}",
    )
    result = _import_settings("config.settings.production", demo)
    assert result.returncode != 0 and "cannot use the demo encryption keys" in result.stderr
    result = _import_settings(
        "config.settings.production",
        live(tmp_path, LOOKUP_HASH_KEYS=settings.NOT_SECRET_LOOKUP_HASH_KEY),
    )
    assert result.returncode != 0 and "cannot use the demo encryption keys" in result.stderr


def test_a_rotation_lists_the_new_key_first_and_still_starts(tmp_path):
    keys = f"{make_field_key()},{make_field_key()}"
    assert (
        _import_settings(
            "config.settings.production", live(tmp_path, FIELD_ENCRYPTION_KEYS=keys)
        ).returncode
        == 0
    )


def test_make_encryption_keys_prints_new_keys_under_production_settings_with_none_yet(tmp_path):
    """How a new live hub gets its keys: the one command the production settings let run without
    them.
    """
    env = {
        "PATH": "/usr/bin:/bin",
        "CARERSHUB_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "make_encryption_keys"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    field, lookup = result.stdout.splitlines()
    assert field.startswith("FIELD_ENCRYPTION_KEYS=") and lookup.startswith("LOOKUP_HASH_KEYS=")
    # Any other command still refuses to start without the keys.
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**env, "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEYS is not set" in result.stderr
