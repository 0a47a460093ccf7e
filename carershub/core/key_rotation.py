"""Moving every stored value onto the newest keys (ADR 21): ``manage.py rotate_encryption_keys``.

A value encrypted with an older key in FIELD_ENCRYPTION_KEYS is decrypted and encrypted again
with the newest; a lookup hash made with an older key in LOOKUP_HASH_KEYS is made again with the
newest. Rows are read and written in batches, each batch in its own transaction with its rows
locked (on PostgreSQL), so the hub stays in use and a stopped run can simply be run again: rows
already on the newest keys are left alone. The record's content does not change, so versions,
change times and the search index are untouched.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.core import encryption
from carershub.core.encrypted_fields import encrypted_fields, lookup_hash_fields
from carershub.core.statistics import refresh_statistics

BATCH_SIZE = 500


@dataclass
class ModelResult:
    label: str
    rows: int = 0
    values_rewritten: int = 0
    hashes_rewritten: int = 0


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


def _stale(row, encrypted, hashes):
    """Fields of one row (read with its raw tokens as ``<name>__token``) not on the newest keys."""
    values = [f.name for f in encrypted
              if getattr(row, f"token_{f.name}") and not encryption.is_under_newest_key(getattr(row, f"token_{f.name}"))]
    stale_hashes = [h.name for h in hashes
                    if getattr(row, h.attname) != encryption.lookup_hash(getattr(row, h.source))]
    return values, stale_hashes


def _rows(model, encrypted, hashes, pks, lock):
    names = {"pk", *(f.name for f in encrypted), *(h.name for h in hashes), *(h.source for h in hashes)}
    query = model._base_manager.filter(pk__in=pks).only(*names).annotate(
        **{f"token_{f.name}": Cast(f.name, output_field=TextField()) for f in encrypted}
    )
    return list(query.select_for_update() if lock else query)


def rotate(*, check_only=False, batch_size=BATCH_SIZE, progress=None):
    """Re-encrypt and re-hash whatever is not on the newest keys (or, with ``check_only``, count
    it without writing). ``progress(label, done, total)`` is called after each batch."""
    result = Result()
    for model, encrypted, hashes in models_with_protected_values():
        outcome = ModelResult(model._meta.label)
        result.models.append(outcome)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        outcome.rows = len(pks)
        for start in range(0, len(pks), batch_size):
            chunk = pks[start:start + batch_size]
            with transaction.atomic():
                rows = _rows(model, encrypted, hashes, chunk, lock=not check_only)
                changed_rows, changed_fields = [], set()
                for row in rows:
                    values, stale_hashes = _stale(row, encrypted, hashes)
                    if not values and not stale_hashes:
                        continue
                    outcome.values_rewritten += len(values)
                    outcome.hashes_rewritten += len(stale_hashes)
                    for name in stale_hashes:
                        hash_field = model._meta.get_field(name)
                        setattr(row, hash_field.attname, encryption.lookup_hash(getattr(row, hash_field.source)))
                    changed_rows.append(row)
                    changed_fields.update(values + stale_hashes)
                if changed_rows and not check_only:
                    # Every encrypted field of a changed row is written, encrypted with the newest key.
                    model._base_manager.bulk_update(
                        changed_rows, sorted(changed_fields | {f.name for f in encrypted}), batch_size=batch_size
                    )
            if progress:
                progress(outcome.label, min(start + batch_size, len(pks)), len(pks))
    if not check_only:
        refresh_statistics(*(model for model, _, _ in models_with_protected_values()))  # hashes changed
        auditor.record(
            None, Operation.UPDATE, "core.encryptionkeys",
            fields=sorted({each.label for each in result.models if each.values_rewritten or each.hashes_rewritten}),
            context={"action": "rotate_encryption_keys", "values_rewritten": result.values_rewritten,
                     "hashes_rewritten": result.hashes_rewritten},
        )
    return result
