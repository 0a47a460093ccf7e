"""Settings for a developer's machine: `make run`."""

import copy

from .base import *  # noqa: F403
from .base import (
    NOT_SECRET_FIELD_ENCRYPTION_KEY,
    NOT_SECRET_LOOKUP_HASH_KEY,
    TEMPLATES,
    VAR_DIR,
    env,
    env_bool,
    env_list,
)

# A demo is shown to people: they see the hub's own "page not found" and error pages, as on a live
# hub, not Django's technical pages (which list every URL, setting and local variable).
# DJANGO_DEBUG=true turns the technical pages back on for a developer.
DEBUG = env_bool("DJANGO_DEBUG", False)
DEVELOPER_MACHINE = True
# With DEBUG off WhiteNoise still serves the styles, scripts and images from where they are built
# (no collectstatic), and picks up a rebuilt stylesheet; templates are re-read when they change.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["OPTIONS"]["auto_reload"] = True
SECRET_KEY = env("SECRET_KEY", "local-development-only-not-secret")
VAR_DIR.mkdir(parents=True, exist_ok=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The hub's emails and text messages are printed where the worker runs, secret links and all, so
# that an invitation or a carer's copy can be followed in the demonstration: the outbox page
# keeps only the copy with its links removed (ADR 24). Letters stay in the outbox to print.
NOTIFICATIONS_EMAIL_BACKEND = env("NOTIFICATIONS_EMAIL_BACKEND", "console")
NOTIFICATIONS_SMS_BACKEND = env("NOTIFICATIONS_SMS_BACKEND", "console")
# The only place the second sign-in step can be turned off: MFA_REQUIRED=false in a developer's
# environment. The demo users have authenticator secrets anyway (`manage.py demo_sign_ins`).
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
# Demo data only: a developer's hub uses the published keys unless the environment names others.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [NOT_SECRET_FIELD_ENCRYPTION_KEY]
LOOKUP_HASH_KEYS = env_list("LOOKUP_HASH_KEYS") or [NOT_SECRET_LOOKUP_HASH_KEY]
