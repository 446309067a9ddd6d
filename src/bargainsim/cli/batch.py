"""``bargainsim batch SCENARIO [SCENARIO ...] --runs N [--seed S] [--sweep KEY=LO:HI:STEPS]
[--set K=V] [--tables NAME[,NAME...]] [--workers K] [--backend B] [--scheduler tcp://HOST:PORT]
[--out DIR]``:
many runs of one or more scenarios, over a sweep, into a resumable batch directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from bargainsim.cli.common import add_overrides_argument

RUNS_ROOT = Path("runs")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="run scenarios many times (seeds x sweep points) into a resumable batch",
        description="Run each SCENARIO at each sweep point N times through the vectorised "
        "ensemble, in chunks, on an executor backend, into a batch directory of Parquet "
        "tables with manifest.json and a per-run index. Rerunning the same command "
        "completes an interrupted batch. Exit code 1 if any run failed.",
    )
    parser.add_argument("scenarios", nargs="+", type=Path, metavar="SCENARIO")
    parser.add_argument("--runs", type=int, required=True, metavar="N", help="runs per point")
    parser.add_argument(
        "--seed", type=int, default=0, help="batch seed; run seeds are spawned from it (0)"
    )
    parser.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="KEY=LO:HI:STEPS",
        help="sweep a dotted scenario path over STEPS evenly spaced values (or KEY=V1,V2,..);"
        " several axes give their Cartesian product",
    )
    add_overrides_argument(parser, applies_to=", in every scenario run,")
    parser.add_argument(
        "--tables",
        default=None,
        metavar="NAME[,NAME...]",
        help="write only these tables (default: all but contributions; see docs/batches.md)",
    )
    parser.add_argument(
        "--backend",
        choices=("inprocess", "processes", "dask"),
        default=None,
        help="executor: in this process, a local process pool (default), or Dask",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--scheduler", default=None, metavar="tcp://HOST:PORT", help="a Dask scheduler to use"
    )
    parser.add_argument("--chunk-runs", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="batch directory (default runs/<scenario>-<UTC timestamp>/, or the unfinished "
        "batch of the same plan under runs/ if there is one)",
    )
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.batch.engine import run_batch
    from bargainsim.batch.executors import make_executor
    from bargainsim.batch.plan import build_plan

    # The executor first: a process pool's workers start (and import the model) while the
    # scenarios load, instead of after.
    with make_executor(args.backend, args.workers, args.scheduler) as executor:
        plan, scenarios = build_plan(
            args.scenarios,
            runs=args.runs,
            seed=args.seed,
            sweep_specs=args.sweep,
            overrides=args.overrides,
            chunk_runs=args.chunk_runs,
            tables=args.tables,
        )
        out = args.out or find_unfinished(plan.plan_hash()) or default_batch_dir(args.scenarios)
        summary = run_batch(plan, scenarios, out, executor)
    print(describe_summary(summary))
    return 1 if summary.failed else 0


def default_batch_dir(scenario_paths) -> Path:
    from bargainsim.workflows.run import utc_timestamp

    stems = "+".join(dict.fromkeys(Path(path).stem for path in scenario_paths))
    return RUNS_ROOT / f"{stems}-{utc_timestamp()}"


def find_unfinished(plan_hash: str, root: Path = RUNS_ROOT) -> Path | None:
    """The most recent unfinished batch under ``root`` with this plan, if any."""
    import json

    if not root.is_dir():
        return None
    for candidate in sorted(root.iterdir(), reverse=True):
        try:
            plan = json.loads((candidate / "plan.json").read_text("utf-8"))
            if plan.get("plan_hash") != plan_hash:
                continue
            manifest_path = candidate / "manifest.json"
            manifest = {}
            if manifest_path.exists():
                manifest = json.loads(manifest_path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("status") != "finished":
            return candidate
    return None


def describe_summary(summary) -> str:
    lines = list(summary.repairs)
    if summary.resumed:
        lines.append(f"resumed {summary.directory}: ran {summary.runs_run} missing runs")
    rate = f"{summary.runs_per_second:,.0f} runs/s" if summary.runs_run else "nothing to run"
    lines.append(
        f"{summary.finished} of {summary.runs} runs finished, {summary.failed} failed "
        f"({summary.seconds:.2f} s, {rate})"
    )
    for failure in summary.failures[:5]:
        lines.append(f"  run {failure.run} (seed {failure.seed}) failed: {failure.error}")
    if summary.failed:
        lines.append(f"  failed runs' seeds and tracebacks: {summary.directory / 'index.parquet'}")
    lines.append(f"wrote {summary.directory}")
    return "\n".join(lines)
