"""Every app's migrations go back to nothing and forward again on a new database: an older
backup can be brought forward, and a release can be rolled back."""

import graphlib

import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader

from carershub.resilience.tests.hubs import HUBS, suite_runs_on_postgresql

# The suite's own database always; SQLite too, because development and small hubs run on it.
VENDORS = ["sqlite", *(["postgresql"] if suite_runs_on_postgresql() else [])]

# In one process: starting the hub once per app would take minutes on a busy machine.
BACK_AND_FORWARD = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

ours = {apps!r}
call_command("migrate", interactive=False, verbosity=0)
for app in ours:
    call_command("migrate", app, "zero", interactive=False, verbosity=0)
left = sorted(f"{{a}} {{n}}" for a, n in MigrationRecorder(connection).applied_migrations() if a \
in ours)
call_command("migrate", interactive=False, verbosity=0)
executor = MigrationExecutor(connection)
show({{"left_after_zero": left,
       "unapplied_at_the_end": [str(m) for m, _ in \
executor.migration_plan(executor.loader.graph.leaf_nodes())]}})
"""


def project_apps_most_dependent_first():
    """The hub's own apps with migrations, each before every app its migrations depend on."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    with_migrations = {app for app, _ in graph.leaf_nodes()}
    ours = [
        c.label
        for c in apps.get_app_configs()
        if c.name.startswith("carershub.") and c.label in with_migrations
    ]
    depends_on = {label: set() for label in ours}
    for (app, _), node in graph.node_map.items():
        if app in depends_on:
            depends_on[app].update(
                p.key[0] for p in node.parents if p.key[0] in depends_on and p.key[0] != app
            )
    try:
        order = list(graphlib.TopologicalSorter(depends_on).static_order())
    except graphlib.CycleError:
        order = (
            ours  # migrate APP zero also takes back what depends on it, so any order still works
        )
    return list(reversed(order))


def test_apps_are_taken_back_most_dependent_first():
    order = project_apps_most_dependent_first()
    assert order.index("assessments") < order.index("carers") < order.index("partnerships")
    assert "accounts" in order and "resilience" not in order  # it has no models, so no migrations


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_migration_goes_back_to_zero_and_forward_again(vendor, tmp_path):
    with HUBS[vendor](tmp_path / "hub") as hub:
        result = hub.python(BACK_AND_FORWARD.format(apps=project_apps_most_dependent_first()))
    assert result == {"left_after_zero": [], "unapplied_at_the_end": []}
