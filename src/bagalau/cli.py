"""The ``bagalau`` console command: Django's management commands with our settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bagalau.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Django names a command after its module; ``demo-data`` is spelt as documented.
    if len(argv) > 1 and argv[1] == "demo-data":
        argv[1] = "demo_data"
    execute_from_command_line(argv)
