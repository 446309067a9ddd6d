"""``bargainsim run SCENARIO [--seed N] [--set K=V ...] [--out DIR [--overwrite]]``: one
run of a scenario through the Mesa model, written atomically, with a start-vs-end summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from bargainsim.cli.common import add_out_arguments, add_overrides_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run one scenario once and write its trajectories",
        description="Run a scenario once (one seed) through the Mesa model and write "
        "manifest.json, scenario.resolved.yaml and tidy Parquet tables to --out.",
    )
    parser.add_argument("scenario", type=Path, help="scenario YAML file")
    parser.add_argument("--seed", type=int, default=0, help="the run's seed (default 0)")
    add_overrides_argument(parser)
    add_out_arguments(parser, default="default runs/<scenario>-<UTC timestamp>-seed<N>")
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.workflows.run import default_out_dir, run_single, summary_table

    if args.seed < 0 or args.seed >= 2**63:
        from bargainsim.errors import BargainsimError

        raise BargainsimError(f"--seed must be a non-negative 64-bit integer; got {args.seed}")
    out = args.out or default_out_dir(args.scenario, suffix=f"seed{args.seed}")
    outcome = run_single(
        args.scenario, seed=args.seed, overrides=args.overrides, out=out, overwrite=args.overwrite
    )
    if not args.quiet:
        print(summary_table(outcome.tables["dyads"], outcome.tables["cooperation"]))
        print(f"\nwrote {out} ({outcome.elapsed:.2f} s)")
    return 0
