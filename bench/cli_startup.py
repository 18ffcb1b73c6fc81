"""How long `dyad --help` and a usage error take, against `python -c pass` in the same run.

Each command is run ``--runs`` times as a fresh process (interleaved, so load on
the machine hits all alike); the median wall time is printed with the overhead
over the bare interpreter. Target: `dyad --help` under 0.5 s.

    .venv/bin/python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

DYAD = str(Path(sys.executable).parent / "dyad")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import typer'": [sys.executable, "-c", "import typer"],
    # typer parses a command's parameters through pydantic: the floor of any subcommand's usage error.
    "import typer + its pydantic": [sys.executable, "-c", "import typer, typer._adapters"],
    "dyad --help": [DYAD, "--help"],
    "dyad code (usage error)": [DYAD, "code"],
    "dyad code --help": [DYAD, "code", "--help"],
}


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    for cmd in COMMANDS.values():  # warm the file cache and the .pyc files
        wall(cmd)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            times[name].append(wall(cmd))
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<28} {'median s':>9} {'min s':>7} {'over python':>12}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<28} {med:>9.3f} {min(ts):>7.3f} {med - base:>+11.3f}s")
    help_time = statistics.median(times["dyad --help"])
    print(f"\ndyad --help: {help_time:.3f} s median ({help_time / base:.1f}x python -c pass); target < 0.5 s: "
          f"{'met' if help_time < 0.5 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
