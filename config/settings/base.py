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
# True only in the developer's settings (`make run`): what may print secrets to a terminal, such as
# the console message backend, is refused anywhere else, whatever DEBUG says.
DEVELOPER_MACHINE = False
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
    "carershub.home",
]

MIDDLEWARE = [
    # First: a load balancer's probe by IP over HTTP must reach the health check (ADR 31).
    "carershub.home.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "carershub.core.middleware.SessionMiddleware",  # Django's, tolerant of a locked database
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "carershub.accounts.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "carershub.core.middleware.SecurityHeadersMiddleware",
    "carershub.core.middleware.MissingKeysMiddleware",
    "axes.middleware.AxesMiddleware",
    "carershub.core.middleware.DatabaseBusyMiddleware",
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
                "carershub.home.context_processors.hub",
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
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
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
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
        "foreign_keys=ON;",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "carershub.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "carershub.accounts.passwords.HubWordsValidator"},
]

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home:staff_home"

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
# Only config.settings.production says so; a live hub's database refuses every other (ADR 30).
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

# The shared cache (ADR 27): it holds the public forms' rate-limit counts, so every web process
# must see the same one. Django's database cache (its table made by `manage.py migrate`), or Redis
# when REDIS_URL is set. The database cache here is Django's with an increment that keeps a count's
# expiry and cannot lose a count to a request at the same moment.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "carershub",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "carershub.core.cache.DatabaseCache",
            "LOCATION": "carershub_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# The addresses of the reverse proxies in front of the hub (addresses or networks, comma-separated).
# Only a request from one of them has its X-Forwarded-For read, right to left, for the visitor's
# address; any other request's address is the one it came from. Empty: X-Forwarded-For is ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Every public form is limited per visitor address and per recipient (carershub.core.ratelimits).
# Rates are "count/period" (s, m, h, d); PUBLIC_FORM_RATE_LIMITS in the environment (JSON) overrides
# any of them, e.g. {"helpline": {"address": "20/h"}}.
PUBLIC_FORM_RATE_LIMITS = {
    "am_i_a_carer": {"address": "60/h"},
    "carers_allowance": {"address": "120/h"},
    "self_referral_answers": {"address": "100/h"},
    "self_referral": {"address": "10/h", "recipient": "3/d"},
    "helpline": {"address": "10/h", "recipient": "5/d"},
    "group_availability": {"address": "10/h"},
    "carers_copy": {"address": "20/h", "recipient": "10/h"},
    # Staff sign in from shared office addresses;
    # django-axes locks an account after wrong passwords.
    "sign_in": {"address": "300/h"},
    "invitation": {"address": "30/h", "recipient": "10/h"},
}
for _form, _rates in json.loads(env("PUBLIC_FORM_RATE_LIMITS", "") or "{}").items():
    PUBLIC_FORM_RATE_LIMITS.setdefault(_form, {}).update(_rates)
RATELIMIT_USE_CACHE = "default"
# A broken cache lets a form through (and logs it) rather than turning every visitor away.
RATELIMIT_FAIL_OPEN = True
# Sign-in lockouts count by the same visitor address as the rate limits.
AXES_CLIENT_IP_CALLABLE = "carershub.core.ratelimits.client_address"

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
# A job belongs to the worker that claimed it while that worker's heartbeat is younger than this
# (workers beat every 30 seconds); after that any worker runs it again, up to JOBS_MAX_ATTEMPTS
# starts in all, and then it is marked failed (ADR 28).
JOBS_LEASE_SECONDS = int(env("JOBS_LEASE_SECONDS", "120"))
JOBS_MAX_ATTEMPTS = int(env("JOBS_MAX_ATTEMPTS", "3"))

# Notifications: "outbox" keeps every message on the outbox page (development);
# "notify" sends through GOV.UK Notify; email may go through SMTP instead.
NOTIFY_API_KEY = env("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT = int(env("NOTIFY_TIMEOUT", "30"))
# The id of each message template's twin in GOV.UK Notify, as JSON: {"staff_invitation": "<uuid>"}.
NOTIFY_TEMPLATE_IDS = json.loads(env("NOTIFY_TEMPLATE_IDS", "") or "{}")
# (HUB_IS_LIVE, above, is also what makes a channel left on the outbox reported to hub managers on
# staff home and by `manage.py check`, ADR 31: on a live hub nothing would be sent.)
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
