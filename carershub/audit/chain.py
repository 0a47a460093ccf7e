"""The hash chain over the audit log: how one sealed entry's hash follows from the one before.

``chain_hash = SHA-256(previous entry's chain_hash + "\\n" + this entry, written canonically)``.
The canonical form is a JSON array of every column except the hash itself, in a fixed order,
with sorted keys and UTC times to the microsecond, so that SQLite and PostgreSQL - and a
database restored from a dump - give the same bytes for the same entry. The first entry
follows the empty string.
"""

import hashlib
import json
from datetime import UTC

FIRST_PREVIOUS = ""

# The columns read when sealing or verifying; nothing else is needed.
COLUMNS = [
    "id",
    "chain_position",
    "chain_hash",
    "occurred_at",
    "operation",
    "actor_user_id",
    "actor_organisation_id",
    "object_type",
    "object_id",
    "fields",
    "context",
    "request_id",
]


def canonical(entry, position):
    """The bytes that stand for one entry and its place in the chain."""
    return json.dumps(
        [
            position,
            entry.pk,
            entry.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
            entry.operation,
            entry.actor_user_id,
            entry.actor_organisation_id,
            entry.object_type,
            entry.object_id,
            entry.fields,
            entry.context,
            entry.request_id,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    ).encode("ascii")


def link(previous_hash, entry, position):
    """The chain hash of ``entry`` sealed at ``position`` after an entry with ``previous_hash``."""
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(entry, position))
    return digest.hexdigest()
