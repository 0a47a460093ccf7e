import subprocess
import sys

from django.conf import settings


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_expire_after_thirty_minutes_of_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_debug_is_off_outside_local_settings():
    assert settings.DEBUG is False


def _import_settings(module, env):
    code = f"import os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CARERSHUB_VAR_DIR": str(tmp_path)}
    result = _import_settings("config.settings.production", env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_run_with_debug_off_and_secure_cookies(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CARERSHUB_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50}
    result = _import_settings("config.settings.production", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
