"""Every process on a live hub's database runs with the live hub's settings and keys, or refuses
to start (ADR 30).

At its first start under ``config.settings.production`` (``HUB_IS_LIVE``) the database records that
it is a live hub, with a fingerprint of each key (``models.HubIdentity``). Whenever a process opens
its first connection to the database, it checks that record: a process running other settings (a
cron job started without ``DJANGO_SETTINGS_MODULE`` falls back to the developer settings and their
published demo keys), or whose keys are none of those the data is under, is refused before it
reads or writes anything. A fresh database has no table yet, so ``migrate`` runs; the record is
written after it.

Keys that are partly missing (an old key removed before the rotation finished) do not stop a
process, so that ``rotate_encryption_keys --check`` and the health check can say what is wrong:
``missing_keys()`` names them.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone

FINGERPRINT_LABEL = b"carershub key fingerprint 1"


def _hub_identity():
    # This module is imported before the app registry is ready (by manage.py for WrongHub, and by
    # the encrypted fields while the models load), so the model is imported when first used.
    from carershub.core.models import HubIdentity

    return HubIdentity


class WrongHub(Exception):
    """This process may not use this database; the message says why and what to do."""


class _State:
    checked = False
    refusal = None
    lookup_keys_missing = False


_state = _State()


def forget():
    """Check again at the next connection (after a restore, and in tests)."""
    _state.checked = False
    _state.refusal = None
    _state.lookup_keys_missing = False


def fingerprint(key):
    """The HMAC-SHA256 of a fixed label under ``key``: shows which key it is, never the key."""
    return hmac.new(key.encode("utf-8"), FINGERPRINT_LABEL, hashlib.sha256).hexdigest()


def configured_fingerprints():
    """(field key fingerprints, lookup key fingerprints) of this process's keys, newest first."""
    return (
        [fingerprint(key) for key in settings.FIELD_ENCRYPTION_KEYS],
        [fingerprint(key) for key in settings.LOOKUP_HASH_KEYS],
    )


def identity(using=DEFAULT_DB_ALIAS):
    """The database's HubIdentity, or None if it is not a live hub's (or has no table yet)."""
    return _hub_identity().objects.using(using).filter(pk=1).first()


def missing_keys(record=None):
    """Plain sentences naming each kind of key the data is under that this process lacks;
    [] if none.
    """
    record = record if record is not None else identity()
    if record is None:
        return []
    fields, lookups = configured_fingerprints()
    problems = []
    missing = [f for f in record.field_key_fingerprints if f not in fields]
    if missing:
        problems.append(
            f"{_count(len(missing))} the database's encrypted values may be under "
            f"{'is' if len(missing) == 1 else 'are'} not in FIELD_ENCRYPTION_KEYS, so some "
            "values cannot be read"
        )
    missing = [f for f in record.lookup_key_fingerprints if f not in lookups]
    if missing:
        problems.append(
            f"{_count(len(missing))} the database's NHS number hashes may be under "
            f"{'is' if len(missing) == 1 else 'are'} not in LOOKUP_HASH_KEYS, so some carers "
            "cannot be found by NHS number"
        )
    return problems


def _count(number):
    return "1 key" if number == 1 else f"{number} keys"


def refusal(record):
    """Why this process may not use a database with ``record``, in plain English; None if it may."""
    module = getattr(settings, "SETTINGS_MODULE", None) or "unknown settings"
    if not getattr(settings, "HUB_IS_LIVE", False):
        return (
            f"This database is a live hub's, but this process is running with {module}, not the "
            "live hub's settings. Start it with the live hub's environment file "
            "(DJANGO_SETTINGS_MODULE=config.settings.production and its keys): see "
            "docs/admin/deploy.md."
        )
    fields, lookups = configured_fingerprints()
    if not set(fields) & set(record.field_key_fingerprints):
        return (
            "None of the keys in FIELD_ENCRYPTION_KEYS is one this hub's values were encrypted "
            "with, so nothing encrypted could be read and new values would be unreadable to the "
            "hub's other processes. Use the hub's keys: see docs/admin/encryption-keys.md."
        )
    if not set(lookups) & set(record.lookup_key_fingerprints):
        return (
            "None of the keys in LOOKUP_HASH_KEYS is one this hub's NHS number hashes were made "
            "with, so no carer could be found by NHS number. Use the hub's keys: see "
            "docs/admin/encryption-keys.md."
        )
    return None


def record_identity(using=DEFAULT_DB_ALIAS):
    """Mark the database as a live hub's, adding this process's keys to those its data may be under
    (a new key put first for a rotation). Only under the live hub's settings."""
    if not getattr(settings, "HUB_IS_LIVE", False):
        return None
    fields, lookups = configured_fingerprints()
    now = timezone.now()
    record, created = (
        _hub_identity()
        .objects.using(using)
        .get_or_create(
            pk=1,
            defaults={
                "live_since": now,
                "updated_at": now,
                "field_key_fingerprints": fields,
                "lookup_key_fingerprints": lookups,
            },
        )
    )
    if not created:
        new_fields = [f for f in fields if f not in record.field_key_fingerprints]
        new_lookups = [f for f in lookups if f not in record.lookup_key_fingerprints]
        if new_fields or new_lookups:
            record.field_key_fingerprints = new_fields + record.field_key_fingerprints
            record.lookup_key_fingerprints = new_lookups + record.lookup_key_fingerprints
            record.updated_at = now
            record.save(using=using)
    return record


def rotated(using=DEFAULT_DB_ALIAS):
    """After a rotation that left nothing on an older key:
    the data is under the newest keys only.
    """
    fields, lookups = configured_fingerprints()
    _hub_identity().objects.using(using).filter(pk=1).update(
        field_key_fingerprints=fields[:1],
        lookup_key_fingerprints=lookups[:1],
        updated_at=timezone.now(),
    )


def check_connection(connection):
    """Refuse this process the database if it is a live hub's and this process is not (WrongHub)."""
    if _state.refusal:
        raise WrongHub(_state.refusal)
    if _state.checked or connection.alias != DEFAULT_DB_ALIAS:
        return
    with connection.cursor() as cursor:
        if _hub_identity()._meta.db_table not in connection.introspection.table_names(cursor):
            return  # a fresh database: migrate makes the table, and the record after it
    record = identity(connection.alias)
    if record is not None:
        _state.refusal = refusal(record)
        if _state.refusal:
            raise WrongHub(_state.refusal)
    record = record_identity(connection.alias) or record
    if record is not None:
        _state.lookup_keys_missing = any(
            f not in configured_fingerprints()[1] for f in record.lookup_key_fingerprints
        )
    _state.checked = True


def lookup_keys_missing():
    """Whether some NHS number hashes may be under a key this process lacks, as found when it
    connected (no query: keys only change with a restart). A search by NHS number would then miss
    carers, and say "no carers found" where it should say the keys are wrong."""
    return _state.lookup_keys_missing


@receiver(connection_created)
def _check_new_connection(sender, connection, **kwargs):
    try:
        check_connection(connection)
    except WrongHub:
        # Closed, so that nothing can use it after the refusal is caught: the next attempt
        # opens a new connection and is refused again.
        raw, connection.connection = connection.connection, None
        raw.close()
        raise
