#!/usr/bin/env python
"""Django's command-line utility for Carers Hub."""

import os
import sys


def main():
    # Without DJANGO_SETTINGS_MODULE a command runs the developer settings; a live hub's database
    # refuses them (carershub.core.live_hub), so a forgotten variable stops a command, not the hub.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    from carershub.core.live_hub import WrongHub

    try:
        execute_from_command_line(sys.argv)
    except WrongHub as refusal:
        sys.stderr.write(f"Refused: {refusal}\n")
        sys.exit(3)


if __name__ == "__main__":
    main()
