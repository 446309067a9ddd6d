"""``bargainsim smp INPUT.csv``: run KTAB's Spatial Model of Politics on a KTAB CSV file."""

from __future__ import annotations

import argparse


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "smp",
        help="run the SMP bargaining model on a KTAB CSV scenario",
        description=(
            "Run KTAB's Spatial Model of Politics (default options) on a KTAB CSV input "
            "until it converges. Without options, print a short summary."
        ),
    )
    parser.add_argument("input", metavar="INPUT.csv", help="KTAB CSV scenario file")
    parser.add_argument(
        "--positions-csv",
        metavar="OUT.csv",
        help="write the position history (turn,actor,dim,position; turn 0 = input)",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print KTAB's regression lines (fractional change per turn, prob per actor)",
    )
    parser.set_defaults(func=run_smp)


def run_smp(args: argparse.Namespace) -> int:
    # Imported here so that parsing the command line stays fast for every command.
    from bargainsim.bargaining.convergence import run_to_convergence
    from bargainsim.bargaining.ktab_csv import read_ktab_csv
    from bargainsim.bargaining.report import summary_lines, write_positions_csv

    scenario = read_ktab_csv(args.input)
    run = run_to_convergence(scenario.state())
    if args.positions_csv:
        write_positions_csv(args.positions_csv, run.positions)
    if args.summary:
        lines = summary_lines(run.fractional_change, run.probabilities, scenario.actor_names)
        print("\n".join(lines))
    if not args.positions_csv and not args.summary:
        print(_human_summary(scenario, run))
    return 0


def _human_summary(scenario, run) -> str:
    n_actors, n_dims = scenario.position.shape
    outcome = "converged" if run.converged else "stopped at the turn limit"
    lines = [
        f"Scenario: {scenario.name.strip()} ({n_actors} actors x {n_dims} dimensions)",
        f"Turns: {run.turns} ({outcome}; last fractional change {run.fractional_change[-1]:.4f})",
        "",
        "Final positions (0-100) and probability of prevailing:",
    ]
    names = [name.strip() for name in scenario.actor_names]
    dims = [name.strip() or f"dim{k}" for k, name in enumerate(scenario.dimension_names)]
    name_width = max(len("actor"), *(len(name) for name in names))
    widths = [max(8, len(dim)) for dim in dims]
    header = "  ".join(
        [
            "actor".ljust(name_width),
            *(dim.rjust(w) for dim, w in zip(dims, widths, strict=True)),
            "prob".rjust(6),
        ]
    )
    lines.append(header)
    final = run.positions[-1] * 100.0
    for actor, name in enumerate(names):
        cells = [f"{final[actor, k]:.2f}".rjust(widths[k]) for k in range(n_dims)]
        lines.append(
            "  ".join([name.ljust(name_width), *cells, f"{run.probabilities[-1, actor]:.4f}"])
        )
    return "\n".join(lines)
