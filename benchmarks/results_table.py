"""One table for ``make bench``: each benchmark, in whatever process it runs, adds a row
(benchmark, backend, time, floor, peak memory) to the file named by ``BENCH_TABLE``;
``run.py`` prints them together at the end. Not a benchmark itself (no ``main``)."""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path


def peak_mib() -> float:
    """This process's peak resident memory: Linux's high-water mark of the running
    program (reset by exec, unlike ``ru_maxrss``, which a child started by fork begins
    with its parent's), else ``ru_maxrss`` (KiB)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_row(
    name: str, backend: str, seconds: float, floor: float | None, *, peak: float | None = None
) -> None:
    """One row; ``peak`` (MiB) when measured earlier, else this process's peak so far."""
    row = {"name": name, "backend": backend, "time": seconds, "floor": floor,
           "peak": peak if peak is not None else peak_mib()}  # fmt: skip
    ratio = f", {seconds / floor:.1f}x its floor" if floor else ""
    print(f"   [{name} on {backend}: {seconds:.2f} s{ratio}; peak {row['peak']:.0f} MiB]")
    if path := os.environ.get("BENCH_TABLE"):
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")


def print_table(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    head = f"{'benchmark':<34} {'backend':<11} {'time':>9} {'floor':>9} {'ratio':>7} {'peak':>9}"
    print(head)
    print("-" * len(head))
    for r in rows:
        floor = f"{r['floor']:.2f} s" if r["floor"] else "-"
        ratio = f"{r['time'] / r['floor']:.1f}x" if r["floor"] else "-"
        print(f"{r['name']:<34} {r['backend']:<11} {r['time']:>7.2f} s {floor:>9} {ratio:>7} "
              f"{r['peak']:>5.0f} MiB")  # fmt: skip
