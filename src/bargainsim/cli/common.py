"""Arguments several commands share, declared once."""

from __future__ import annotations

import argparse
from pathlib import Path


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


def add_out_arguments(parser: argparse.ArgumentParser, *, default: str, required=False) -> None:
    """``--out DIR`` and ``--overwrite``: where an output directory goes, and the one way to
    put it in a directory bargainsim did not write for the same command."""
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        required=required,
        help=f"output directory ({default}); an existing one is replaced only if it holds "
        "an earlier output of the same command, keeping files bargainsim does not write",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="write into an existing --out that bargainsim did not write: files of the same "
        "names are replaced, others are left as they are (a file, or another kind of "
        "bargainsim output, is never replaced)",
    )
