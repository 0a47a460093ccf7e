"""Encryption at rest for what people write about health, safeguarding and casework, and keyed
hashes for finding a record by a value that is stored encrypted (ADR 21).

Two kinds of key, both from settings and never from the database:

- ``FIELD_ENCRYPTION_KEYS``: Fernet keys (AES-128-CBC with HMAC-SHA256, from ``cryptography``),
  newest first. New values are encrypted with the first; a value is read with whichever key
  made it. ``manage.py rotate_encryption_keys`` re-encrypts every value with the first key,
  after which older keys can be removed.
- ``LOOKUP_HASH_KEYS``: keys for HMAC-SHA256 of values the hub must find records by (the NHS
  number), newest first. A plain hash of a 10-digit number is reversed by trying every number;
  a keyed hash is not, without the key. Searches try each key, so a new key can be put first
  before the rotation command has re-hashed every record.
"""

import hashlib
import hmac
import secrets
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

MINIMUM_HASH_KEY_LENGTH = 32


class UnreadableValue(Exception):
    """A stored value that no key in FIELD_ENCRYPTION_KEYS can decrypt."""


class LookupKeysMissing(Exception):
    """A search by a hashed value was asked for while a key some hashes are under is not in
    LOOKUP_HASH_KEYS: it would miss records, so it is refused (see carershub.core.live_hub)."""

    def __init__(self):
        super().__init__(
            "The hub cannot search by NHS number: a key some NHS numbers were stored with is "
            "missing from LOOKUP_HASH_KEYS, so a search would miss carers. Put the missing key "
            "back at the end of the list and restart (docs/admin/encryption-keys.md)."
        )


def make_field_key():
    """A new key for FIELD_ENCRYPTION_KEYS."""
    return Fernet.generate_key().decode("ascii")


def make_hash_key():
    """A new key for LOOKUP_HASH_KEYS (256 random bits, as text)."""
    return secrets.token_urlsafe(32)


def check_field_keys(keys):
    """The Fernet objects for ``keys``; ImproperlyConfigured in plain English if any is unusable."""
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is not set: the hub cannot store or read case notes without it. "
            "Make one with `python manage.py make_encryption_keys`."
        )
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"Key {position} in FIELD_ENCRYPTION_KEYS is not a usable key (44 characters of "
                "URL-safe base64). Make one with `python manage.py make_encryption_keys`."
            ) from None
    return fernets


def check_hash_keys(keys):
    """The keys as bytes; ImproperlyConfigured in plain English if any is missing or too short."""
    if not keys:
        raise ImproperlyConfigured(
            "LOOKUP_HASH_KEYS is not set: the hub cannot find records by NHS number without it. "
            "Make one with `python manage.py make_encryption_keys`."
        )
    for position, key in enumerate(keys, start=1):
        if len(key) < MINIMUM_HASH_KEY_LENGTH:
            raise ImproperlyConfigured(
                f"Key {position} in LOOKUP_HASH_KEYS is shorter than {MINIMUM_HASH_KEY_LENGTH} "
                "characters. Make one with `python manage.py make_encryption_keys`."
            )
    return [key.encode("utf-8") for key in keys]


@cache
def _all_keys():
    return MultiFernet(check_field_keys(settings.FIELD_ENCRYPTION_KEYS))


@cache
def _newest_key():
    return check_field_keys(settings.FIELD_ENCRYPTION_KEYS)[0]


@cache
def _hash_keys():
    return check_hash_keys(settings.LOOKUP_HASH_KEYS)


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    if setting in {"FIELD_ENCRYPTION_KEYS", "LOOKUP_HASH_KEYS"}:
        _all_keys.cache_clear()
        _newest_key.cache_clear()
        _hash_keys.cache_clear()


def encrypt(text):
    """``text`` (a str) as a token made with the newest key."""
    return _all_keys().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    """The text in ``token``; UnreadableValue if no key can read it (a key was removed too soon,
    or the stored value was changed outside the hub: Fernet tokens are authenticated)."""
    try:
        return _all_keys().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise UnreadableValue(
            "A stored value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS: a key "
            "may have been removed before `manage.py rotate_encryption_keys` finished, or the "
            "value was changed outside the hub."
        ) from None


def is_under_newest_key(token):
    """Whether ``token`` was made with the newest key (so rotation need not touch it)."""
    try:
        _newest_key().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def lookup_hash(value, *, key=None):
    """The keyed hash (HMAC-SHA256, hex) of ``value`` with the newest lookup key, or ``key``;
    "" for a blank value, so that a blank is never found as a match."""
    if not value:
        return ""
    key = _hash_keys()[0] if key is None else key
    return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()


def lookup_hashes(value):
    """The hash of ``value`` under every lookup key, newest first: what a search compares."""
    return [lookup_hash(value, key=key) for key in _hash_keys()] if value else []
