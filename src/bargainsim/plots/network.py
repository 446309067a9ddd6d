"""Alignment networks: who cooperates with, hedges toward or balances whom, drawn with
matplotlib on a circle. An arrow i → j carries i's modal posture toward j across runs
(colour) and the share of runs taking it (width and opacity); hedging arrows are dashed
(``show_hedge=False`` leaves them out). Postures follow docs/model.md §6 (Walt 1987)."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.style import POSTURE_COLOURS, new_figure, styled
from bargainsim.results.sources import equals, present


def modal_postures(postures, quarter: str):
    """{(actor, toward): (modal posture, share of runs)} at ``quarter``."""
    frame = postures[equals(postures["quarter"], quarter)]
    if frame.empty:
        raise KeyError(quarter)
    counts = (
        frame.groupby(["actor", "toward", "posture"], observed=True)
        .size()
        .rename("n")
        .reset_index()
    )
    totals = counts.groupby(["actor", "toward"], observed=True)["n"].transform("sum")
    counts["share"] = counts["n"] / totals
    best = counts.sort_values("share", ascending=False).drop_duplicates(["actor", "toward"])
    return {
        (str(r.actor), str(r.toward)): (str(r.posture), float(r.share)) for r in best.itertuples()
    }


def _actors(postures) -> list[str]:
    column = postures["actor"]
    names = present(column)
    if hasattr(column, "cat"):
        return [str(a) for a in column.cat.categories if str(a) in names]
    return sorted(names)


def draw_network(axis, postures, quarter: str, show_hedge: bool = True) -> None:
    actors = _actors(postures)
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(actors)) / len(actors)
    xy = {a: (np.cos(t), np.sin(t)) for a, t in zip(actors, angle, strict=True)}
    for (actor, toward), (posture, share) in modal_postures(postures, quarter).items():
        if posture == "hedge" and not show_hedge:
            continue
        axis.annotate(
            "",
            xy=xy[toward],
            xytext=xy[actor],
            arrowprops={
                "arrowstyle": "-|>",
                "color": POSTURE_COLOURS[posture],
                "lw": 0.6 + 2.8 * share,
                "alpha": 0.35 + 0.65 * share,
                "shrinkA": 13,
                "shrinkB": 13,
                "connectionstyle": "arc3,rad=0.12",
                "mutation_scale": 10,
                "linestyle": "--" if posture == "hedge" else "-",
            },
        )
    for actor, (x, y) in xy.items():
        axis.scatter([x], [y], s=620, color="white", edgecolor="#333333", zorder=3, lw=1.2)
        axis.text(x, y, actor, ha="center", va="center", fontsize=8, weight="bold", zorder=4)
    axis.set_xlim(-1.35, 1.35)
    axis.set_ylim(-1.35, 1.35)
    axis.set_aspect("equal")
    axis.axis("off")
    axis.set_title(f"end of {quarter}")


@styled
def alignment_network(postures, quarters, show_hedge: bool = True, title=None):
    """One network per quarter of the modal postures across runs."""
    from matplotlib.lines import Line2D

    quarters = list(quarters)
    # Wide enough for the legend even with a single quarter.
    figure = new_figure(max(3.3 * len(quarters), 5.6), 3.9 + (0.35 if len(quarters) == 1 else 0))
    axes = figure.subplots(1, len(quarters), squeeze=False)[0]
    for axis, quarter in zip(axes, quarters, strict=True):
        draw_network(axis, postures, quarter, show_hedge)
    kinds = ["cooperate", "balance", *(["hedge"] if show_hedge else [])]
    handles = [
        Line2D([], [], color=POSTURE_COLOURS[k], lw=2.5, ls="--" if k == "hedge" else "-")
        for k in kinds
    ]
    labels = [f"{k} (dashed)" if k == "hedge" else k for k in kinds]
    columns = len(kinds) if len(quarters) > 1 else 1
    figure.legend(handles, labels, loc="outside lower center", ncols=columns, frameon=False)
    heading = title or "Alignment network: arrow from an actor to the one it acts toward"
    figure.suptitle(f"{heading}\nmodal posture across runs; width and opacity: its share of runs")
    return figure
