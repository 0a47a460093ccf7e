"""Settings for the test suite: the same parts as production, on a throwaway database."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, NOT_SECRET_FIELD_ENCRYPTION_KEY, NOT_SECRET_LOOKUP_HASH_KEY, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"
FIELD_ENCRYPTION_KEYS = [NOT_SECRET_FIELD_ENCRYPTION_KEY]
LOOKUP_HASH_KEYS = [NOT_SECRET_LOOKUP_HASH_KEY]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
VAR_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "test-files"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a worker started as a separate process sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
