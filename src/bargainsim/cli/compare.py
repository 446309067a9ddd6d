"""``bargainsim compare``: score the papers' claims in simulated runs.

    bargainsim compare SCENARIO --claims FILE [--claims FILE ...] [--runs N] [--seed S]
                       [--versus B.yaml] [--set K=V ...] --out DIR [--overwrite]
    bargainsim compare --batch BATCHDIR --claims FILE --out DIR
    bargainsim compare --claims FILE [--claims FILE ...] --out DIR   # each file's own
                       scenario and counterfactual: the headline check

Writes ``DIR/claims.csv``, ``DIR/report.md`` and the figures it links (docs/claims.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bargainsim.cli.common import add_out_arguments, add_overrides_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="score the papers' claims in simulated runs and write a report",
        description="Score every claim of the claims files in every run: share of runs "
        "consistent with a 95% Wilson interval, with and without the scenario's shock "
        "events, optionally against a second scenario. Without SCENARIO or --batch each "
        "claims file is scored under its own scenario and counterfactual.",
    )
    parser.add_argument("scenario", type=Path, nargs="?", help="scenario YAML file")
    parser.add_argument(
        "--claims",
        type=Path,
        action="append",
        required=True,
        metavar="FILE",
        help="claims YAML file (repeatable)",
    )
    parser.add_argument(
        "--versus",
        type=Path,
        default=None,
        metavar="B.yaml",
        help="a second scenario scored side by side (counterfactual)",
    )
    parser.add_argument(
        "--batch",
        type=Path,
        default=None,
        metavar="BATCHDIR",
        help="score an existing batch instead of running a scenario",
    )
    parser.add_argument(
        "--point",
        type=int,
        default=None,
        metavar="K",
        help="with --batch: the sweep point (scenario x sweep value) to score; required "
        "when the batch has more than one, since pooling them would mix parameter values",
    )
    parser.add_argument("--runs", type=int, default=100, help="runs per scenario (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="seed the run seeds derive from")
    add_overrides_argument(parser, applies_to=", in every scenario run,")
    add_out_arguments(parser, default="required", required=True)
    parser.add_argument("--no-figures", action="store_true", help="skip the figures")
    parser.add_argument(
        "--record",
        type=Path,
        help="a historical record (docs/history.md): the report says, for each headline "
        "claim, whether the paper was right over its own window (papers_right.csv)",
    )
    parser.add_argument(
        "--factors",
        action="store_true",
        help="also remove each of the scenario's factors (events tagged factor:) in turn, "
        "from the same start and seeds, and report each factor's effect (factors.csv)",
    )
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.workflows.compare import run_comparison

    if args.batch is not None and args.scenario is None and args.versus is None:
        from bargainsim.workflows.sweep import is_sweep, run_sweep_comparison

        if args.batch.is_dir() and is_sweep(args.batch, args.point):
            return _sweep(args, run_sweep_comparison)
    _, tables = run_comparison(
        args.claims,
        args.out,
        figures=not args.no_figures,
        overwrite=args.overwrite,
        scenario=args.scenario,
        versus=args.versus,
        batch=args.batch,
        point=args.point,
        runs=args.runs,
        seed=args.seed,
        overrides=args.overrides,
        factors=args.factors,
        record=args.record,
    )
    claims = tables["claims"]
    for _, row in claims.iterrows():
        print(
            f"{row['claim']:<36} {row['scenario']:<28} {100 * row['share']:5.1f}% "
            f"[{100 * row['ci_low']:.0f}-{100 * row['ci_high']:.0f}]  {row['verdict']}"
        )
    headline = tables["headline"]
    for _, h in headline.iterrows():
        print(f"headline {h['claim']}: {h['status']} ({h['why']})")
    print(f"wrote {args.out}/report.md and {args.out}/claims.csv")
    return 0


def _sweep(args: argparse.Namespace, run_sweep_comparison) -> int:
    """Every point of a sweep batch, in one report (docs/claims.md, "Sweeps")."""
    if args.factors or args.record is not None or args.overrides:
        from bargainsim.errors import BargainsimError

        raise BargainsimError(
            "--factors, --record and --set score one scenario; for a sweep batch give "
            "--point K to score one of its points with them"
        )
    table = run_sweep_comparison(
        args.claims, args.batch, args.out, figures=not args.no_figures, overwrite=args.overwrite
    )
    for _, row in table.iterrows():
        print(
            f"{row['claim']:<36} point {row['point']:<3} {100 * row['share']:5.1f}% "
            f"[{100 * row['ci_low']:.0f}-{100 * row['ci_high']:.0f}]  {row['verdict']}"
        )
    print(f"wrote {args.out}/report.md and {args.out}/sweep.csv")
    return 0
