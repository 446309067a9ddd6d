"""``bargainsim sensitivity``: which inputs decide each claim.

    bargainsim sensitivity SCENARIO --inputs FILE --claims FILE [--claims FILE ...]
        [--method morris|sobol] [--trajectories T | --base N] [--replicates R]
        [--seed S] [--backend local|inprocess|dask] [--workers W] --out DIR

Samples the inputs file's ranges with SALib, runs the design through the batch engine
into ``DIR/batch`` (resumable: the same command again finishes an interrupted study) and
writes ``DIR/sensitivity.csv``, ``DIR/report.md`` and a figure per claim
(docs/sensitivity.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bargainsim.cli.common import add_out_arguments, add_overrides_argument

BACKENDS = {
    "local": "processes",
    "processes": "processes",
    "inprocess": "inprocess",
    "dask": "dask",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sensitivity",
        help="global sensitivity of the claims to uncertain inputs (Morris or Sobol)",
        description="Sample the inputs named in --inputs (--set paths with ranges or sets "
        "of values), run every design point R times through the batch engine, and report "
        "per claim the Morris mu*/sigma or Sobol S1/ST of the share of runs consistent "
        "with it and of the mean change of its observable, against the noise floor.",
    )
    parser.add_argument("scenario", type=Path, help="scenario YAML file")
    parser.add_argument(
        "--inputs", type=Path, required=True, metavar="FILE", help="uncertain inputs YAML"
    )
    parser.add_argument(
        "--claims",
        type=Path,
        action="append",
        required=True,
        metavar="FILE",
        help="claims YAML file (repeatable)",
    )
    parser.add_argument("--method", choices=("morris", "sobol"), default="morris")
    parser.add_argument(
        "--trajectories",
        type=int,
        default=20,
        metavar="T",
        help="Morris: trajectories, T x (inputs + 1) points (default 20)",
    )
    parser.add_argument(
        "--base",
        type=int,
        default=64,
        metavar="N",
        help="Sobol: base sample (a power of 2), N x (inputs + 2) points (default 64)",
    )
    parser.add_argument(
        "--replicates",
        type=int,
        default=50,
        metavar="R",
        help="seeded runs per design point (default 50; the same seeds at every point)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seeds the design and the runs")
    add_overrides_argument(parser, applies_to=", at every design point,")
    parser.add_argument(
        "--backend",
        choices=tuple(BACKENDS),
        default="local",
        help="local process pool (default), in this process, or Dask",
    )
    parser.add_argument("--workers", type=int, default=None, help="workers (default: all cores)")
    parser.add_argument(
        "--scheduler", default=None, metavar="tcp://HOST:PORT", help="a Dask scheduler to use"
    )
    add_out_arguments(parser, default="required", required=True)
    parser.add_argument("--no-figures", action="store_true", help="skip the figures")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.batch.executors import make_executor
    from bargainsim.workflows.sensitivity import run_sensitivity

    base = args.trajectories if args.method == "morris" else args.base
    with make_executor(BACKENDS[args.backend], args.workers, args.scheduler) as executor:
        summary, table = run_sensitivity(
            args.scenario,
            args.inputs,
            args.claims,
            args.out,
            method=args.method,
            base=base,
            replicates=args.replicates,
            seed=args.seed,
            overrides=args.overrides,
            executor=executor,
            figures=not args.no_figures,
            overwrite=args.overwrite,
        )
    key = "mu_star" if args.method == "morris" else "ST"
    first = table[(table["output"] == "share") & (table["rank"] == 1)]
    for _, row in first.iterrows():
        if not row[key] > 0:
            print(f"{row['claim']:<36} holds or fails alike across the inputs (every {key} 0)")
        elif not row["above_noise"]:
            print(
                f"{row['claim']:<36} no input above the noise floor (largest: {row['input']}, "
                f"{key} {row[key]:.3f})"
            )
        else:
            print(f"{row['claim']:<36} decided most by {row['input']} ({key} {row[key]:.3f})")
    print(
        f"{summary.finished} of {summary.runs} runs ({summary.failed} failed, "
        f"{summary.seconds:.1f} s simulating); wrote {args.out}/report.md and "
        f"{args.out}/sensitivity.csv"
    )
    return 0
