"""The docs drill: the commands in docs/admin/deploy.md, partnership.md, encryption-keys.md and
backups.md, run as an administrator would type them, in the order the guides give them, so the
guides cannot drift from the code.

Every ``sh`` block marked ``<!-- drill -->`` is run by bash (``set -e``: the first failing command
fails the drill), one guide after another in one throwaway environment: a new PostgreSQL database
and role, and a folder standing in for /etc/carershub, /srv/carershub and /mnt/backups. The only
changes made to what the guides say are those in ``substitute()``: those paths, the database and
role names, and running ``sudo`` commands as this user. It needs a PostgreSQL server (the guides
are for one); the databases and the role are dropped afterwards, whatever happened.
"""

import re
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from carershub.resilience.tests.hubs import _admin_connection, _server_url

GUIDES = ["deploy.md", "partnership.md", "encryption-keys.md", "backups.md"]
DRILL_BLOCK = re.compile(r"^<!-- drill -->\n```sh\n(.*?)^```", re.S | re.M)
SYSTEMD_UNIT = re.compile(r"^```ini\n(\[Unit\].*?)^```", re.S | re.M)
BLOCK_TIMEOUT = 300


def drill_blocks(guide):
    return DRILL_BLOCK.findall((Path(settings.BASE_DIR) / "docs" / "admin" / guide).read_text())


def substitute(block, *, root, name, server):
    """The block as it would be typed on a machine laid out like ``root``,
    with database ``name``.
    """
    host, port = server.hostname or "127.0.0.1", server.port or 5432
    for old, new in [
        ("/etc/carershub", f"{root}/etc"),
        ("/srv/carershub-drill", f"{root}/srv-drill"),
        ("/srv/carershub", f"{root}/srv"),
        ("/mnt/backups", f"{root}/backups"),
        ("sudo -u postgres ", ""),
        ("sudo -u carershub ", ""),
        (" -o carershub ", " "),
        ("sudo ", ""),
        ("localhost:5432", f"{host}:{port}"),
    ]:
        block = block.replace(old, new)
    return re.sub(r"\bcarershub(?=_drill\b|\b)", name, block)


@pytest.fixture
def drill(tmp_path):
    """A throwaway environment: names, a folder,
    and the PostgreSQL role and databases dropped after.
    """
    from psycopg import sql

    with _admin_connection():
        pass  # skips, naming the server, when there is none
    _, server = _server_url()
    name = f"ch_docs_drill_{uuid.uuid4().hex[:10]}"
    root = tmp_path
    (root / "etc").mkdir()
    env = {
        "PATH": f"{Path(settings.BASE_DIR) / '.venv' / 'bin'}:/usr/lib/postgresql/17/bin:"
        "/usr/lib/postgresql/16/bin:/usr/lib/postgresql/15/bin:/usr/bin:/bin",
        "HOME": str(root),
        "LANG": "C.UTF-8",
        "PGHOST": server.hostname or "127.0.0.1",
        "PGPORT": str(server.port or 5432),
        "PGUSER": server.username or "postgres",
    }
    try:
        yield {"root": root, "name": name, "server": server, "env": env}
    finally:
        with _admin_connection() as admin:
            for database in (f"{name}_drill", name):
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(database)
                    )
                )
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def run(script, env):
    return subprocess.run(
        ["bash", "-e", "-u", "-o", "pipefail", "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT,
        check=False,
    )


def test_every_drill_block_in_the_admin_guides_runs_as_written_in_order(drill):
    root, name = drill["root"], drill["name"]
    assert [len(drill_blocks(guide)) for guide in GUIDES] == [3, 2, 2, 4], (
        "a drill block was lost from a guide"
    )
    live_checkpoints = root / "srv" / "var" / "audit" / "checkpoints.jsonl"
    for guide in GUIDES:
        for number, block in enumerate(drill_blocks(guide), start=1):
            script = substitute(block, root=root, name=name, server=drill["server"])
            if guide == "backups.md" and number == 1:
                # The live hub's worker has sealed its audit log:
                # the drill must leave its file alone.
                live_checkpoints.parent.mkdir(parents=True, exist_ok=True)
                live_checkpoints.write_text('{"position": 1, "live": true}\n')
            finished = run(script, drill["env"])
            assert finished.returncode == 0, (
                f"{guide}, drill block {number} failed (exit {finished.returncode}):\n{script}\n"
                f"--- stdout\n{finished.stdout}\n--- stderr\n{finished.stderr}"
            )
            if guide == "deploy.md" and number == 2:
                env_file = root / "etc" / "env"
                assert oct(env_file.stat().st_mode & 0o777) == "0o600"
                assert re.search(r"^FIELD_ENCRYPTION_KEYS=.{44}$", env_file.read_text(), re.M)

    # The restore drill used its own checkpoint file, and never set the live hub's aside.
    assert live_checkpoints.read_text() == '{"position": 1, "live": true}\n'
    assert sorted(p.name for p in live_checkpoints.parent.iterdir()) == ["checkpoints.jsonl"]
    # The drill cleaned up after itself.
    assert not (root / "srv-drill").exists() and not (root / "etc" / "drill.env").exists()

    # Every process started without the environment file is refused by the live database,
    # with a plain message.
    env = {**drill["env"], "DATABASE_URL": _url(drill, name)}
    forgot = run(f".venv/bin/python manage.py backup --output {root}/backups/forgot.tar.gz", env)
    assert forgot.returncode == 3
    assert forgot.stderr.startswith(
        "Refused: This database is a live hub's, but this process is running with "
        "config.settings.local"
    )
    assert "Traceback" not in forgot.stderr
    assert not (root / "backups" / "forgot.tar.gz").exists()


def _url(drill, name):
    server = drill["server"]
    return f"postgres://{name}@{server.hostname or '127.0.0.1'}:{server.port or 5432}/{name}"


def test_every_service_unit_in_the_deploy_guide_reads_the_one_environment_file():
    text = (Path(settings.BASE_DIR) / "docs" / "admin" / "deploy.md").read_text()
    services = [unit for unit in SYSTEMD_UNIT.findall(text) if "[Service]" in unit]
    assert len(services) == 4  # web, worker, backup, verify_audit
    for unit in services:
        assert "EnvironmentFile=/etc/carershub/env\n" in unit, unit
        assert "User=carershub\n" in unit and "WorkingDirectory=/srv/carershub\n" in unit, unit
    starts = " ".join(unit for unit in services)
    for command in (
        "gunicorn config.wsgi",
        "manage.py run_worker",
        "manage.py backup",
        "manage.py verify_audit",
    ):
        assert command in starts


def test_the_drill_substitutes_only_names_and_places():
    server = type("Server", (), {"hostname": "db", "port": 5433})()
    typed = (
        "sudo -u postgres createdb --owner=carershub carershub_drill\n"
        "echo DATABASE_URL=postgres://carershub@localhost:5432/carershub > /etc/carershub/env\n"
        "cd /srv/carershub && ls /srv/carershub-drill /mnt/backups/carershub-drill.tar.gz"
    )
    assert substitute(typed, root="/r", name="n", server=server) == (
        "createdb --owner=n n_drill\n"
        "echo DATABASE_URL=postgres://n@db:5433/n > /r/etc/env\n"
        "cd /r/srv && ls /r/srv-drill /r/backups/n-drill.tar.gz"
    )
