"""Benchmarks of the hub on large fictional data, kept apart from the service's own code.

    python -m benchmarks.search      carer search (``make bench`` runs it, then the next)
    python -m benchmarks.directory   the directory's Open Referral service search
    benchmarks.imports               importing a large case-system export (see BENCHMARKS.md)

Each writes its results into BENCHMARKS.md. They use the hub's code and settings but never its
database: each makes a database of its own.
"""

import os
import sys


def main(command_class):
    """Run a benchmark command from ``python -m``, with the hub's settings loaded first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    command = command_class()
    command.run_from_argv([sys.argv[0], command.name, *sys.argv[1:]])
