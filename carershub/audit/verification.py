"""Checking the audit log: recompute the hash chain from the first entry and name the first break.

Four things can show tampering, and each is told in plain words:
- an entry whose contents no longer give its stored hash (it was changed after sealing);
- a gap in the chain's positions (an entry was deleted);
- a checkpoint - in the database or in the file kept outside it - naming a position the chain
  no longer reaches (entries were deleted from the end), or a hash the chain no longer gives
  there (the chain was rewritten and its hashes recomputed);
- the triggers that refuse changes have been dropped or disabled.

The entries are read in chunks from one query, so memory and the number of queries stay the
same however long the log is.
"""

import json
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from carershub.audit import chain, guard
from carershub.audit.models import AuditLog, AuditSeal
from carershub.audit.sealing import checkpoint_path

CHUNK_SIZE = 2000
# Entries older than this and still unsealed mean the sealing job is not running.
UNSEALED_FOR_TOO_LONG = timezone.timedelta(minutes=15)


@dataclass
class Result:
    checked: int = 0
    last_position: int = 0
    last_entry_id: int | None = None
    last_sealed_at: object = None
    last_hash: str = ""
    checkpoints_compared: int = 0
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def intact(self):
        return not self.problems


def when(moment):
    if moment is None:
        return "an unknown date"
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y at %H:%M:%S %Z}"


def describe(entry):
    return f"entry #{entry.pk} (position {entry.chain_position}, written {when(entry.occurred_at)})"


def read_checkpoints(path, warnings):
    """The checkpoints in the file, oldest first, one at a time."""
    if not path.exists():
        warnings.append(
            f"There is no checkpoint file at {path}, "
            "so deletions from the end of the log cannot be checked."
        )
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                yield (
                    number,
                    int(data["position"]),
                    data.get("entry"),
                    data["chain_hash"],
                    data.get("sealed_at", ""),
                )
            except (ValueError, KeyError, TypeError):
                warnings.append(f"Line {number} of the checkpoint file {path} could not be read.")


def verify(path=None, chunk_size=CHUNK_SIZE):
    result = Result()
    path = path or checkpoint_path()
    checkpoints = read_checkpoints(path, result.warnings)
    pending = next(checkpoints, None)

    entries = (
        AuditLog.objects.filter(chain_position__isnull=False)
        .order_by("chain_position")
        .only(*chain.COLUMNS)
        .iterator(chunk_size=chunk_size)
    )
    previous_hash, previous = chain.FIRST_PREVIOUS, None
    result.last_hash = previous_hash
    for entry in entries:
        expected = result.last_position + 1
        if entry.chain_position != expected:
            result.problems.append(_gap(expected, entry, previous))
            break
        if chain.link(previous_hash, entry, entry.chain_position) != entry.chain_hash:
            result.problems.append(
                f"{describe(entry).capitalize()} has been changed since it was sealed, or an entry "
                "sealed just before it was removed: it no longer matches its seal."
            )
            break
        while pending is not None and pending[1] < entry.chain_position:
            pending = next(checkpoints, None)
        if pending is not None and pending[1] == entry.chain_position:
            result.checkpoints_compared += 1
            if pending[3] != entry.chain_hash:
                result.problems.append(
                    f"The log has been rewritten: {describe(entry)} does not match the "
                    f"checkpoint on line {pending[0]} of {path}, written {pending[4]}."
                )
                break
            pending = next(checkpoints, None)
        result.checked += 1
        result.last_position = entry.chain_position
        result.last_entry_id = entry.pk
        previous_hash, previous = entry.chain_hash, entry
        result.last_hash = previous_hash

    if not result.problems:
        _check_the_end(result, pending, path)
    if not guard.is_installed(connection):
        result.problems.append(
            "The database no longer refuses changes to the audit log: its triggers have been "
            "dropped or disabled. Run `manage.py migrate` to put them back, "
            "and find out who removed them."
        )
    _check_unsealed(result)
    return result


def _gap(expected, entry, previous):
    missing = (
        f"position {expected}"
        if entry.chain_position == expected + 1
        else f"positions {expected} to {entry.chain_position - 1}"
    )
    if previous is None:
        return (
            f"The log has lost its beginning: the entries at {missing} are missing; the chain "
            f"now starts at {describe(entry)}."
        )
    return (
        f"Entries have been deleted: the entries at {missing} are missing, between "
        f"{describe(previous)} and {describe(entry)}."
    )


def _check_the_end(result, pending, path):
    seal = AuditSeal.objects.filter(pk=1).first()
    if seal is not None:
        result.last_sealed_at = seal.sealed_at
        if seal.last_position > result.last_position:
            result.problems.append(
                "Entries have been deleted from the end of the log: it was sealed up to entry "
                f"#{seal.last_entry_id} (position {seal.last_position}) on "
                f"{when(seal.sealed_at)}, but the chain now ends at position "
                f"{result.last_position}."
            )
            return
        if seal.last_position == result.last_position and seal.last_hash != result.last_hash:
            result.problems.append(
                f"The log has been rewritten: its last entry, #{result.last_entry_id} (position "
                f"{result.last_position}), does not match the seal record in the database."
            )
            return
    if pending is not None:
        number, position, entry_id, _, sealed_at = pending
        result.problems.append(
            f"Entries have been deleted from the end of the log: the checkpoint on line {number} "
            f"of {path}, written {sealed_at}, says it was sealed up to entry #{entry_id} "
            f"(position {position}), but the chain now ends at position {result.last_position}."
        )


def _check_unsealed(result):
    oldest = (
        AuditLog.objects.filter(chain_position__isnull=True)
        .order_by("pk")
        .values_list("occurred_at", flat=True)
        .first()
    )
    if oldest is not None and timezone.now() - oldest > UNSEALED_FOR_TOO_LONG:
        result.warnings.append(
            f"Some entries have not been sealed since {when(oldest)}: check that the hub's "
            "worker is running the seal-audit-log job."
        )
