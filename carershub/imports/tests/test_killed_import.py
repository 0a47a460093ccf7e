"""An import killed half-way (kill -9: no clean-up of any kind) leaves the register as it was.

The command runs as a separate process against this test's database, as it would on a server.
It is killed once while it checks rows (progress is committed, the register untouched) and
once while it publishes (some batches committed, hidden from everyone, the next one not); both
times the register as anyone sees it is unchanged and the import is not done. Then the same file
imports completely, and the killed import's hidden carers are gone.
"""

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from benchmarks.imports import fictional_export
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.imports.models import ImportRun, Status
from carershub.jobs.tests.test_worker_process import database_url_for_this_test

ROWS = 20_000
WAIT_SECONDS = 120


class ImportProcess:
    """``manage.py import_carers`` in a child process, its standard error read as it comes."""

    def __init__(self, path, organisation):
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_this_test(),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONUNBUFFERED": "1",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "import_carers",
                str(path),
                "--organisation",
                str(organisation.pk),
                "--source-system",
                "CarePoint",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.output = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for chunk in iter(lambda: self.process.stderr.read1(4096), b""):
            self.output += chunk.decode("utf-8", "replace")

    def wait_until(self, condition, what):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(
                    f"The import exited ({self.process.returncode}) before "
                    f"{what}:\n{self.output[-3000:]}"
                )
            time.sleep(0.05)
        pytest.fail(f"Gave up waiting for {what}:\n{self.output[-3000:]}")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=WAIT_SECONDS)
        self._reader.join(timeout=WAIT_SECONDS)
        assert self.process.returncode == -signal.SIGKILL

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def latest_run():
    return ImportRun.unscoped.order_by("-pk").first()


def checking_under_way():
    run = latest_run()
    return (
        run is not None and run.status == Status.VALIDATING and 0 < run.rows_processed < ROWS // 2
    )


def carers_added_in_transaction(output):
    """How many carers the bar says were inserted (uncommitted), from the last redraw."""
    counts = re.findall(r"Adding to the register:.*?\|\s*(\d+)/" + str(ROWS), output)
    return int(counts[-1]) if counts else 0


@pytest.mark.django_db(transaction=True)
def test_killing_the_import_at_any_point_leaves_the_register_as_it_was(
    hub, tmp_path, manager_actor, settings
):
    manager = manager_actor
    path = tmp_path / "carepoint.csv"
    path.write_bytes(fictional_export(ROWS))
    already = {c.pk for c in CarerFactory.create_batch(3, holding_organisation=hub)}

    # Killed while checking rows: progress was committed, the register never touched.
    child = ImportProcess(path, hub)
    try:
        child.wait_until(checking_under_way, "it had checked some rows")
        child.kill()
    finally:
        child.stop()
    assert set(Carer.unscoped.values_list("pk", flat=True)) == already
    assert latest_run().status == Status.VALIDATING  # stopped where it was: never "done"

    # Killed while publishing, with thousands of carers inserted: some batches committed, one not.
    child = ImportProcess(path, hub)
    try:
        child.wait_until(
            lambda: 0 < carers_added_in_transaction(child.output) <= ROWS // 2,
            "it had inserted some carers",
        )
        child.kill()
    finally:
        child.stop()
    killed = latest_run()
    assert killed.status == Status.IMPORTING
    # Batches already committed are on the register's table, but nobody sees them: they belong
    # to an import that never finished.
    assert (
        set(Carer.objects.visible_to(manager, HUB_RECORD).values_list("pk", flat=True)) == already
    )
    hidden = Carer.unscoped.exclude(pk__in=already)
    assert hidden.exists()
    assert set(hidden.values_list("publishing_import_id", flat=True)) == {killed.pk}

    # The same file again, to the end: everyone is added, once. (The killed publish counts as
    # stopped once it has shown no progress for a while; no waiting for that here.)
    settings.IMPORTS_PUBLISH_STALLED_SECONDS = 0
    out = io.StringIO()
    call_command(
        "import_carers",
        str(path),
        organisation=str(hub.pk),
        source_system="CarePoint",
        no_progress=True,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert f"Added {ROWS:,} carers to the register." in out.getvalue()
    assert latest_run().status == Status.DONE
    assert Carer.unscoped.filter(holding_organisation=hub).count() == ROWS + len(already)
    assert Carer.objects.visible_to(manager, HUB_RECORD).count() == ROWS + len(already)
    assert not Carer.unscoped.filter(publishing_import_id__isnull=False).exists()
    killed.refresh_from_db()
    assert killed.status == Status.FAILED
