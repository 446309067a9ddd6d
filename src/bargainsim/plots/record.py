"""A dyad's simulated composite against a historical record: the fan of runs (median,
10–90 % band) with the record's periods shaded by direction and its levels marked."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import new_figure, quarter_axis

SHADE = {"up": "#cfe8cf", "down": "#f3cccc", "flat": "#e8e8e8"}


def record_fan(values: np.ndarray, quarters, periods, dyad: str, scale=(-3, 3)):
    """``values (runs, steps)`` of the composite; ``periods`` the record's for the dyad,
    each with ``start``, ``end``, ``direction``, ``level``. The record's levels are drawn
    on a right-hand axis (its ordinal scale)."""
    labels = [str(q) for q in quarters]
    figure = new_figure(7.0, 3.2)
    axis = figure.subplots()
    steps = np.arange(len(labels))
    for period in periods:
        first, last = str(period.start + -1), str(period.end)
        if first in labels and last in labels:
            axis.axvspan(labels.index(first), labels.index(last), color=SHADE[period.direction],
                         lw=0, zorder=0)  # fmt: skip
    low, mid, high = np.quantile(values, [0.1, 0.5, 0.9], axis=0)
    axis.fill_between(steps, low, high, color="#4c72b0", alpha=0.3, lw=0, label="10–90 % of runs")
    axis.plot(steps, mid, color="#4c72b0", lw=1.5, label="median")
    axis.set_ylabel("simulated composite (−1..+1)")
    axis.set_ylim(-1, 1)
    levels = figure.axes[0].twinx()
    for period in periods:
        last = str(period.end)
        if last in labels and period.level is not None:
            levels.plot(labels.index(last), period.level, "k_", ms=14, mew=2)
    levels.set_ylim(*scale)
    levels.set_ylabel("record level (−3..+3)")
    quarter_axis(axis, labels)
    axis.set_title(f"{dyad}: simulated against the record (shading: up green, down red)")
    axis.legend(loc="lower left", fontsize=7)
    return figure
