"""Settings shared by every environment. The environment is read here and nowhere else."""

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CARERSHUB_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "rules",
    "django_tasks",
    "django_tasks_db",
    "carershub.core",
    "carershub.partnerships",
    "carershub.accounts",
    "carershub.audit",
    "carershub.carers",
    "carershub.search",
    "carershub.referrals",
    "carershub.jobs",
    "carershub.notifications",
    "carershub.imports",
    "carershub.assessments",
    "carershub.emergency_plans",
    "carershub.events",
    "carershub.directory",
    "carershub.groups",
    "carershub.advice",
    "carershub.carers_allowance",
    "carershub.helpline",
    "carershub.safeguarding",
    "carershub.privacy",
    "carershub.resilience",
    "carershub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "carershub.accounts.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "carershub.core.middleware.SecurityHeadersMiddleware",
    "carershub.core.middleware.MissingKeysMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Which partnership this hub serves, when one database holds several (default: the first).
HUB_PARTNERSHIP_SLUG = env("HUB_PARTNERSHIP_SLUG", "")
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "carershub.core.jinja2.environment",
            # In every environment, not Django's DebugUndefined under DEBUG: a missing value is
            # empty when tested and an error when printed, so tests find it (ADR 26).
            "undefined": "carershub.core.jinja2.HubUndefined",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "carershub.core.context_processors.hub",
            ],
        },
    },
    {
        # Only for third-party pieces that ship Django templates (none are user-facing).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'carershub.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation off: the planner over-estimates the search's plans and spends up to half a
    # second compiling them (ADR 7, BENCHMARKS.md). Options given in DATABASE_URL's query are kept.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker and the web server read while the other writes;
        # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Password rules after the NCSC's password guidance (ADR 17): long enough, not a common or
# guessable password, no composition rules and no forced expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "carershub.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "carershub.accounts.passwords.HubWordsValidator"},
]

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:staff_home"

# Sign-in throttling and lockout (django-axes): locked for an hour after 5 failures
# for the same account from the same address; a hub manager or administrator can unlock.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "carershub.accounts.views.locked_out"
AXES_VERBOSE = False

# Every member of staff signs in with a password and then a code from an authenticator app
# (ADR 17). Only config/settings/local.py may turn this off; a live hub refuses to start without it.
MFA_REQUIRED = True

# Encryption at rest (ADR 21): free text about health, safeguarding and casework is stored
# encrypted with FIELD_ENCRYPTION_KEYS, and NHS numbers are found by a keyed hash made with
# LOOKUP_HASH_KEYS. Each is a comma-separated list, newest key first, from the environment
# (`manage.py make_encryption_keys` makes them). A live hub refuses to start without them or with
# the keys below, which are published in this file and so fit only for demo and test data.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
# Only config.settings.production says so; a live hub's database refuses every other (ADR 32).
HUB_IS_LIVE = False
LOOKUP_HASH_KEYS = env_list("LOOKUP_HASH_KEYS")
NOT_SECRET_FIELD_ENCRYPTION_KEY = "j506aprbe3OHsqVcsGRt2SajAH7dKv3LvPJJ3WutbVw="
NOT_SECRET_LOOKUP_HASH_KEY = "Ory-tCpUKggQftFfMYIFYu9mPGJsn3EA6DAqhEnBK6A"
# Wrong codes count towards django-axes' lockout, exactly like wrong passwords, so django-otp's
# own growing delay between attempts is off: it would refuse a correct code typed quickly after
# a wrong one, and say so only as another wrong code.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# A phone clock a little out is covered by accepting the codes either side of now; learning a
# drift would let one odd sign-in move the window for every later one.
OTP_TOTP_SYNC = False

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "carershub.core.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "build" / "static",
    BASE_DIR / "carershub" / "core" / "assets" / "public",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "files"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Notifications: "outbox" keeps every message on the outbox page (development);
# "notify" sends through GOV.UK Notify; email may go through SMTP instead.
NOTIFY_API_KEY = env("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT = int(env("NOTIFY_TIMEOUT", "30"))
# The id of each message template's twin in GOV.UK Notify, as JSON: {"staff_invitation": "<uuid>"}.
NOTIFY_TEMPLATE_IDS = json.loads(env("NOTIFY_TEMPLATE_IDS", "") or "{}")
NOTIFICATIONS_EMAIL_BACKEND = env("NOTIFICATIONS_EMAIL_BACKEND", "outbox")
NOTIFICATIONS_SMS_BACKEND = env("NOTIFICATIONS_SMS_BACKEND", "outbox")
NOTIFICATIONS_LETTER_BACKEND = env("NOTIFICATIONS_LETTER_BACKEND", "outbox")
EMAIL_HOST = env("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "hub@carershub.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # It logs the text it failed to parse: a mistyped postcode is personal data.
        "uk_postcodes_parsing": {"level": "ERROR"},
    },
}

# Where the audit chain's checkpoints are appended (ADR 15): ship this file (or the
# carershub.audit.checkpoint log) to storage the hub's own accounts cannot change.
AUDIT_CHECKPOINT_PATH = env("AUDIT_CHECKPOINT_PATH", str(VAR_DIR / "audit" / "checkpoints.jsonl"))
