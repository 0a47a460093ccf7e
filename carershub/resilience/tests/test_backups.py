"""manage.py backup and restore, on real SQLite and PostgreSQL databases: everything comes back,
and a backup that is damaged, changed, from another database or from a newer hub is refused."""

import hashlib
import io
import json
import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from carershub.carers.tests.factories import CarerFactory
from carershub.resilience import backups, databases
from carershub.resilience.tests.hubs import HUBS

VENDORS = ["sqlite", "postgresql"]
OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}


# --- Whole hubs, each in its own process and database ------------------------------------------


SET_UP_A_LIVE_HUB = """
from django.core.management import call_command
from carershub.audit import sealing
from carershub.resilience.tests import world
call_command("migrate", interactive=False, verbosity=0)
world.build()
sealing.seal()  # as the worker does every minute: the backup holds a sealed audit log
show(world.snapshot())
"""

SET_UP_AN_OLDER_HUB = """
from django.core.management import call_command
from django.utils import timezone
from carershub.jobs.models import WorkerHeartbeat
from carershub.partnerships.models import Partnership
call_command("migrate", interactive=False, verbosity=0)
# Back to before the breakdown-risk changes, which add a column and a table.
call_command("migrate", "carers", "0006", interactive=False, verbosity=0)
Partnership.objects.create(name="Oldshire Carers Partnership", slug="oldshire")
WorkerHeartbeat.objects.create(worker_id="old-hub:1", started_at=timezone.now(), \
last_seen=timezone.now())
show(True)
"""

ANALYZED_TABLES = """
from carershub.core.tests.planner import analyzed_tables
show(sorted(analyzed_tables()))
"""

UP_TO_DATE_WITH = """
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from carershub.jobs.models import WorkerHeartbeat
from carershub.partnerships.models import Partnership
executor = MigrationExecutor(connection)
show({"unapplied": [str(m) for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())],
      "partnerships": list(Partnership.objects.values_list("slug", flat=True)),
      "worker_heartbeats": WorkerHeartbeat.objects.count()})
"""


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_backup_restored_into_a_new_database_brings_back_every_record_and_every_file(
    vendor, tmp_path
):
    backup = tmp_path / "hub.tar.gz"
    with HUBS[vendor](tmp_path / "live") as live:
        before = live.python(SET_UP_A_LIVE_HUB)
        made = live.manage("backup", f"--output={backup}")
    assert f"Backed up the database and 1 uploaded file to {backup}" in made.stdout
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [
        p.name for p in backup.parent.iterdir() if p.name.startswith(".")
    ] == []  # nothing left half-written
    assert before["models"]["carers.Carer"]["count"] == 3
    assert before["models"]["assessments.Assessment"]["count"] == 2
    assert before["models"]["audit.AuditLog"]["count"] > 10
    assert before["models"]["audit.AuditSeal"]["count"] == 1
    assert len(before["files"]) == 1

    with HUBS[vendor](tmp_path / "new") as new:
        restored = new.manage("restore", str(backup), "--yes")
        after = new.snapshot()
        analyzed = new.python(ANALYZED_TABLES)
    assert "Restored the database and 1 uploaded file from the backup made" in restored.stdout
    assert after["carers"] == ["Ada Lovelace", "Grace Hopper", "Mary Seacole"]
    assert after["files"] == before["files"]
    differing = {
        label for label in before["models"] if before["models"][label] != after["models"].get(label)
    }
    assert differing == set(), f"Not restored exactly: {sorted(differing)}"
    # The restored tables come with fresh planner statistics, so searches are fast at once.
    assert {"carers_carer", "audit_auditlog"} <= set(analyzed)


@pytest.mark.parametrize("vendor", VENDORS)
def test_an_older_backup_restored_over_a_newer_hub_is_brought_up_to_date(vendor, tmp_path):
    backup = tmp_path / "older.tar.gz"
    with HUBS[vendor](tmp_path / "live") as live:
        live.python(SET_UP_AN_OLDER_HUB)
        live.manage("backup", f"--output={backup}")
        live.manage("migrate", "--verbosity=0")
        checkpoints = live.folder / "audit" / "checkpoints.jsonl"
        checkpoints.parent.mkdir(parents=True, exist_ok=True)
        checkpoints.write_text('{"position": 9999}\n')

        live.manage("restore", str(backup), "--yes")

        # The old hub's workers are not reported alive by the restored one.
        assert live.python(UP_TO_DATE_WITH) == {
            "unapplied": [],
            "partnerships": ["oldshire"],
            "worker_heartbeats": 0,
        }
        # Checkpoints of the audit log written after the backup no longer apply, and are set aside.
        [set_aside] = checkpoints.parent.glob("checkpoints.jsonl.before-restore-*")
        assert set_aside.read_text() == '{"position": 9999}\n'
    assert _manifest(backup)["migrations"]["carers"] == "0006_search_ranking_indexes"


