"""What moved a relation, quarter by quarter: stacked median contributions per term, with
the median change as a line and the quarters events fired marked."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import new_figure, quarter_axis


def contribution_chart(frame, dyad: str, fired_quarters=()):
    """``frame`` from :func:`bargainsim.compare.explain.explain_frame`."""
    body = frame[frame["quarter"] != "total"]
    quarters = list(dict.fromkeys(body["quarter"]))
    terms = list(dict.fromkeys(body["term"]))
    values = body.pivot_table(index="quarter", columns="term", values="median", sort=False)
    values = values.reindex(index=quarters, columns=terms).fillna(0.0)
    figure = new_figure(8.0, 3.6)
    axis = figure.subplots()
    steps = np.arange(len(quarters))
    up, down = np.zeros(len(quarters)), np.zeros(len(quarters))
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    for k, term in enumerate(terms):
        part = values[term].to_numpy()
        if not np.any(part):
            continue
        base = np.where(part >= 0, up, down)
        axis.bar(steps, part, bottom=base, color=cmap(k % 20), width=0.8, label=term)
        up += np.where(part >= 0, part, 0)
        down += np.where(part < 0, part, 0)
    axis.plot(steps, values.sum(axis=1).to_numpy(), color="black", lw=1.2, label="change")
    for quarter in fired_quarters:
        if quarter in quarters:
            axis.axvline(quarters.index(quarter), color="grey", ls=":", lw=0.8)
    axis.axhline(0, color="black", lw=0.5)
    axis.set_ylabel("change of cooperation")
    quarter_axis(axis, quarters)
    axis.set_xlim(-0.5, len(quarters) - 0.5)
    axis.set_title(f"What moved {dyad} (median over runs; dotted: events)")
    axis.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return figure
