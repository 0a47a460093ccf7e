"""Backups of the whole hub, and restoring from them: one .tar.gz holding the database, the
uploaded files (MEDIA_ROOT) and a manifest that says what the backup is and how to check it.

The manifest comes first in the archive:

    {"format": 1, "created_at": "...", "hub": {"version": "0.1.0", "commit": "..."},
     "database": {"vendor": "sqlite", "member": "database.sqlite3"},
     "migrations": {"carers": "0007_breakdown_risk", ...},
     "members": {"database.sqlite3": {"sha256": "...", "size": 123}, "files/imports/...": {...}}}

A restore checks everything it can before it changes anything (see ADR 16).
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from carershub.audit import sealing
from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.core import live_hub
from carershub.core.statistics import refresh_statistics
from carershub.jobs.models import WorkerHeartbeat
from carershub.resilience import databases

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be made or used; the message says why in plain English."""


@dataclass
class Made:
    path: Path
    size: int
    files: int


# --- Making a backup -------------------------------------------------------------------------


def default_path():
    return Path(settings.VAR_DIR) / "backups" / f"carershub-{timezone.now():%Y-%m-%d-%H%M%S}.tar.gz"


def make_backup(output=None):
    """Write the backup to ``output`` (a new file, readable by its owner only) and return it."""
    output = Path(output or default_path()).absolute()
    media = Path(settings.MEDIA_ROOT).absolute()
    if output.exists():
        raise BackupError(
            f"{output} already exists: choose another name, or move the old backup away first"
        )
    if output.is_relative_to(media):
        raise BackupError(
            f"The backup cannot go inside the uploaded files folder ({media}): the next backup "
            "would include it"
        )
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        vendor = databases.vendor()
        with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as staging:
            staging = Path(staging)
            members = {}
            dump_name = databases.DUMP_NAMES[vendor]
            databases.dump(staging / dump_name)
            members[dump_name] = _describe(staging / dump_name)
            # The files are copied aside first, so that each one's checksum is that of what is
            # packed.
            copies = _copy_files(media, staging / FILES)
            for relative, copy in copies:
                members[f"{FILES}/{relative}"] = _describe(copy)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "hub": hub_version(),
                "database": {"vendor": vendor, "member": dump_name},
                "migrations": applied_migrations(),
                "keys": key_fingerprints(),
                "members": members,
            }
            _write_archive(output, manifest, staging)
    except databases.DatabaseError as error:
        raise BackupError(f"No backup was made: {error}") from error
    except OSError as error:
        raise BackupError(f"No backup was made: {error}") from error
    auditor.record(
        None,
        Operation.EXPORT,
        "resilience.backup",
        context={"file": output.name, "files": len(copies)},
    )
    return Made(path=output, size=output.stat().st_size, files=len(copies))


def _copy_files(media, target):
    copies = []
    if not media.is_dir():
        return copies
    for folder, dirs, names in os.walk(media):
        dirs.sort()
        for name in sorted(names):
            source = Path(folder) / name
            if source.is_symlink() or not source.is_file():
                continue  # the hub makes neither; a link could point anywhere
            relative = source.relative_to(media).as_posix()
            copy = target / relative
            copy.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            try:
                shutil.copyfile(source, copy)
            except FileNotFoundError:
                continue  # deleted while the backup ran (an expired rejected-rows file): not needed
            copies.append((relative, copy))
    return copies


