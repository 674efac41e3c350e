"""``bagalau demo-data --employees 100000 [--bodies N]``: a large synthetic dataset.

For benchmarks (DEBUG only): replaces any previous synthetic dataset, writes every table
set-based in batches, and prints the time taken.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bagalau.core import clock
from bagalau.demo.synthetic import generate

EMPLOYEES_PER_BODY = 33  # ~100,000 "B" corps employees in ~3,000 bodies


class Command(BaseCommand):
    help = "Build a large synthetic dataset of bodies and employees for benchmarks (DEBUG only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=100_000)
        parser.add_argument(
            "--bodies", type=int, default=None, help="default: one per 33 employees"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Synthetic data are created only when DEBUG is on.")
        employees: int = options["employees"]
        if employees < 1:
            raise CommandError("--employees must be at least 1.")
        bodies: int = options["bodies"] or max(1, employees // EMPLOYEES_PER_BODY)
        if bodies < 1:
            raise CommandError("--bodies must be at least 1.")
        started = time.perf_counter()
        counts = generate(employees=employees, bodies=bodies, today=clock.today())
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{counts.employees} employees, {counts.bodies} bodies, "
            f"{counts.departments} departments, {counts.positions} positions, "
            f"{counts.assignments} assignments, {counts.absences} absences "
            f"in {seconds:.1f} s"
        )
