"""Moving every stored value onto the newest keys (ADR 21): ``manage.py rotate_encryption_keys``.

A value encrypted with an older key in FIELD_ENCRYPTION_KEYS is decrypted and encrypted again
with the newest; a lookup hash made with an older key in LOOKUP_HASH_KEYS is made again with the
newest. Rows are read and written in batches, each batch in its own transaction with its rows
locked (on PostgreSQL), so the hub stays in use and a stopped run can simply be run again: rows
already on the newest keys are left alone. The record's content does not change, so versions,
change times and the search index are untouched.

It lives on the platform floor, beside the audit row it writes, and imports no app that owns an
encrypted field: an owner registers with it by declaring an encrypted or lookup hash field on a
model, which Django's app registry lists (``models_with_protected_values``) (ADR 33).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.core import encryption, live_hub
from carershub.core.encrypted_fields import encrypted_fields, lookup_hash_fields
from carershub.core.statistics import refresh_statistics

BATCH_SIZE = 500


@dataclass
class ModelResult:
    label: str
    rows: int = 0
    values_rewritten: int = 0
    hashes_rewritten: int = 0
    values_unreadable: int = 0
    hashes_unknown: int = 0


@dataclass
class Result:
    models: list = field(default_factory=list)

    @property
    def values_rewritten(self):
        return sum(each.values_rewritten for each in self.models)

    @property
    def hashes_rewritten(self):
        return sum(each.hashes_rewritten for each in self.models)

    @property
    def values_unreadable(self):
        return sum(each.values_unreadable for each in self.models)

    @property
    def hashes_unknown(self):
        return sum(each.hashes_unknown for each in self.models)

    @property
    def rows(self):
        return sum(each.rows for each in self.models)


def models_with_protected_values():
    """(model, encrypted fields, lookup hash fields) for every model holding either."""
    found = []
    for model in apps.get_models():
        encrypted, hashes = encrypted_fields(model), lookup_hash_fields(model)
        if encrypted or hashes:
            found.append((model, encrypted, hashes))
    return sorted(found, key=lambda each: each[0]._meta.label)


class _Row:
    """One row's encrypted values, read from their raw tokens so that a value no key can read is
    counted rather than stopping the run."""

    def __init__(self, row, encrypted):
        self.row = row
        self.values = {}
        self.stale = []
        self.unreadable = []
        for each in encrypted:
            token = getattr(row, f"token_{each.name}")
            try:
                self.values[each.name] = each.from_db_value(token, None, connection)
            except encryption.UnreadableValue:
                self.unreadable.append(each.name)
                continue
            if token and not encryption.is_under_newest_key(token):
                self.stale.append(each.name)

    def source(self, hash_field):
        if hash_field.source in self.values:
            return self.values[hash_field.source]
        if hash_field.source in self.unreadable:
            raise encryption.UnreadableValue(hash_field.source)
        return getattr(self.row, hash_field.source)


def _rows(model, encrypted, hashes, pks, lock):
    encrypted_names = {f.name for f in encrypted}
    names = {
        "pk",
        *(h.name for h in hashes),
        *(h.source for h in hashes if h.source not in encrypted_names),
    }
    # Encrypted fields are read as tokens only (deferred, so never decrypted on loading).
    query = (
        model._base_manager.filter(pk__in=pks)
        .only(*names)
        .annotate(**{f"token_{f.name}": Cast(f.name, output_field=TextField()) for f in encrypted})
    )
    return [_Row(row, encrypted) for row in (query.select_for_update() if lock else query)]


def rotate(*, check_only=False, batch_size=BATCH_SIZE, progress=None):
    """Re-encrypt and re-hash whatever is not on the newest keys (or, with ``check_only``, count
    it without writing). ``progress(label, done, total)`` is called after each batch. Values no key
    can read are counted (``values_unreadable``) and left as they are; lookup hashes made with no
    configured key are counted (``hashes_unknown``) and, unless checking, made again."""
    result = Result()
    for model, encrypted, hashes in models_with_protected_values():
        outcome = ModelResult(model._meta.label)
        result.models.append(outcome)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        outcome.rows = len(pks)
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            with transaction.atomic():
                changed_rows, changed_fields = [], set()
                for each in _rows(model, encrypted, hashes, chunk, lock=not check_only):
                    outcome.values_unreadable += len(each.unreadable)
                    stale_hashes = []
                    for hash_field in hashes:
                        stored = getattr(each.row, hash_field.attname)
                        try:
                            source = each.source(hash_field)
                        except encryption.UnreadableValue:
                            continue
                        if stored == encryption.lookup_hash(source):
                            continue
                        stale_hashes.append(hash_field)
                        if stored and stored not in encryption.lookup_hashes(source):
                            outcome.hashes_unknown += 1
                    if each.unreadable or not (each.stale or stale_hashes):
                        # a row with a value no key reads is left for the missing key to come back
                        continue
                    outcome.values_rewritten += len(each.stale)
                    outcome.hashes_rewritten += len(stale_hashes)
                    for hash_field in stale_hashes:
                        setattr(
                            each.row,
                            hash_field.attname,
                            encryption.lookup_hash(each.source(hash_field)),
                        )
                    for name, value in each.values.items():
                        setattr(each.row, name, value)
                    changed_rows.append(each.row)
                    changed_fields.update(each.stale + [h.name for h in stale_hashes])
                if changed_rows and not check_only:
                    # Every encrypted field of a changed row is written,
                    # encrypted with the newest key.
                    model._base_manager.bulk_update(
                        changed_rows,
                        sorted(changed_fields | {f.name for f in encrypted}),
                        batch_size=batch_size,
                    )
            if progress:
                progress(outcome.label, min(start + batch_size, len(pks)), len(pks))
    if not check_only:
        refresh_statistics(
            *(model for model, _, _ in models_with_protected_values())
        )  # hashes changed
        auditor.record(
            None,
            Operation.UPDATE,
            "core.encryptionkeys",
            fields=sorted(
                {
                    each.label
                    for each in result.models
                    if each.values_rewritten or each.hashes_rewritten
                }
            ),
            context={
                "action": "rotate_encryption_keys",
                "values_rewritten": result.values_rewritten,
                "hashes_rewritten": result.hashes_rewritten,
                "values_unreadable": result.values_unreadable,
            },
        )
        if not result.values_unreadable:
            live_hub.rotated()  # the data is now under the newest keys only
    return result
