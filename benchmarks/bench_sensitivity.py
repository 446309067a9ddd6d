"""A Morris screening of Feng (2012)'s scenario, end to end, as a user runs it.

10 inputs (``scenarios/sensitivity/feng2012.yaml``), 20 trajectories (220 design points),
50 replicates: 11,000 runs of ``feng2012_putin_return``, every claim of
``scenarios/claims/feng2012.yaml`` scored at every point, indices, report and figures.
Each measurement is ``bargainsim sensitivity`` in a fresh subprocess (start-up, imports,
loading 220 variants, the batch, scoring and drawing included), timed from the outside,
on the local process pool and on a Dask ``LocalCluster`` of the same number of workers.

    python benchmarks/bench_sensitivity.py                # both backends, median of 3
    python benchmarks/bench_sensitivity.py --repeats 1 --backend local
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SCENARIO = REPO_ROOT / "scenarios" / "feng2012_putin_return.yaml"
INPUTS = REPO_ROOT / "scenarios" / "sensitivity" / "feng2012.yaml"
CLAIMS = REPO_ROOT / "scenarios" / "claims" / "feng2012.yaml"


def one_study(backend: str, workers: int, out: Path, figures: bool) -> float:
    command = [
        sys.executable, "-m", "bargainsim.cli", "sensitivity", str(SCENARIO),
        "--inputs", str(INPUTS), "--claims", str(CLAIMS), "--method", "morris",
        "--trajectories", "20", "--replicates", "50", "--seed", "1",
        "--backend", backend, "--workers", str(workers), "--out", str(out),
    ]  # fmt: skip
    if not figures:
        command.append("--no-figures")
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=REPO_ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=("local", "dask", "both"), default="both")
    parser.add_argument("--no-figures", action="store_true")
    args = parser.parse_args()
    backends = ("local", "dask") if args.backend == "both" else (args.backend,)
    for backend in backends:
        times = []
        for _ in range(args.repeats):
            scratch = Path(tempfile.mkdtemp(prefix="bench-sensitivity-"))
            try:
                times.append(one_study(backend, args.workers, scratch / "out", not args.no_figures))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        print(
            f"{backend:<6} 11,000 runs, {args.workers} workers: median "
            f"{statistics.median(times):.1f} s (runs: {', '.join(f'{t:.1f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
