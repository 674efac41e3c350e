"""The ``bagalau`` console command: Django's management commands with our settings."""

from __future__ import annotations

import os
import sys

from bagalau.core import commandline

BAD_INPUT = 2


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bagalau.config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Django names a command after its module; ``demo-data`` is spelt as documented.
    if len(argv) > 1 and argv[1] == "demo-data":
        argv[1] = "demo_data"
    commandline.read_only_command = len(argv) > 1 and argv[1] in commandline.READ_ONLY_COMMANDS
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as err:
        # A missing or wrong setting is the operator's to fix, not a crash to debug.
        sys.stderr.write(f"bagalau: {err}\n")
        sys.exit(BAD_INPUT)
