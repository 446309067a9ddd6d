"""``bargainsim explore``: an interactive page over a scenario, served locally.

bargainsim explore [SCENARIO] [--host 127.0.0.1] [--port 8765] [--open]

Needs the ``[explore]`` extra (Mesa's SolaraViz with front-end files served locally).
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_SCENARIO = Path("scenarios") / "xu2008_medvedev.yaml"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "explore",
        help="an interactive page: sliders, step and run, fan chart, network, scorecard",
        description="Serve a local page (Mesa's SolaraViz) on a scenario: preference weights, "
        "saliences and model parameters as sliders; step, run and reset the model; a fan "
        "chart of a dyad over a few dozen seeds, the alignment network, issue stances and "
        "the scorecard of the scenario's paper. Works offline. Needs the [explore] extra.",
    )
    parser.add_argument(
        "scenario", type=Path, nargs="?", default=None,
        help=f"the scenario to open (default: {DEFAULT_SCENARIO}); the page lists the "
        "scenarios beside it",
    )  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from bargainsim.explore.server import serve

    serve(args.scenario or DEFAULT_SCENARIO, host=args.host, port=args.port,
          open_browser=args.open)  # fmt: skip
    return 0
