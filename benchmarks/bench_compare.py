"""Benchmark ``bargainsim compare``, the project's main job, as a user runs it.

Times the headline command — both papers' claims files, each under its own scenario and
its without-drivers counterfactual, 1000 runs each, seed 2008 —

    bargainsim compare --claims scenarios/claims/xu2008.yaml \\
        --claims scenarios/claims/feng2012.yaml --runs 1000 --seed 2008 --out DIR

with and without figures (``--no-figures``), and one claims file at 100 runs. Each is a
whole command in a subprocess (interpreter start-up, simulation, scoring, writing), wall
time, best of ``--repeats``. Markdown on stdout.

    python benchmarks/bench_compare.py              # best of 3
    python benchmarks/bench_compare.py --repeats 1
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "scenarios" / "claims"
BOTH = ["--claims", str(CLAIMS / "xu2008.yaml"), "--claims", str(CLAIMS / "feng2012.yaml")]
ONE = ["--claims", str(CLAIMS / "feng2012.yaml")]
CASES = [
    ("both papers, 1000 runs, figures", [*BOTH, "--runs", "1000"]),
    ("both papers, 1000 runs, --no-figures", [*BOTH, "--runs", "1000", "--no-figures"]),
    ("feng2012, 100 runs, figures", [*ONE, "--runs", "100"]),
]


def command() -> list[str]:
    """The installed console script, or the module when it is not on PATH."""
    script = shutil.which("bargainsim", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bargainsim.cli"]


def time_case(arguments: list[str], repeats: int) -> float:
    best = float("inf")
    with tempfile.TemporaryDirectory() as scratch:
        for k in range(repeats):
            out = Path(scratch) / f"out{k}"
            full = [*command(), "compare", *arguments, "--seed", "2008", "--out", str(out)]
            start = time.perf_counter()
            subprocess.run(full, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of N (default 3)")
    args = parser.parse_args(argv)
    print(
        f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}; best of {args.repeats}\n"
    )
    print("| command | wall time (s) |")
    print("|---|---:|")
    for label, arguments in CASES:
        print(f"| {label} | {time_case(arguments, args.repeats):.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
