"""Model fields stored encrypted (ADR 21), and the keyed-hash field that finds records by one.

The value is encrypted on its way to the database and decrypted on its way out, so forms,
pages, exports and the subject access ZIP see the text as typed. What the database, its
backups and anyone reading its files see is a Fernet token. A blank value stays blank (so
"has notes" checks and NOT NULL columns keep working); everything else cannot be compared
in SQL, so the only lookups allowed are "is blank" and "is null": anything else is an error
at once rather than a search that silently finds nothing.
"""

import json

from django.core.exceptions import FieldError
from django.db import migrations, models
from django.db.models import Q
from django.db.models.lookups import Exact, IsNull

from carershub.core import encryption, live_hub


class _BlankOnlyExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.output_field.name} is stored encrypted, so it can only be compared "
                "with blank. To find a record by it, compare its lookup hash "
                "(carershub.core.encryption.lookup_hashes)."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    """Shared by the encrypted text fields: a text column holding a token, or blank."""

    encrypted = True

    def get_internal_type(self):
        return "TextField"

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "":
            return value
        return encryption.encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return encryption.decrypt(value)

    def get_lookup(self, lookup_name):
        return {"exact": _BlankOnlyExact, "isnull": IsNull}.get(lookup_name)

    def get_transform(self, name):
        return None


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Free text (case notes, what happened, medication) stored encrypted."""


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A short value stored encrypted. ``max_length`` limits what is typed, not the column
    (the token is longer), so the column is text."""


class EncryptedJSONField(models.JSONField):
    """JSON (such as an assessment's answers, which hold free text) stored as one encrypted token.
    No key lookups in SQL: read the record and use the dictionary."""

    encrypted = True

    def get_internal_type(self):
        return "TextField"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        return encryption.encrypt(json.dumps(value, cls=self.encoder))

    def get_db_prep_save(self, value, connection):
        if hasattr(value, "as_sql"):
            return value
        return self.get_db_prep_value(value, connection)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(encryption.decrypt(value), cls=self.decoder)

    def get_lookup(self, lookup_name):
        return {"isnull": IsNull}.get(lookup_name)

    def get_transform(self, name):
        return None


class LookupHashField(models.CharField):
    """The keyed hash (HMAC-SHA256) of another field's value, kept up to date on every save and
    bulk create, for finding records by a value stored encrypted. Code that writes the source with
    ``QuerySet.update()`` goes through ``core.concurrency.write_if_unchanged`` (or passes
    ``hashed_values()``) so the hash moves with it."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (
            ("max_length", 64),
            ("blank", True),
            ("editable", False),
            ("db_index", True),
        ):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = encryption.lookup_hash(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def matches_encrypted(source, value):
    """A filter for records whose ``source`` field (stored encrypted, with a ``<source>_lookup``
    LookupHashField beside it) equals ``value``: the hash under any lookup key matches.
    LookupKeysMissing if some hashes are under a key that is not configured: a search that
    silently missed them would say "no carers found" (or "no duplicates") when there are."""
    if not value:
        return Q(pk__in=[])
    if live_hub.lookup_keys_missing():
        raise encryption.LookupKeysMissing()
    return Q(**{f"{source}_lookup__in": encryption.lookup_hashes(value)})


def lookup_hash_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, LookupHashField)]


def hashed_values(model, values):
    """``values`` (field name -> new value, for ``QuerySet.update()``) with the lookup hash of
    every source field among them."""
    values = dict(values)
    for field in lookup_hash_fields(model):
        if field.source in values:
            values[field.name] = encryption.lookup_hash(values[field.source])
    return values


def encrypted_fields(model):
    return [field for field in model._meta.concrete_fields if getattr(field, "encrypted", False)]


def encrypt_existing(model_name, fields, hashes=None):
    """A migration operation that encrypts the values already in ``fields`` of ``model_name``
    (after the columns became encrypted fields) and fills the lookup hashes named in ``hashes``
    (hash column -> source column); reversed, it decrypts them. Raw SQL, in batches, so that it
    does not depend on the model as it is today."""
    hashes = hashes or {}

    def change(apps, schema_editor, forwards):
        connection = schema_editor.connection
        table = apps.get_model(model_name)._meta.db_table
        quote = connection.ops.quote_name
        columns = list(fields)
        read = f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)} ORDER BY id"
        targets = columns + (list(hashes) if forwards else [])
        write = (
            f"UPDATE {quote(table)} SET {', '.join(f'{quote(c)} = %s' for c in targets)} WHERE "
            "id = %s"
        )
        with connection.cursor() as reader, connection.cursor() as writer:
            reader.execute(read)
            while rows := reader.fetchmany(1000):
                batch = []
                for pk, *values in rows:
                    by_column = dict(zip(columns, values, strict=True))
                    if forwards:
                        new = [encryption.encrypt(v) if v else v for v in values]
                        new += [
                            encryption.lookup_hash(by_column[source]) for source in hashes.values()
                        ]
                    else:
                        new = [encryption.decrypt(v) if v else v for v in values]
                    batch.append([*new, pk])
                writer.executemany(write, batch)

    return migrations.RunPython(
        lambda apps, schema_editor: change(apps, schema_editor, True),
        lambda apps, schema_editor: change(apps, schema_editor, False),
    )