def _describe(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _write_archive(output, manifest, staging):
    partial = output.with_name(f".{output.name}.{uuid.uuid4().hex}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as archive:
                _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                for member in manifest["members"]:
                    with open(staging / member, "rb") as handle:
                        _add(archive, member, handle, size=manifest["members"][member]["size"])
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    _sync_folder(output.parent)


def _add(archive, name, content, size=None):
    if isinstance(content, bytes):
        size, content = len(content), io.BytesIO(content)
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, content)


def _private_folder(folder, within):
    """Make ``folder`` and any missing folders above it, up to ``within``,
    readable by the hub only.
    """
    for level in [*reversed(folder.relative_to(within).parents), folder.relative_to(within)]:
        (within / level).mkdir(mode=0o700, exist_ok=True)


def _sync_folder(folder):
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def hub_version():
    version = None
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            version = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    commit = None
    try:
        finished = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if finished.returncode == 0:
            commit = finished.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        pass
    return {"version": version, "commit": commit}


def key_fingerprints():
    """Which keys the backup's encrypted values and lookup hashes need, as fingerprints (ADR 30):
    a live hub's record of them, or else the keys configured now."""
    record = live_hub.identity()
    if record is not None:
        return {
            "live": True,
            "field": record.field_key_fingerprints,
            "lookup": record.lookup_key_fingerprints,
        }
    fields, lookups = live_hub.configured_fingerprints()
    return {"live": False, "field": fields, "lookup": lookups}


def applied_migrations():
    """The latest migration applied for each app, as the migration graph orders them."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    by_app = defaultdict(set)
    for app, name in loader.applied_migrations:
        by_app[app].add(name)
    latest = {}
    for app, names in sorted(by_app.items()):
        known = {name for name in names if (app, name) in loader.graph.nodes}
        earlier = set()
        for name in known:
            earlier.update(
                n for a, n in loader.graph.forwards_plan((app, name)) if a == app and n != name
            )
        leaves = sorted(known - earlier) or sorted(names)
        latest[app] = leaves[-1]
    return latest


# --- Reading and checking a backup -----------------------------------------------------------


def read_manifest(path):
    """The backup's manifest, checked against this hub: its format, database and migrations."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}")
    try:
        with tarfile.open(path, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(
                    f"{path} is not a backup of the hub: it does not start with {MANIFEST}"
                )
            manifest = json.loads(archive.extractfile(first).read())
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise BackupError(
            f"{path} is not a backup of the hub, or it is damaged: {error}"
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is in a backup format this version of the hub does not read")
    if not (
        isinstance(manifest.get("database"), dict)
        and isinstance(manifest.get("migrations"), dict)
        and isinstance(manifest.get("members"), dict)
        and all(isinstance(m, dict) and "sha256" in m for m in manifest["members"].values())
    ):
        raise BackupError(
            f"The manifest in {path} is incomplete: the backup is damaged or has been changed"
        )
    _check_database(manifest)
    _check_migrations(manifest)
    _check_keys(manifest)
    return manifest


def _check_keys(manifest):
    """Refuse a backup whose encrypted values the configured keys cannot read, before anything is
    replaced: restoring it would leave a hub that fails on every case note (ADR 30)."""
    keys = manifest.get("keys")
    if keys is None:
        return  # made before backups named their keys: nothing to check against
    if not isinstance(keys, dict):
        raise BackupError(
            "The manifest's list of keys is damaged: the backup is damaged or has been changed"
        )
    if keys.get("live") and not getattr(settings, "HUB_IS_LIVE", False):
        raise BackupError(
            "This backup is of a live hub: restore it with the live hub's settings and keys "
            "(DJANGO_SETTINGS_MODULE=config.settings.production and the environment file, with "
            "DATABASE_URL and CARERSHUB_VAR_DIR pointing where it should go). Nothing was changed."
        )
    fields, lookups = live_hub.configured_fingerprints()
    missing = []
    if absent := [f for f in keys.get("field", []) if f not in fields]:
        missing.append(
            f"{len(absent)} of the keys its encrypted values were made with "
            f"{'is' if len(absent) == 1 else 'are'} not in FIELD_ENCRYPTION_KEYS"
        )
    if absent := [f for f in keys.get("lookup", []) if f not in lookups]:
        missing.append(
            f"{len(absent)} of the keys its NHS number hashes were made with "
            f"{'is' if len(absent) == 1 else 'are'} not in LOOKUP_HASH_KEYS"
        )
    if missing:
        raise BackupError(
            f"The keys configured here cannot read this backup: {' and '.join(missing)}. Nothing "
            "was changed. Add the keys that were in use when the backup was made "
            "(docs/admin/encryption-keys.md) and restore again."
        )


def _check_database(manifest):
    theirs = manifest.get("database", {}).get("vendor")
    ours = databases.vendor()
    if theirs != ours:
        name = databases.VENDOR_NAMES.get(theirs, theirs)
        raise BackupError(
            f"This backup is of a {name} database but this hub runs on "
            f"{databases.VENDOR_NAMES[ours]}. "
            "Restore it into a hub that uses the same kind of database."
        )
    if manifest["database"].get("member") != databases.DUMP_NAMES[ours]:
        raise BackupError(
            "The backup's manifest does not name its database file: it is damaged or has been "
            "changed"
        )


def _check_migrations(manifest):
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = sorted(
        f"{app} {name}"
        for app, name in manifest.get("migrations", {}).items()
        if (app, name) not in known
    )
    if newer:
        raise BackupError(
            "This backup was made by a newer version of the hub: "
            "its database has changes this version "
            f"does not know about ({', '.join(newer)}). Restore it with the version of the hub "
            f"that made it ({_version_of(manifest)}) or a later one."
        )


def _version_of(manifest):
    hub = manifest.get("hub") or {}
    return (
        ", ".join(
            filter(None, [hub.get("version"), hub.get("commit") and f"commit {hub['commit'][:12]}"])
        )
        or "unknown"
    )


def _member_path(name):
    """Where a member goes, relative to the unpacking folder; refuses names that would escape it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(
            f"The backup holds a file with an unsafe name ({name}); it was not restored"
        )
    return Path(*path.parts)


def unpack(path, manifest, into):
    """Unpack every member into ``into``, checking each against the manifest's checksum."""
    expected = manifest["members"]
    database_member = manifest["database"]["member"]
    if database_member not in expected:
        raise BackupError("The backup's manifest does not list its database")
    seen = set()
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if member.name == MANIFEST:
                    continue
                if member.name in seen:
                    raise BackupError(f"The backup holds {member.name} twice: it has been changed")
                if member.name not in expected:
                    raise BackupError(
                        f"The backup holds {member.name}, which its manifest does not list: it "
                        "has been changed"
                    )
                if not member.isfile():
                    raise BackupError(f"The backup holds {member.name}, which is not a plain file")
                if member.name != database_member and not member.name.startswith(f"{FILES}/"):
                    raise BackupError(
                        f"The backup holds {member.name}, "
                        "which is neither the database nor an uploaded file"
                    )
                target = Path(into) / _member_path(member.name)
                _private_folder(target.parent, within=Path(into))
                digest = hashlib.sha256()
                source = archive.extractfile(member)
                with open(
                    os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"
                ) as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        handle.write(chunk)
                if digest.hexdigest() != expected[member.name]["sha256"]:
                    raise BackupError(
                        f"{member.name} in the backup does not match its checksum: the backup is "
                        "damaged or has been changed"
                    )
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"The backup could not be read to the end: {error}") from error
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            f"The backup is incomplete: {len(missing)} files listed in its manifest are missing, "
            f"{missing[0]} first"
        )


# --- Restoring -------------------------------------------------------------------------------


class Restore:
    """A backup checked and unpacked beside MEDIA_ROOT, ready to replace the hub's data.

    Use as a context manager: the unpacked copy is removed afterwards, whatever happened.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.manifest = read_manifest(self.path)
        self.media = Path(settings.MEDIA_ROOT).absolute()
        self.staging = None

    def __enter__(self):
        self.media.parent.mkdir(parents=True, exist_ok=True)
        # Beside MEDIA_ROOT, so that the new files replace the old with renames, not copies.
        self.staging = Path(
            tempfile.mkdtemp(dir=self.media.parent, prefix=f".{self.media.name}-restore-")
        )
        try:
            unpack(self.path, self.manifest, self.staging)
            databases.check_dump(self.staging / self.manifest["database"]["member"])
        except databases.DatabaseError as error:
            self.__exit__(None, None, None)
            raise BackupError(str(error)) from error
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    @property
    def file_count(self):
        return sum(1 for name in self.manifest["members"] if name.startswith(f"{FILES}/"))

    def apply(self, *, stdout=None):
        """Replace the database, then the files, then bring the database up to this version."""
        try:
            databases.restore(self.staging / self.manifest["database"]["member"])
        except databases.DatabaseError as error:
            raise BackupError(f"Nothing was restored: {error}") from error
        self._swap_files()
        call_command("migrate", interactive=False, verbosity=0, stdout=stdout)
        # The workers that beat in the backup's database are the old hub's: none of them is running
        # against this one, so the health check must not count them as alive.

        WorkerHeartbeat.objects.all().delete()
        # The restored audit log ends where the backup was taken: checkpoints written since then
        # no longer apply (ADR 15).
        sealing.start_afresh_after_restore()
        # A restored PostgreSQL database has no planner statistics; a restored SQLite file has
        # those of the day it was backed up.
        refresh_statistics()
        auditor.record(
            None,
            Operation.UPDATE,
            "resilience.restore",
            context={
                "file": self.path.name,
                "created_at": self.manifest.get("created_at"),
                "files": self.file_count,
            },
        )

    def _swap_files(self):
        restored = self.staging / FILES
        restored.mkdir(mode=0o700, exist_ok=True)
        old = self.staging / "replaced"
        had_files = self.media.exists()
        if had_files:
            os.replace(self.media, old)
        try:
            os.replace(restored, self.media)
        except OSError as error:
            if had_files:
                os.replace(old, self.media)
            raise BackupError(
                "The database was restored but the files could not be put in place, so the old "
                f"ones were kept: {error}"
            ) from error
