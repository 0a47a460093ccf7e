"""Settings for a live hub. Everything secret or site-specific comes from the environment."""

import sys

from django.core.exceptions import ImproperlyConfigured

from carershub.core.encryption import check_field_keys, check_hash_keys

from .base import *  # noqa: F403
from .base import (
    FIELD_ENCRYPTION_KEYS,
    LOOKUP_HASH_KEYS,
    MFA_REQUIRED,
    NOT_SECRET_FIELD_ENCRYPTION_KEY,
    NOT_SECRET_LOOKUP_HASH_KEY,
    SECRET_KEY,
    env_bool,
)

DEBUG = False
# The database of a hub started with these settings records that it is live, and refuses processes
# started with any other settings or keys (carershub.core.live_hub, ADR 30).
HUB_IS_LIVE = True
# Making the keys is the one command that needs none: it is how a new hub gets them.
MAKING_KEYS = sys.argv[1:2] == ["make_encryption_keys"]
if not SECRET_KEY and not MAKING_KEYS:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
# Asking a live hub to skip the authenticator code is a mistake to stop loudly, not to ignore.
if not MFA_REQUIRED or not env_bool("MFA_REQUIRED", True):
    raise ImproperlyConfigured(
        "MFA_REQUIRED cannot be turned off on a live hub: staff must use an authenticator app."
    )
# Without its keys a live hub could neither store nor read case notes; with the published demo
# keys anyone could read them.
if not MAKING_KEYS:
    check_field_keys(FIELD_ENCRYPTION_KEYS)
    check_hash_keys(LOOKUP_HASH_KEYS)
if (
    NOT_SECRET_FIELD_ENCRYPTION_KEY in FIELD_ENCRYPTION_KEYS
    or NOT_SECRET_LOOKUP_HASH_KEY in LOOKUP_HASH_KEYS
):
    raise ImproperlyConfigured(
        "A live hub cannot use the demo encryption keys: they are published with the code."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
