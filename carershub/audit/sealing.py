"""Sealing the audit log: chaining new entries by hash, and writing a checkpoint outside the
database.

Entries are written by the auditor exactly as before, with no lock and no hash: the sealing job
(every minute, carershub/jobs/schedules.py) chains them afterwards. It takes the entries that
have no place in the chain yet, in id order, and gives each the next position and its hash.

Entries are chained in the order they are sealed, not strictly in id order. On PostgreSQL a
transaction that took a lower id can commit after one with a higher id is already visible;
sealing only "ids after the last sealed id" would skip it for ever. Here it is simply sealed
the next time, at the next position. Nothing needs a grace period, and the auditor never
waits for the sealer. See ADR 0015.

Only one sealer runs at a time: each batch locks the single ``AuditSeal`` row (on SQLite the
database's write lock does the same). A second sealer waits, then finds the work done.
"""

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from carershub.audit import chain
from carershub.audit.models import AuditLog, AuditSeal

checkpoint_log = logging.getLogger("carershub.audit.checkpoint")

BATCH_SIZE = 1000
# A run stops after this many batches so that it stays short after a large import; the next
# run, a minute later, carries on.
MAX_BATCHES = 100


@dataclass(frozen=True)
class Checkpoint:
    position: int
    entry_id: int | None
    chain_hash: str
    sealed_at: object

    def as_line(self):
        return json.dumps(
            {
                "sealed_at": self.sealed_at.isoformat(),
                "position": self.position,
                "entry": self.entry_id,
                "chain_hash": self.chain_hash,
            },
            sort_keys=True,
        )


def checkpoint_path():
    """Where checkpoints are appended. Ship this file to storage the hub cannot rewrite."""
    configured = getattr(settings, "AUDIT_CHECKPOINT_PATH", None)
    return (
        Path(configured) if configured else Path(settings.VAR_DIR) / "audit" / "checkpoints.jsonl"
    )


def the_seal():
    """The seal row, created on first use (it is the only one)."""
    seal, _ = AuditSeal.objects.get_or_create(pk=1)
    return seal


def seal(batch_size=BATCH_SIZE, max_batches=MAX_BATCHES):
    """Seal every entry not yet sealed (up to a limit); return how many were sealed."""
    the_seal()
    sealed = 0
    checkpoint = None
    for _ in range(max_batches):
        count, checkpoint_now = _seal_one_batch(batch_size)
        if not count:
            break
        sealed += count
        checkpoint = checkpoint_now
    if checkpoint is not None:
        write_checkpoint(checkpoint)
    return sealed


def _seal_one_batch(batch_size):
    with transaction.atomic():
        # Taken before reading the entries, so a sealer that waited here reads what the
        # one before it committed.
        seal_row = AuditSeal.objects.select_for_update().get(pk=1)
        entries = list(
            AuditLog.objects.filter(chain_position__isnull=True)
            .order_by("pk")
            .only(*chain.COLUMNS)[:batch_size]
        )
        if not entries:
            return 0, None
        position, previous = seal_row.last_position, seal_row.last_hash
        for entry in entries:
            position += 1
            entry.chain_position = position
            entry.chain_hash = previous = chain.link(previous, entry, position)
        AuditLog.objects.bulk_update(entries, ["chain_position", "chain_hash"])
        seal_row.last_position = position
        seal_row.last_entry_id = entries[-1].pk
        seal_row.last_hash = previous
        seal_row.sealed_at = timezone.now()
        seal_row.save()
    return len(entries), Checkpoint(position, entries[-1].pk, previous, seal_row.sealed_at)


def write_checkpoint(checkpoint):
    """Append the checkpoint to the file and the log. Runs after the seal is committed, so the
    file never names a seal that was rolled back."""
    line = checkpoint.as_line()
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())
    checkpoint_log.info("Audit log sealed: %s", line)


def start_afresh_after_restore():
    """After the database is restored from a backup, set the old checkpoints aside.

    The restored log ends where the backup was taken; the checkpoints written since then name
    positions the restored chain will reach again with different entries, so checking against
    them would report every restore as tampering. They are kept beside the new file (and in
    whatever copy was shipped) as the record of the log before the restore; the new file starts
    with the restored seal.
    """
    path = checkpoint_path()
    now = timezone.now()
    if path.exists():
        path.rename(path.with_name(f"{path.name}.before-restore-{now:%Y%m%dT%H%M%SZ}"))
    seal_row = the_seal()
    checkpoint_log.warning(
        "Audit log restored from a backup: earlier checkpoints after position %s no longer apply",
        seal_row.last_position,
    )
    if seal_row.last_position:
        write_checkpoint(
            Checkpoint(seal_row.last_position, seal_row.last_entry_id, seal_row.last_hash, now)
        )
