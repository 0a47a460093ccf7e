"""Settings for a developer's machine: `make run`."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "local-development-only-not-secret")
VAR_DIR.mkdir(parents=True, exist_ok=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
