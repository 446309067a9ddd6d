"""``bargainsim validate`` and ``bargainsim show``: check a scenario, print it resolved.

Neither writes any file. An invalid scenario raises ``ScenarioError``, which the
dispatcher prints with every problem and turns into exit code 2.
"""

from __future__ import annotations

import argparse
import sys

from bargainsim.cli.common import add_overrides_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check a scenario and report every problem",
        description="Resolve and validate a scenario; print a one-line summary if it is valid.",
    )
    _scenario_arguments(validate)
    validate.set_defaults(func=run_validate)

    show = subparsers.add_parser(
        "show",
        help="print a scenario fully resolved, as YAML",
        description=(
            "Print the resolved scenario (extends, actor and issue files, overrides and "
            "--set applied) as YAML: what a run simulates."
        ),
    )
    _scenario_arguments(show)
    show.set_defaults(func=run_show)


def _scenario_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    add_overrides_argument(parser)


def run_validate(args: argparse.Namespace) -> int:
    from bargainsim.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    for notice in scenario.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(f"OK: {scenario.summary()}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    import yaml

    from bargainsim.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    print(f"# {scenario.id}: resolved scenario, digest {scenario.digest}")
    print(yaml.safe_dump(scenario.resolved, sort_keys=False, allow_unicode=True), end="")
    return 0
