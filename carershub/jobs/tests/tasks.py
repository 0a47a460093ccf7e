"""A task for the tests of the worker process: it holds its worker busy until the test lets go."""

import os
import time
from pathlib import Path

from django_tasks import task

GIVE_UP_AFTER_SECONDS = 120


@task()
def hold_until_released(folder):
    """Say which process started it (a file per attempt), then wait for ``folder``/release.

    Safe to run again: it changes nothing but its own files in the test's folder.
    """
    folder = Path(folder)
    (folder / f"started-by-{os.getpid()}").touch()
    deadline = time.monotonic() + GIVE_UP_AFTER_SECONDS
    while not (folder / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("nobody released the job")
        time.sleep(0.05)
    return "released"
