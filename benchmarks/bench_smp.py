"""Benchmark ``bargainsim smp`` as a user runs it, against KTAB's published run times.

Synthetic KTAB CSV inputs are generated from a fixed seed: capabilities uniform in
[50, 150], positions in [0, 100], saliences in [5, 50] per dimension; where an actor's
saliences total more than 100 (KTAB's limit) they are scaled down proportionally by
100 / total and rounded down to 2 decimals. Each input is timed as a whole command,
``bargainsim smp FILE --positions-csv OUT`` in a subprocess (interpreter start-up,
reading, the run, writing), wall time, best of ``--repeats``. The scaling tables also give
the engine alone (``run_to_convergence`` in this process, best of the same repeats); KTAB
CSV files hold at most 250 actors, so the 320-actor point is timed in process only.

    python benchmarks/bench_smp.py            # all tables, markdown on stdout
    python benchmarks/bench_smp.py --quick    # skip the 320-actor point
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

import numpy as np

SEED = 20240611
# KTAB's C++ smpc, published times (seconds) for inputs of these shapes.
KTAB_SECONDS = {
    (7, 3): 0.15,
    (13, 2): 1.1,
    (27, 6): 13.7,
    (40, 1): 31.0,
    (80, 1): 377.0,
    (160, 1): 2400.0,  # "more than 2400 s": the ratio is a lower bound
}
SHAPES = [(7, 3), (13, 2), (27, 6), (40, 1), (80, 1), (160, 1)]
ACTOR_SCALING = [10, 20, 40, 80, 160, 320]
DIMENSION_SCALING = [1, 2, 4, 8]
REFERENCE_3DIM = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "ktab"


def synthetic_csv(n_actors: int, n_dims: int, seed: int = SEED) -> str:
    """A KTAB CSV scenario of the given shape, reproducible from ``seed``."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, n_actors, n_dims]))
    capability = rng.uniform(50, 150, n_actors)
    position = rng.uniform(0, 100, (n_actors, n_dims))
    salience = rng.uniform(5, 50, (n_actors, n_dims))
    total = salience.sum(axis=1, keepdims=True)
    salience = np.where(total > 100, salience * (100 / total), salience)
    salience = np.floor(salience * 100) / 100  # 2 decimals, never above the limit
    titles = ",".join(f"Pos{k},Sal{k}" for k in range(n_dims))
    lines = [f"Synthetic_{n_actors}x{n_dims},Seeded benchmark input,{n_actors},{n_dims}"]
    lines.append(f"Actor,Description,Power,{titles}")
    for i in range(n_actors):
        cells = ",".join(f"{position[i, k]:.2f},{salience[i, k]:.2f}" for k in range(n_dims))
        lines.append(f"A{i:03d},synthetic actor,{capability[i]:.3f},{cells}")
    return "\n".join(lines) + "\n"


def bargainsim_command() -> list[str]:
    script = Path(sys.executable).parent / "bargainsim"
    if script.exists():
        return [str(script)]
    found = shutil.which("bargainsim")
    return [found] if found else [sys.executable, "-m", "bargainsim.cli"]


def time_command(input_csv: Path, output_csv: Path, repeats: int) -> tuple[float, int]:
    """Best wall time of the whole command, and the number of turns it ran."""
    command = [*bargainsim_command(), "smp", str(input_csv), "--positions-csv", str(output_csv)]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    with output_csv.open() as stream:
        last = stream.readlines()[-1]
    return best, int(last.split(",")[0])


def time_shape(workdir: Path, n_actors: int, n_dims: int, repeats: int) -> tuple[float, int]:
    input_csv = workdir / f"synthetic_{n_actors}x{n_dims}.csv"
    input_csv.write_text(synthetic_csv(n_actors, n_dims))
    return time_command(input_csv, workdir / f"out_{n_actors}x{n_dims}.csv", repeats)


def time_engine(n_actors: int, n_dims: int, repeats: int) -> tuple[float, int]:
    """Best time of ``run_to_convergence`` alone on the same synthetic input."""
    from bargainsim.bargaining import run_to_convergence
    from bargainsim.bargaining.ktab_csv import parse_ktab_csv
    from bargainsim.bargaining.state import SMPState

    text = synthetic_csv(n_actors, n_dims)
    if n_actors <= 250:
        state = parse_ktab_csv(text).state()
    else:  # beyond KTAB's file limit: build the same arrays directly
        rows = [line.split(",") for line in text.splitlines()[2:]]
        values = np.array([[float(cell) for cell in row[2:]] for row in rows])
        state = SMPState(values[:, 0], values[:, 1::2] / 100.0, values[:, 2::2] / 100.0)
    best, turns = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        run = run_to_convergence(state)
        best = min(best, time.perf_counter() - start)
        turns = run.turns
    return best, turns


def repeats_for(seconds_hint: float, repeats: int) -> int:
    return 1 if seconds_hint > 20 else repeats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    parser.add_argument("--quick", action="store_true", help="skip the 320-actor point")
    args = parser.parse_args(argv)

    print(
        f"date: {time.strftime('%Y-%m-%d')}; python {platform.python_version()}; "
        f"numpy {np.__version__}; {os.cpu_count()} cores; {platform.machine()}; "
        f"{platform.system()}"
    )
    blas_env = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}
    print(f"environment: {blas_env or 'no OPENBLAS_* variables'}")
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        print("\n| input | turns | bargainsim (s) | KTAB smpc (s) | speed-up |")
        print("|---|---:|---:|---:|---:|")
        reference = REFERENCE_3DIM / "dummyData_3Dim.csv"
        if reference.exists():
            seconds, turns = time_command(reference, workdir / "out_ref.csv", args.repeats)
            ratio = KTAB_SECONDS[(7, 3)] / seconds
            print(
                f"| dummyData_3Dim (KTAB's own 7x3) | {turns} | {seconds:.3f} | 0.15 | "
                f"{ratio:.1f}x |"
            )
        for n_actors, n_dims in SHAPES:
            seconds, turns = time_shape(workdir, n_actors, n_dims, args.repeats)
            ktab = KTAB_SECONDS[(n_actors, n_dims)]
            bound = ">" if (n_actors, n_dims) == (160, 1) else ""
            print(
                f"| synthetic {n_actors}x{n_dims} | {turns} | {seconds:.3f} | {bound}{ktab:g} | "
                f"{bound}{ktab / seconds:.0f}x |"
            )

        print("\n| actors (D=1) | turns | command (s) | engine only (s) | engine ms per turn |")
        print("|---:|---:|---:|---:|---:|")
        for n_actors in ACTOR_SCALING:
            if args.quick and n_actors > 160:
                continue
            repeats = repeats_for(n_actors / 16, args.repeats)
            command = "n/a (over 250 actors)"
            if n_actors <= 250:
                seconds, _ = time_shape(workdir, n_actors, 1, repeats)
                command = f"{seconds:.3f}"
            engine, turns = time_engine(n_actors, 1, repeats)
            print(
                f"| {n_actors} | {turns} | {command} | {engine:.3f} | {1000 * engine / turns:.1f} |"
            )

        print(
            "\n| dimensions (N=40) | turns | command (s) | engine only (s) | engine ms per turn |"
        )
        print("|---:|---:|---:|---:|---:|")
        for n_dims in DIMENSION_SCALING:
            seconds, _ = time_shape(workdir, 40, n_dims, args.repeats)
            engine, turns = time_engine(40, n_dims, args.repeats)
            print(
                f"| {n_dims} | {turns} | {seconds:.3f} | {engine:.3f} | "
                f"{1000 * engine / turns:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
