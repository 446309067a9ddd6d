"""Batch throughput and memory: ``bargainsim batch`` against ``mesa.batch_run``.

Both run the same model on ``feng2012_putin_return`` (21 quarters): the batch through the
vectorised ensemble, in chunks, writing all seven tables of every run as Parquet;
``mesa.batch_run`` through :class:`~bargainsim.model.mesa_model.BargainModel` with its
DataCollector collecting every quarter (``data_collection_period=1``), the path a Mesa
user would take. Each measurement is a fresh subprocess, timed from the outside (wall
time includes start-up and imports) with its peak resident memory: the largest process,
the command or one of its workers (:mod:`process_peak`: ``getrusage`` and, on Linux,
sampling the process tree, since workers started from a fork server are not counted by
``getrusage``).
``mesa.batch_run`` forces the spawn start method globally, so it never runs in this
process.

    python benchmarks/bench_batch.py                 # 1,000 and 10,000 runs, both paths
    python benchmarks/bench_batch.py --memory        # also peak RSS at 100,000 runs
    python benchmarks/bench_batch.py --mesa-runs 1000  # Mesa at 1,000 runs only
    python benchmarks/bench_batch.py --runs 10000 --tables cooperation,dyads --mesa-runs 1000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import process_peak

REPO_ROOT = Path(__file__).resolve().parents[1]
SCENARIO = REPO_ROOT / "scenarios" / "feng2012_putin_return.yaml"

MESA_SCRIPT = """
import sys, time
import mesa
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.mesa_model import BargainModel
from bargainsim.scenario import load_scenario

if __name__ == "__main__":
    runs, processes = int(sys.argv[2]), int(sys.argv[3])
    compiled = compile_scenario(load_scenario(sys.argv[1]))
    results = mesa.batch_run(
        BargainModel,
        parameters={"scenario": compiled},
        rng=list(range(runs)),
        number_processes=processes,
        data_collection_period=1,
        display_progress=False,
    )
    print(len(results))
"""


def measure(command: list[str], cwd: Path) -> dict:
    """Wall time and peak RSS of one command, its workers included
    (:mod:`process_peak`)."""
    result = process_peak.measure(command, cwd)
    if result["code"] != 0:
        raise SystemExit(f"command failed ({result['code']}): {' '.join(command)}")
    return result


def bench_batch(runs: int, workers: int, scratch: Path, tables: str | None = None) -> dict:
    out = scratch / f"batch-{runs}"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "bargainsim.cli",
        "batch",
        str(SCENARIO),
        "--runs",
        str(runs),
        "--workers",
        str(workers),
        "--out",
        str(out),
        *(["--tables", tables] if tables else []),
    ]
    result = measure(command, scratch)
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    shutil.rmtree(out, ignore_errors=True)
    return {**result, "runs": runs, "bytes_per_run": size / runs}


def bench_mesa(runs: int, processes: int, scratch: Path) -> dict:
    script = scratch / "mesa_batch_run.py"
    script.write_text(MESA_SCRIPT, "utf-8")
    command = [sys.executable, str(script), str(SCENARIO), str(runs), str(processes)]
    return {**measure(command, scratch), "runs": runs}


def row(label: str, result: dict) -> str:
    rate = result["runs"] / result["wall"]
    return (
        f"| {label} | {result['runs']:,} | {result['wall']:.2f} | {rate:,.0f} | "
        f"{result['peak_kb'] / 1024:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--mesa-runs", type=int, nargs="+", default=None, help="(default: as --runs)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--memory", action="store_true", help="peak RSS at 100,000 runs too")
    parser.add_argument(
        "--tables", default=None, help="also time batches writing only these tables (NAME,...)"
    )
    args = parser.parse_args()
    mesa_runs = args.mesa_runs or args.runs

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"scenario: {SCENARIO.name}\n")
    print("| path | runs | wall s | runs/s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    batch, mesa = {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as name:
        scratch = Path(name)
        for runs in args.runs:
            batch[runs] = bench_batch(runs, args.workers, scratch)
            print(row(f"bargainsim batch, {args.workers} workers", batch[runs]), flush=True)
            if args.tables:
                some = bench_batch(runs, args.workers, scratch, args.tables)
                label = f"bargainsim batch, {args.workers} workers, --tables {args.tables}"
                print(row(label, some), flush=True)
        fastest_processes = None
        for runs in sorted(mesa_runs):
            # One process and two: with one task per run, two spawned processes are not
            # always faster than one (each re-imports mesa); the better one is the
            # baseline. Larger sizes use the process count that won at the smallest.
            candidates = [fastest_processes] if fastest_processes else [1, 2]
            for processes in candidates:
                result = bench_mesa(runs, processes, scratch)
                print(row(f"mesa.batch_run, {processes} process(es)", result), flush=True)
                best = mesa.get(runs)
                if best is None or result["wall"] < best["wall"]:
                    mesa[runs] = result
                    fastest_processes = processes
        if args.memory:
            for runs in (1000, 100_000):
                result = bench_batch(runs, args.workers, scratch)
                print(row(f"bargainsim batch, {args.workers} workers", result), flush=True)

    print("\nthroughput ratio (batch runs/s / best mesa.batch_run runs/s):")
    for runs in sorted(set(batch) & set(mesa)):
        ratio = mesa[runs]["wall"] / batch[runs]["wall"]
        print(f"  {runs:>7,} runs: {ratio:,.1f}x")
    for runs, result in batch.items():
        print(f"  batch storage: {result['bytes_per_run'] / 1024:.1f} KiB per run ({runs:,} runs)")


if __name__ == "__main__":
    main()
