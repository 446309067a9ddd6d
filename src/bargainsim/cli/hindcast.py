"""``bargainsim hindcast``: score a scenario's trajectories against a historical record.

bargainsim hindcast SCENARIO --record FILE [--runs N] [--seed S]
                    [--calibration-end 2013Q4] [--forecasts FILE] --out DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bargainsim.cli.common import add_overrides_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "hindcast",
        help="score simulated trajectories against a historical record, beside baselines",
        description="Run the scenario's ensemble and compare each dyad-period's simulated "
        "direction with the record's, in the calibration period and out of sample, for "
        "dyads with and without events, beside persistence, trend and the papers' "
        "forecasts. Writes hindcast.csv, summary.csv, report.md and figures/.",
    )
    parser.add_argument("scenario", type=Path, help="scenario YAML file")
    parser.add_argument("--record", type=Path, required=True, help="record YAML or CSV")
    parser.add_argument("--runs", type=int, default=200, help="runs (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed the run seeds derive from")
    parser.add_argument(
        "--calibration-end",
        default="2013Q4",
        metavar="QUARTER",
        help="last quarter of the calibration period (default 2013Q4)",
    )
    parser.add_argument(
        "--forecasts", type=Path, default=None, help="the papers' forecasts as data (YAML)"
    )
    add_overrides_argument(parser, applies_to="")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--no-figures", action="store_true", help="skip the figures")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.workflows.hindcast import run_hindcast

    _, summary, band = run_hindcast(
        args.scenario,
        args.record,
        args.out,
        runs=args.runs,
        seed=args.seed,
        calibration_end=args.calibration_end,
        forecasts_path=args.forecasts,
        overrides=args.overrides,
        figures=not args.no_figures,
    )
    whole = summary[summary["dyads"] == "all dyads"]
    for row in whole.itertuples(index=False):
        print(
            f"{row.sample:<14} {row.predictor:<12} {row.matched:>3}/{row.periods:<3} "
            f"{100 * row.share:5.1f}% [{100 * row.ci_low:.0f}-{100 * row.ci_high:.0f}]"
        )
    print(f"band δ = {band:.3f}; wrote {args.out}/report.md and {args.out}/hindcast.csv")
    return 0
