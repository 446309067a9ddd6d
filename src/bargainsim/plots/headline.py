"""The headline claims drawn for a reviewer: each claim's observable under its scenario and
its counterfactual together (fans over runs, the window shaded, share and verdict printed),
and each factor's effect on it with its interval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargainsim.plots.fan import fan, window_span
from bargainsim.plots.style import SCENARIO_COLOURS, WINDOW_COLOUR, new_figure, quarter_axis, styled


@dataclass(frozen=True)
class Series:
    """One scenario's values of a claim's observable (runs × states) and its score."""

    label: str
    values: np.ndarray
    quarters: Sequence[str]
    share: float
    verdict: str


@dataclass(frozen=True)
class Panel:
    """One headline claim: its id, observable, unit, window and the series to draw."""

    claim: str
    observable: str
    unit: str
    start: str
    end: str
    series: Sequence[Series]


@styled
def headline_fans(panels: Sequence[Panel], title=None):
    """One panel per headline claim, base and counterfactual drawn together."""
    figure = new_figure(9.0, 2.9 * len(panels) + 0.6)
    axes = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    for axis, panel in zip(axes, panels, strict=True):
        lines = []
        for series, colour in zip(panel.series, SCENARIO_COLOURS, strict=False):
            fan(axis, series.values, colour=colour, label=series.label)
            lines.append(f"{series.label}: {series.share:.0%} of runs — {series.verdict}")
        quarters = list(panel.series[0].quarters)
        span = window_span(quarters, panel.start, panel.end)
        if span is not None:
            axis.axvspan(*span, color=WINDOW_COLOUR, alpha=0.12, lw=0)
        axis.set_title(f"{panel.claim}: {panel.observable}", loc="left")
        axis.set_ylabel(panel.unit)
        axis.text(
            0.01,
            0.03,
            "\n".join(lines),
            transform=axis.transAxes,
            fontsize=7,
            va="bottom",
            bbox={"facecolor": "white", "alpha": 0.8, "lw": 0},
        )
        quarter_axis(axis, quarters)
        handles, labels = axis.get_legend_handles_labels()
        keep = [k for k, name in enumerate(labels) if "runs" not in name]
        axis.legend([handles[k] for k in keep], [labels[k] for k in keep], loc="upper right")
    figure.suptitle(
        title or "Headline claims: median and 50 %/90 % bands over runs; shaded: the window"
    )
    return figure


@styled
def factor_effects_plot(factors, title=None):
    """Per headline claim and factor, the effect of removing the factor (points, paired
    by seed) with its 95 % interval."""
    rows = factors.reset_index(drop=True)
    labels = [f"{c} — without {f}" for c, f in zip(rows["claim"], rows["factor"], strict=True)]
    figure = new_figure(8.5, 0.3 * len(rows) + 1.6)
    axis = figure.subplots()
    ys = np.arange(len(rows))[::-1]
    effect = 100 * rows["effect"].to_numpy(dtype=float)
    err = [
        effect - 100 * rows["ci_low"].to_numpy(dtype=float),
        100 * rows["ci_high"].to_numpy(dtype=float) - effect,
    ]
    colours = [SCENARIO_COLOURS[0] if e >= 0 else SCENARIO_COLOURS[1] for e in effect]
    axis.barh(ys, effect, color=colours, alpha=0.45, height=0.6)
    axis.errorbar(effect, ys, xerr=err, fmt="none", ecolor="#333333", capsize=2, lw=1)
    axis.axvline(0, color="black", lw=0.8)
    axis.set_yticks(ys, labels)
    reach = np.nanmax(np.abs(100 * rows[["ci_low", "ci_high"]].to_numpy(dtype=float)), initial=0)
    reach = min(105.0, max(10.0, 1.15 * reach))
    axis.set_xlim(-reach, reach)
    axis.set_xlabel("effect on the share of runs, points (with all factors minus without one)")
    axis.set_title(title or "What each factor carries (95 % interval, runs paired by seed)")
    return figure
