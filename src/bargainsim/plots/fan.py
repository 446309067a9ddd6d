"""Fan charts of cooperation over quarters: the median run and the 50 % and 90 % bands
across runs, for one dyad, composite and per variable, with each claim's window shaded
and its expected direction marked (the "fan chart" of the Bank of England's *Inflation
Report*, Britton, Fisher and Whitley 1998, used here for an ensemble's spread)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.plots.style import (
    FAN_COLOUR,
    VARIABLE_TITLES,
    WINDOW_COLOUR,
    new_figure,
    quarter_axis,
    styled,
)
from bargainsim.results.sources import equals, wide
from bargainsim.scenario.quarters import Quarter

MARK_COLOUR = "#7a5200"

PANELS = ("composite", "military", "geopolitics", "economics", "domestic")


def same_dyad(a: str, b: str) -> bool:
    return set(a.split("-")) == set(b.split("-"))


def dyad_values(tables: dict[str, pd.DataFrame], dyad: str, variable: str):
    """(runs × steps array, quarter labels) of one dyad's cooperation."""
    a, b = dyad.split("-")
    if variable == "composite":
        frame, column = tables["dyads"], "composite"
    else:
        frame = tables["cooperation"]
        frame, column = frame[equals(frame["variable"], variable)], "cooperation"
    first, second = frame["actor_a"], frame["actor_b"]
    frame = frame[(equals(first, a) & equals(second, b)) | (equals(first, b) & equals(second, a))]
    if frame.empty:
        raise KeyError(dyad)
    series = wide(frame, column)
    return series.values, [str(q) for q in series.quarters]


def fan(axis, values: np.ndarray, colour=FAN_COLOUR, label="median") -> None:
    """Median line with 50 % and 90 % bands over the runs (rows) of ``values``."""
    x = np.arange(values.shape[1])
    q05, q25, q50, q75, q95 = np.percentile(values, [5, 25, 50, 75, 95], axis=0)
    axis.fill_between(x, q05, q95, color=colour, alpha=0.15, lw=0, label="90% of runs")
    axis.fill_between(x, q25, q75, color=colour, alpha=0.35, lw=0, label="50% of runs")
    axis.plot(x, q50, color=colour, lw=1.8, label=label)


def window_span(quarters: list[str], start: str, end: str) -> tuple[float, float] | None:
    """x extent of a claim window [start of ``start``, end of ``end``] on a step axis."""
    ordinals = np.array([Quarter.parse(q).ordinal for q in quarters])
    first, last = (Quarter.parse(start) + -1).ordinal, Quarter.parse(end).ordinal
    inside = np.nonzero((ordinals >= first) & (ordinals <= last))[0]
    if len(inside) < 2:
        return None
    return float(inside[0]), float(inside[-1])


def mark_claim(axis, claim: dict, quarters: list[str], slot: int = 0) -> None:
    """Shade a claim's window; draw its threshold (dashed) or an arrow for the direction it
    expects, labelled with the claim id near the top of the panel."""
    span = window_span(quarters, claim["start"], claim["end"])
    if span is None:
        return
    x0, x1 = span
    axis.axvspan(x0, x1, color=WINDOW_COLOUR, alpha=0.22, lw=0)
    transform = axis.get_xaxis_transform()  # x in data, y in axes fraction
    top = 0.95 - 0.11 * slot
    threshold = claim.get("threshold")
    if threshold is not None:
        axis.hlines(threshold, x0, x1, colors=MARK_COLOUR, linestyles="--", lw=1.3)
        sign = ">" if claim["test"] == "above" else "<"
        text = f"{claim['id']}: {sign} {threshold:g}"
        axis.text(x0 + 0.2, top, text, transform=transform, fontsize=7, color=MARK_COLOUR, va="top")
        return
    direction = claim.get("direction", 0)
    arrow = {1: "↑", -1: "↓"}.get(direction, "•")
    axis.text(
        x0 + 0.2,
        top,
        f"{arrow} {claim['id']}: {claim['test']}",
        transform=transform,
        fontsize=7,
        color=MARK_COLOUR,
        va="top",
        weight="bold" if direction else "normal",
    )


def claims_for(claims: list[dict], dyad: str, variable: str) -> list[dict]:
    picked = []
    for claim in claims or []:
        obs = claim.get("observable", {})
        if obs.get("variable", "composite") != variable:
            continue
        if claim["kind"] == "cooperation" and same_dyad(obs.get("dyad", "-"), dyad):
            picked.append(claim)
        elif claim["kind"] == "mean_cooperation" and any(
            same_dyad(d, dyad) for d in obs.get("dyads", [])
        ):
            picked.append({**claim, "id": claim["id"] + " (mean)"})
    return picked


@styled
def fan_chart(tables, dyad: str, variables=PANELS, claims=None, title=None):
    """One panel per variable (and composite) of a dyad's cooperation across runs."""
    variables = list(variables)
    ncols = min(3, len(variables))
    nrows = int(np.ceil(len(variables) / ncols))
    figure = new_figure(3.4 * ncols, 2.8 * nrows + 0.4)
    axes = figure.subplots(nrows, ncols, squeeze=False, sharex=True)
    runs = 0
    for k, variable in enumerate(variables):
        axis = axes.flat[k]
        values, quarters = dyad_values(tables, dyad, variable)
        runs = values.shape[0]
        fan(axis, values)
        axis.axhline(0, color="black", lw=0.6, alpha=0.5)
        marked = claims_for(claims, dyad, variable)
        for slot, claim in enumerate(marked):
            mark_claim(axis, claim, quarters, slot)
        axis.set_title(VARIABLE_TITLES.get(variable, variable))
        if k % ncols == 0:
            axis.set_ylabel("cooperation")
        low, high = np.nanmin(values), np.nanmax(values)
        for claim in marked:
            if claim.get("threshold") is not None:
                low, high = min(low, claim["threshold"]), max(high, claim["threshold"])
        room = 0.12 * (1 + len(marked))
        axis.set_ylim(max(-1.02, min(-0.2, low - 0.1)), min(1.02, max(0.2, high + room)))
        quarter_axis(axis, quarters)
        axis.tick_params(labelbottom=True)
    for extra in axes.flat[len(variables) :]:
        extra.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if claims_for(claims, dyad, "composite") or any(claims_for(claims, dyad, v) for v in variables):
        from matplotlib.patches import Patch

        handles.append(Patch(color=WINDOW_COLOUR, alpha=0.35))
        labels.append("claim window (↑/↓ expected direction; dashed: threshold)")
    if len(variables) < axes.size:
        axes.flat[len(variables)].legend(handles, labels, loc="center", frameon=False)
    else:
        figure.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False)
    figure.suptitle(
        f"{title or f'Cooperation {dyad}'}\nmedian and bands over {runs} runs "
        "(scale −1 hostile … +1 integrated)"
    )
    return figure
