"""``bargainsim plot DIR``: figures from a run, batch or comparison directory.

    bargainsim plot DIR [--kind fan|heatmap|network|issues|scorecard|difference]
                        [--dyad RUS-USA] [--variable composite ...] [--quarter 2010Q1 ...]
                        [--issue missile_defence ...] [--scenario LABEL] [--point K]
                        [--out FIGDIR]

Without ``--kind`` every kind that applies is drawn. Figures go to ``FIGDIR`` (default
``DIR/figures``) as PNG and SVG.
"""

from __future__ import annotations

import argparse
from pathlib import Path

KINDS = ("fan", "heatmap", "network", "issues", "scorecard", "difference")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plot",
        help="draw figures from a run, batch or compare directory",
        description="Fan charts, dyad heatmaps, alignment networks, issue trajectories and "
        "claim scorecards, as PNG and SVG.",
    )
    parser.add_argument("directory", type=Path, help="run, batch or compare output directory")
    parser.add_argument("--kind", choices=KINDS, action="append", default=None)
    parser.add_argument("--dyad", action="append", default=None, help="dyad A-B (repeatable)")
    parser.add_argument(
        "--variable",
        action="append",
        default=None,
        choices=["composite", "military", "geopolitics", "economics", "domestic"],
    )
    parser.add_argument("--quarter", action="append", default=None, help="YYYYQn (repeatable)")
    parser.add_argument("--issue", action="append", default=None, help="issue id (repeatable)")
    parser.add_argument("--scenario", default=None, help="which scenario of a comparison")
    parser.add_argument(
        "--point", type=int, default=None, help="which point of a batch with several (K)"
    )
    parser.add_argument("--out", type=Path, default=None, help="figure directory")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.errors import BargainsimError
    from bargainsim.plots import (
        alignment_network,
        difference_plot,
        dyad_heatmap,
        fan_chart,
        issue_trajectories,
        load_source,
        save,
        scorecard_plot,
    )
    from bargainsim.plots.fan import PANELS
    from bargainsim.plots.style import safe_name

    source = load_source(args.directory, point=args.point)
    asked = set(args.kind or ())
    if asked & {"scorecard", "difference"} and source.kind != "compare":
        raise BargainsimError(
            f"--kind {'/'.join(sorted(asked & {'scorecard', 'difference'}))} draws a "
            f"comparison's claims; {args.directory} is a {source.kind} directory (score it "
            "first: bargainsim compare --batch DIR --claims FILE --out CMP)"
        )
    out = args.out or args.directory / "figures"
    labels = list(source.scenarios)
    if args.scenario is not None:
        if args.scenario not in source.scenarios:
            raise BargainsimError(f"--scenario {args.scenario!r}: one of {', '.join(labels)}")
        labels = [args.scenario]
    kinds = args.kind or [k for k in KINDS if k not in ("scorecard", "difference")]
    if source.kind == "compare" and not args.kind:
        kinds += ["scorecard", "difference"]
    written = []
    for label in labels:
        tables = source.scenarios[label]
        quarters = list(dict.fromkeys(tables["cooperation"]["quarter"].astype(str)))
        chosen = args.quarter or [quarters[0], quarters[len(quarters) // 2], quarters[-1]]
        for quarter in chosen:
            if quarter not in quarters:
                raise BargainsimError(
                    f"--quarter {quarter}: not simulated ({quarters[0]}..{quarters[-1]})"
                )
        if "fan" in kinds:
            for dyad in args.dyad or ["RUS-USA"]:
                try:
                    figure = fan_chart(
                        tables,
                        dyad,
                        args.variable or PANELS,
                        claims=source.claims,
                        title=f"{label}: cooperation {dyad}",
                    )
                except KeyError:
                    raise BargainsimError(f"--dyad {dyad}: not a dyad of {label}") from None
                written.append(save(figure, out, safe_name(f"fan_{label}_{dyad}")))
        if "heatmap" in kinds:
            figure = dyad_heatmap(
                tables, chosen, args.variable or PANELS, title=f"{label}: median cooperation"
            )
            written.append(save(figure, out, safe_name(f"heatmap_{label}")))
        if "network" in kinds:
            figure = alignment_network(
                tables["postures"], chosen, title=f"{label}: modal postures across runs"
            )
            written.append(save(figure, out, safe_name(f"network_{label}")))
        if "issues" in kinds:
            figure = issue_trajectories(
                tables["issues"],
                tables["issue_status"],
                args.issue,
                title=f"{label}: issue positions",
            )
            written.append(save(figure, out, safe_name(f"issues_{label}")))
    if "scorecard" in kinds and "claims" in source.results:
        written.append(save(scorecard_plot(source.results["claims"]), out, "scorecard"))
    if "difference" in kinds and len(source.results.get("differences", [])):
        written.append(save(difference_plot(source.results["differences"]), out, "difference"))
    for name in written:
        print(f"{out}/{name}.png")
    return 0
