"""Settings for a live hub. Everything secret or site-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MFA_REQUIRED, SECRET_KEY, env_bool

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
# Asking a live hub to skip the authenticator code is a mistake to stop loudly, not to ignore.
if not MFA_REQUIRED or not env_bool("MFA_REQUIRED", True):
    raise ImproperlyConfigured("MFA_REQUIRED cannot be turned off on a live hub: staff must use an authenticator app.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
