"""A sweep's claims: each claim's share of consistent runs against the swept value, with
its 95 % Wilson interval, one line per scenario of the batch."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import SCENARIO_COLOURS, new_figure, styled


@styled
def sweep_plot(table, claim: str, axis_name: str, reference: float = 0.8):
    """One claim of ``sweep.csv``: share against ``axis_name``'s values."""
    rows = table[table["claim"] == claim]
    figure = new_figure(6.5, 3.6)
    axis = figure.subplots()
    for (scenario, group), colour in zip(
        rows.groupby("scenario", sort=False), SCENARIO_COLOURS * 4, strict=False
    ):
        group = group.sort_values(axis_name)
        x = group[axis_name].to_numpy(dtype=float)
        share = group["share"].to_numpy(dtype=float)
        err = [
            share - group["ci_low"].to_numpy(dtype=float),
            group["ci_high"].to_numpy(dtype=float) - share,
        ]
        axis.errorbar(x, share, yerr=err, fmt="o-", color=colour, capsize=3, lw=1.2, label=scenario)
    axis.axhline(reference, color="#555555", ls=":", lw=1)
    axis.axhline(0.5, color="#999999", ls=":", lw=0.8)
    axis.set_ylim(-0.02, 1.02)
    axis.set_xlabel(axis_name)
    axis.set_ylabel("share of runs consistent (95 % interval)")
    axis.set_title(f"{claim} across the sweep (dotted: 50 % and 80 %)")
    if np.isfinite(rows["share"]).any():
        axis.legend(frameon=False)
    return figure
