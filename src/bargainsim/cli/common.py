"""Arguments several commands share, declared once."""

from __future__ import annotations

import argparse


def add_overrides_argument(parser: argparse.ArgumentParser, *, applies_to: str = "") -> None:
    """``--set KEY=VALUE`` (repeatable): one value of the resolved scenario by dotted path."""
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"override one value of the resolved scenario{applies_to} by dotted key path, "
        "e.g. parameters.noise_sd=0.05 (VALUE is read as YAML; repeatable)",
    )
