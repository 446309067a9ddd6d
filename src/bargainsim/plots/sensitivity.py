"""Sensitivity and discovery figures: per claim, each input's Morris μ* (with σ) or Sobol
S1 and ST with their confidence intervals against the noise floor; a PRIM box's peeling
trade-off and its limits."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import SCENARIO_COLOURS, new_figure, styled

NOISE_COLOUR = "#9e9e9e"


def _bars(axis, frame, method: str, noise: str, title: str) -> None:
    inputs = frame[frame["input"] != noise].iloc[::-1]
    floor = frame[frame["input"] == noise]
    y = np.arange(len(inputs))
    if method == "morris":
        axis.barh(y, inputs["mu_star"], xerr=inputs["mu_star_conf"], color=SCENARIO_COLOURS[0])
        axis.plot(inputs["sigma"], y, "D", color=SCENARIO_COLOURS[1], ms=4, label="σ")
        key, label = "mu_star", "μ* (bars, 95 % CI) and σ (diamonds), per input range"
    else:
        axis.barh(
            y + 0.2,
            inputs["ST"],
            0.4,
            xerr=inputs["ST_conf"],
            color=SCENARIO_COLOURS[0],
            label="ST",
        )
        axis.barh(
            y - 0.2,
            inputs["S1"],
            0.4,
            xerr=inputs["S1_conf"],
            color=SCENARIO_COLOURS[1],
            label="S1",
        )
        key, label = "ST", "Sobol index (95 % CI)"
    if len(floor) and np.isfinite(floor[key].iloc[0]):
        axis.axvline(floor[key].iloc[0], color=NOISE_COLOUR, ls="--", lw=1, label="noise floor")
    axis.set_yticks(y)
    axis.set_yticklabels(inputs["input"], fontsize=7)
    axis.set_xlabel(label, fontsize=8)
    axis.set_title(title, fontsize=9)
    axis.legend(fontsize=7, loc="lower right")


@styled
def indices_plot(outputs: dict, method: str, noise: str, title: str):
    """One panel per output (e.g. ``{"share of runs": frame, "mean change": frame}``),
    each frame one row per input and a last one for the noise floor."""
    rows = max(len(frame) for frame in outputs.values())
    figure = new_figure(5.2 * len(outputs), 0.32 * rows + 1.8)
    axes = np.atleast_1d(figure.subplots(1, len(outputs)))
    for axis, (name, frame) in zip(axes, outputs.items(), strict=True):
        _bars(axis, frame, method, noise, name)
    figure.suptitle(title, fontsize=9)
    return figure


@styled
def prim_plot(trajectory, chosen: int, limits, title: str):
    """Left: coverage against density along the peeling trajectory, the box reported
    circled. Right: the box's range of each input, as a share of the input's sampled range
    (restricted inputs in colour)."""
    figure = new_figure(10.0, 0.3 * len(limits) + 2.4)
    left, right = figure.subplots(1, 2)
    points = left.scatter(
        trajectory["coverage"],
        trajectory["density"],
        c=trajectory["restricted"],
        cmap="viridis",
        s=14,
    )
    box = trajectory.iloc[chosen]
    left.plot(box["coverage"], box["density"], "o", ms=11, mfc="none", color="#d62728")
    left.set_xlabel("coverage")
    left.set_ylabel("density")
    left.set_xlim(0, 1.02)
    left.set_ylim(0, 1.02)
    figure.colorbar(points, ax=left, label="inputs restricted")
    span = (limits["high_range"] - limits["low_range"]).replace(0, 1.0)
    low = (limits["low"] - limits["low_range"]) / span
    high = (limits["high"] - limits["low_range"]) / span
    y = np.arange(len(limits))[::-1]
    colours = [SCENARIO_COLOURS[1] if r else "#bdbdbd" for r in limits["restricted"]]
    right.barh(y, high - low, left=low, color=colours)
    right.set_yticks(y)
    right.set_yticklabels(
        [
            f"{name} [{lo:.3g}, {hi:.3g}]"
            for name, lo, hi in zip(limits["input"], limits["low"], limits["high"], strict=True)
        ],
        fontsize=7,
    )
    right.set_xlim(0, 1)
    right.set_xlabel("share of the sampled range")
    figure.suptitle(title, fontsize=9)
    return figure
