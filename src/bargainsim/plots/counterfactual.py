"""Scorecard and counterfactual plots: per claim, the share of runs consistent with it and
its 95 % Wilson interval, under one scenario or two side by side (with the difference in
points), and with and without the scenario's shock events."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import SCENARIO_COLOURS, new_figure, styled


def _labels(frame) -> list[str]:
    return [
        f"{c}{' ★' if h else ''} ({s})"
        for c, s, h in zip(frame["claim"], frame["section"], frame["headline"], strict=True)
    ]


@styled
def scorecard_plot(claims, title=None, reference: float = 0.8):
    """Dots with Wilson intervals, one row per claim, one colour per scenario; hollow
    markers give the share without the scenario's shock events where it differs."""
    order = list(dict.fromkeys(claims["claim"]))
    scenarios = list(dict.fromkeys(zip(claims["scenario"], claims["role"], strict=True)))
    figure = new_figure(8.5, 0.32 * len(order) + 1.6)
    axis = figure.subplots()
    y = {c: len(order) - 1 - k for k, c in enumerate(order)}
    offsets = np.linspace(-0.18, 0.18, len(scenarios)) if len(scenarios) > 1 else [0.0]
    for (scenario, role), dy, colour in zip(scenarios, offsets, SCENARIO_COLOURS * 4, strict=False):
        rows = claims[(claims["scenario"] == scenario) & (claims["role"] == role)]
        ys = np.array([y[c] for c in rows["claim"]]) + dy
        share = rows["share"].to_numpy()
        err = [share - rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy() - share]
        axis.errorbar(
            share,
            ys,
            xerr=err,
            fmt="o",
            color=colour,
            ms=5,
            capsize=2,
            lw=1,
            label=f"{scenario} (95% Wilson interval)",
        )
        free = rows["share_without_shocks"].to_numpy()
        moved = np.isfinite(free) & (np.abs(free - share) > 1e-9)
        if moved.any():
            axis.scatter(
                free[moved],
                ys[moved],
                facecolors="none",
                edgecolors=colour,
                s=36,
                label=f"{scenario} without shock events",
            )
    axis.axvline(reference, color="#555555", ls=":", lw=1)
    first = claims.drop_duplicates("claim").set_index("claim").loc[order].reset_index()
    axis.set_yticks([y[c] for c in order], _labels(first))
    axis.set_xlim(-0.02, 1.02)
    axis.set_xlabel("share of runs consistent with the claim")
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    axis.set_title(title or "Claims scorecard (★ headline; dotted: 80 %)")
    return figure


@styled
def difference_plot(differences, title=None):
    """Per claim the difference in agreement (base minus versus, points) with Newcombe's
    95 % interval."""
    order = list(differences["claim"])
    figure = new_figure(8.0, 0.32 * len(order) + 1.5)
    axis = figure.subplots()
    ys = np.arange(len(order))[::-1]
    diff = 100 * differences["difference"].to_numpy()
    err = [
        diff - 100 * differences["ci_low"].to_numpy(),
        100 * differences["ci_high"].to_numpy() - diff,
    ]
    colours = [SCENARIO_COLOURS[0] if d >= 0 else SCENARIO_COLOURS[1] for d in diff]
    axis.barh(ys, diff, color=colours, alpha=0.45, height=0.6)
    axis.errorbar(diff, ys, xerr=err, fmt="none", ecolor="#333333", capsize=2, lw=1)
    axis.axvline(0, color="black", lw=0.8)
    for x in (-30, 30):
        axis.axvline(x, color="#888888", ls=":", lw=0.8)
    axis.set_yticks(ys, _labels(differences))
    axis.set_xlim(-105, 105)
    pairs = list(dict.fromkeys(zip(differences["scenario"], differences["versus"], strict=True)))
    named = " ; ".join(f"{a} minus {b}" for a, b in pairs)
    axis.set_xlabel(f"difference in agreement, percentage points ({named})")
    axis.set_title(title or "Counterfactual difference with 95% interval (dotted: ±30 points)")
    return figure
