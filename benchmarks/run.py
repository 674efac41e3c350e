"""Run every ``benchmarks/bench_*.py`` module's ``main()``, then the quarter close's
(``make bench``), and print one table of them all: time, floor, ratio, peak memory."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_module(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print(f"== {path.stem} ==")
    started = time.perf_counter()
    module.main()
    print(f"   ({time.perf_counter() - started:.2f} s in total)")


def main() -> None:
    # Benchmarks that need Django set it up themselves; pure ones stay free of it.
    sys.path.insert(0, str(HERE))
    from results_table import print_table

    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "table.jsonl"
        table.touch()
        os.environ["BENCH_TABLE"] = str(table)  # child processes add their rows too
        for path in [*sorted(HERE.glob("bench_*.py")), HERE / "quarter_close.py"]:
            run_module(path)
        print()
        print_table(table)


if __name__ == "__main__":
    main()
