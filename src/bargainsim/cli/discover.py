"""``bargainsim discover``: PRIM boxes for "when does claim X hold" over a sensitivity study.

bargainsim discover STUDYDIR [--claim ID ...] [--min-coverage C] --out DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "discover",
        help="scenario discovery: the input region where a claim holds (PRIM)",
        description="Over the runs of a finished `bargainsim sensitivity` output, find for "
        "each claim the PRIM box of inputs in which it holds, with coverage and density.",
    )
    parser.add_argument("study", type=Path, help="a `bargainsim sensitivity` output directory")
    parser.add_argument("--claim", action="append", default=[], metavar="ID", help="repeatable")
    parser.add_argument("--min-coverage", type=float, default=0.5, metavar="C")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--no-figures", action="store_true", help="skip the figures")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.workflows.discover import run_discovery

    table = run_discovery(
        args.study,
        args.out,
        claims=args.claim,
        min_coverage=args.min_coverage,
        figures=not args.no_figures,
    )
    restricted = table[table["restricted"]]
    for claim, rows in restricted.groupby("claim", sort=False):
        box = ", ".join(f"{r.input} in [{r.low:.3g}, {r.high:.3g}]" for r in rows.itertuples())
        print(f"{claim}: {box}")
    print(f"wrote {args.out}/report.md and {args.out}/discovery.csv")
    return 0