# --- Refusals, checked before anything is changed ----------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "imports" / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "imports" / "uploads" / "export.csv").write_bytes(
        b"Client ID,Forename\r\nCP1,Ada\r\n"
    )
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_file(db, media_root, tmp_path):
    """A real backup of the test database, and a carer who must survive every refused restore."""
    CarerFactory(given_name="Still", family_name="Here")
    path = tmp_path / "backups" / "hub.tar.gz"
    call_command("backup", output=str(path), stdout=io.StringIO())
    return path


def restore(path, *args):
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def assert_nothing_changed(media_root):
    from carershub.carers.models import Carer

    assert Carer.unscoped.filter(given_name="Still").exists()
    assert (
        media_root / "imports" / "uploads" / "export.csv"
    ).read_bytes() == b"Client ID,Forename\r\nCP1,Ada\r\n"
    assert sorted(p.name for p in media_root.parent.iterdir() if p.name.startswith(".")) == []


def rewrite(path, *, manifest=None, members=None):
    """Write the backup again with its manifest and members changed, as someone tampering would."""
    with tarfile.open(path, "r:gz") as archive:
        contents = {m.name: archive.extractfile(m).read() for m in archive}
    found = json.loads(contents.pop(backups.MANIFEST))
    if manifest:
        manifest(found)
    if members:
        members(contents)
    path.unlink()
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [(backups.MANIFEST, json.dumps(found).encode()), *contents.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _manifest(path):
    with tarfile.open(path, "r:gz") as archive:
        return json.loads(archive.extractfile(backups.MANIFEST).read())


def test_the_manifest_says_what_the_backup_holds_and_how_to_check_it(backup_file):
    manifest = _manifest(backup_file)
    assert manifest["format"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["hub"]["version"] == "0.1.0"
    [(_, latest)] = MigrationLoader(None).graph.leaf_nodes("carers")
    assert manifest["migrations"]["carers"] == latest
    assert set(manifest["members"]) == {
        manifest["database"]["member"],
        "files/imports/uploads/export.csv",
    }
    with tarfile.open(backup_file, "r:gz") as archive:
        assert archive.getnames()[0] == "manifest.json"


def test_a_backup_never_replaces_an_existing_file(backup_file):
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(backup_file), stdout=io.StringIO())


def test_a_backup_cannot_go_inside_the_uploaded_files(db, media_root):
    with pytest.raises(CommandError, match="cannot go inside the uploaded files folder"):
        call_command("backup", output=str(media_root / "hub.tar.gz"), stdout=io.StringIO())
    assert not (media_root / "hub.tar.gz").exists()


def test_a_backup_of_another_kind_of_database_is_refused(backup_file, media_root):
    other = OTHER_VENDOR[connection.vendor]
    rewrite(backup_file, manifest=lambda m: m["database"].update(vendor=other))
    with pytest.raises(
        CommandError,
        match=f"This backup is of a {databases.VENDOR_NAMES[other]} database but this hub runs on",
    ):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


@pytest.mark.parametrize("member", ["database", "files/imports/uploads/export.csv"])
def test_a_backup_changed_after_it_was_made_is_refused(backup_file, media_root, member):
    def tamper(contents):
        name = next(n for n in contents if n.startswith(member))
        contents[name] = contents[name][:-1] + bytes([contents[name][-1] ^ 1])

    rewrite(backup_file, members=tamper)
    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_backup_with_a_file_its_manifest_does_not_list_is_refused(backup_file, media_root):
    rewrite(
        backup_file, members=lambda contents: contents.update({"files/extra.txt": b"slipped in"})
    )
    with pytest.raises(CommandError, match="which its manifest does not list"):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_backup_missing_a_file_is_refused(backup_file, media_root):
    rewrite(backup_file, members=lambda contents: contents.pop("files/imports/uploads/export.csv"))
    with pytest.raises(CommandError, match="The backup is incomplete"):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_file_that_would_land_outside_the_uploaded_files_folder_is_refused(
    backup_file, media_root, tmp_path
):
    escape = "files/../../escaped.txt"

    def add(contents):
        contents[escape] = b"outside"

    def list_it(manifest):
        manifest["members"][escape] = {"sha256": hashlib.sha256(b"outside").hexdigest(), "size": 7}

    rewrite(backup_file, manifest=list_it, members=add)
    with pytest.raises(CommandError, match="unsafe name"):
        restore(backup_file, "--yes")
    assert not list(tmp_path.rglob("escaped.txt"))
    assert_nothing_changed(media_root)


def test_a_backup_from_a_newer_version_of_the_hub_is_refused(backup_file, media_root):
    rewrite(backup_file, manifest=lambda m: m["migrations"].update(carers="0099_from_the_future"))
    with pytest.raises(
        CommandError, match=r"made by a newer version of the hub.*\(carers 0099_from_the_future\)"
    ):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_backup_whose_manifest_lost_its_checksums_is_refused(backup_file, media_root):
    rewrite(backup_file, manifest=lambda m: m.pop("members"))
    with pytest.raises(CommandError, match="The manifest in .* is incomplete"):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_database_dump_that_cannot_be_loaded_is_refused_even_with_a_matching_checksum(
    backup_file, media_root
):
    garbage = b"not a database at all" * 100

    def replace_dump(contents):
        contents[next(n for n in contents if n.startswith("database"))] = garbage

    def list_it(manifest):
        manifest["members"][manifest["database"]["member"]] = {
            "sha256": hashlib.sha256(garbage).hexdigest(),
            "size": len(garbage),
        }

    rewrite(backup_file, manifest=list_it, members=replace_dump)
    with pytest.raises(
        CommandError, match="The database in the backup cannot be read|pg_restore failed"
    ):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_backup_the_configured_keys_cannot_read_is_refused_before_anything_changes(
    backup_file, media_root
):
    from django.test import override_settings

    from carershub.core.encryption import make_field_key, make_hash_key

    assert _manifest(backup_file)["keys"][
        "field"
    ]  # the backup names the keys it needs, as fingerprints
    with override_settings(FIELD_ENCRYPTION_KEYS=[make_field_key()]):
        with pytest.raises(
            CommandError,
            match="cannot read this backup: 1 of the keys its encrypted values were made "
            "with is not in FIELD_ENCRYPTION_KEYS",
        ):
            restore(backup_file, "--yes")
    with override_settings(LOOKUP_HASH_KEYS=[make_hash_key()]):
        with pytest.raises(
            CommandError,
            match="1 of the keys its NHS number hashes were made with is not in LOOKUP",
        ):
            restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_live_hubs_backup_is_refused_under_other_settings(backup_file, media_root):
    rewrite(backup_file, manifest=lambda m: m["keys"].update(live=True))
    with pytest.raises(
        CommandError, match="This backup is of a live hub: restore it with the live hub's settings"
    ):
        restore(backup_file, "--yes")
    assert_nothing_changed(media_root)


def test_a_file_that_is_not_a_backup_is_refused(db, media_root, tmp_path):
    not_a_backup = tmp_path / "holiday.jpg"
    not_a_backup.write_bytes(b"\xff\xd8\xff\xe0 not a backup")
    with pytest.raises(CommandError, match="is not a backup of the hub"):
        restore(not_a_backup, "--yes")
    with pytest.raises(CommandError, match="There is no backup at"):
        restore(tmp_path / "missing.tar.gz", "--yes")


def test_restoring_asks_first_and_answering_anything_but_yes_restores_nothing(
    backup_file, media_root, monkeypatch
):
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        restore(backup_file)
    assert asked == ["Type yes to restore: "]
    assert_nothing_changed(media_root)


# --- PostgreSQL's tools ------------------------------------------------------------------------


def test_missing_postgresql_tools_are_named_in_plain_english(monkeypatch):
    monkeypatch.setattr(databases.shutil, "which", lambda name: None)
    monkeypatch.setattr(databases.glob, "glob", lambda pattern: [])
    with pytest.raises(
        databases.DatabaseError, match="The PostgreSQL program pg_dump was not found. Install"
    ):
        databases.tool("pg_dump")


def test_postgresql_tools_are_found_where_debian_installs_them(monkeypatch):
    monkeypatch.setattr(databases.shutil, "which", lambda name: None)
    monkeypatch.setattr(
        databases.glob,
        "glob",
        lambda pattern: ["/usr/lib/postgresql/9/bin/pg_dump", "/usr/lib/postgresql/15/bin/pg_dump"],
    )
    assert databases.tool("pg_dump") == "/usr/lib/postgresql/15/bin/pg_dump"


def test_the_database_password_goes_to_pg_dump_in_its_environment_never_its_command_line(
    monkeypatch, tmp_path
):
    class Postgres:
        vendor = "postgresql"
        settings_dict = {
            "NAME": "carershub",
            "USER": "hub",
            "PASSWORD": "s3cret-horse",
            "HOST": "db.internal",
            "PORT": "5433",
            "OPTIONS": {"sslmode": "require"},
        }

    calls = []

    def run(command, *, env, **kwargs):
        calls.append((command, env))
        return type("Finished", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setattr(databases, "connection", Postgres())
    monkeypatch.setattr(databases.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(databases.subprocess, "run", run)
    monkeypatch.setenv("PGPASSWORD", "someone-elses")
    databases.dump(tmp_path / "database.pgdump")

    [(command, env)] = calls
    assert command[:2] == ["/usr/bin/pg_dump", "--format=custom"]
    assert not any("s3cret" in part or "db.internal" in part for part in command)
    assert env["PGPASSWORD"] == "s3cret-horse"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"], env["PGSSLMODE"]) == (
        "db.internal",
        "5433",
        "hub",
        "carershub",
        "require",
    )
