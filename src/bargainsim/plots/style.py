"""Shared figure conventions: Agg-rendered matplotlib ``Figure`` objects (no pyplot, no
global state), PNG and SVG side by side, one palette for postures, statuses and scenarios.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

POSTURE_COLOURS = {"cooperate": "#1b9e77", "hedge": "#9e9e9e", "balance": "#d62728"}
STATUS_COLOURS = {"deadlock": "#d62728", "compromise": "#1b9e77", "open": "#bdbdbd"}
SCENARIO_COLOURS = ("#1f4e9c", "#e08214")
FAN_COLOUR = "#1f4e9c"
WINDOW_COLOUR = "#f2c14e"
VARIABLE_TITLES = {
    "composite": "composite (preference-weighted)",
    "military": "military strategy",
    "geopolitics": "geopolitics",
    "economics": "economics",
    "domestic": "domestic politics",
}
RC = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def new_figure(width: float, height: float) -> Figure:
    """A figure drawn by the Agg canvas (no display, no pyplot state)."""
    import matplotlib

    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width, height), layout="constrained")
    return figure


def styled(function):
    """Run a plotting function under the house rc settings."""
    import functools

    import matplotlib

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return function(*args, **kwargs)

    return wrapper


def save(figure: Figure, directory: Path, name: str) -> str:
    """Write ``name.png`` (150 dpi) and ``name.svg`` into ``directory``; returns ``name``.

    The layout is solved once, for the PNG; the SVG is drawn with the same positions
    (solving it again for the second format would only repeat the text measurement)."""
    import io

    from bargainsim.output import write_bytes_atomic

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    engine = figure.get_layout_engine()
    try:
        for suffix, options in (("png", {"dpi": 150}), ("svg", {})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=suffix, **options)
            write_bytes_atomic(directory / f"{name}.{suffix}", buffer.getvalue())
            figure.set_layout_engine("none")
    finally:
        figure.set_layout_engine(engine)
    return name


def quarter_axis(axis, quarters, every: int | None = None) -> None:
    """Label the x axis (step index) with quarter labels, about eight ticks."""
    quarters = list(quarters)
    every = every or max(1, int(np.ceil(len(quarters) / 8)))
    ticks = list(range(0, len(quarters), every))
    axis.set_xticks(ticks)
    axis.set_xticklabels([quarters[t] for t in ticks], rotation=45, ha="right")
    axis.set_xlim(0, len(quarters) - 1)
    axis.set_xlabel("quarter (state at its end)")


def safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
