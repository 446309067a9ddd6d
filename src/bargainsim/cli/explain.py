"""``bargainsim explain``: which drivers moved a relation, quarter by quarter and in total.

bargainsim explain RUN_OR_BATCH --dyad RUS-CHN [--variable V] [--from Q] [--to Q]
                   [--point K] [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="what moved a relation: each driver's part of the change",
        description="Read the contributions table of a run (or of a batch that recorded "
        "it) and print, for A toward B, each driver's median part of the change over the "
        "window with its 10-90%% range; with --out, also explain.csv and a stacked chart "
        "quarter by quarter.",
    )
    parser.add_argument("path", type=Path, help="a run or batch directory")
    parser.add_argument("--dyad", required=True, help="A-B: A's behaviour toward B")
    parser.add_argument("--variable", default=None, help="one variable (default: their mean)")
    parser.add_argument("--from", dest="start", default=None, metavar="Q", help="first quarter")
    parser.add_argument("--to", dest="end", default=None, metavar="Q", help="last quarter")
    parser.add_argument("--point", type=int, default=None, help="a batch's sweep point")
    parser.add_argument("--out", type=Path, default=None, help="write the table and figure")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.workflows.explain import explain, write_explanation

    choices = {"variable": args.variable, "start": args.start, "end": args.end,
               "point": args.point}  # fmt: skip
    if args.out is not None:
        frame = write_explanation(args.path, args.dyad, args.out, **choices)
    else:
        frame = explain(args.path, args.dyad, **choices)
    total = frame[frame["quarter"] == "total"]
    print(f"{args.dyad}: each term's part of the change over the window (median [10-90 %])")
    for row in total.itertuples(index=False):
        print(f"  {row.term:<20} {row.median:+.3f} [{row.p10:+.3f}, {row.p90:+.3f}]")
    print(f"  {'change':<20} {total['median'].sum():+.3f} (sum of the medians)")
    if args.out is not None:
        print(f"wrote {args.out}/explain.csv and the figure")
    return 0
