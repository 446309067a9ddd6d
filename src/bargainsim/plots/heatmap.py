"""Dyad heatmaps: actors × actors, median cooperation across runs, one panel per variable
(and composite) and chosen quarter. Cooperation is symmetric per dyad and variable
(docs/model.md §12), so each matrix is symmetric; the diagonal is blank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.plots.style import VARIABLE_TITLES, new_figure, styled
from bargainsim.results.sources import equals, in_order


def dyad_matrix(tables, variable: str, quarter: str) -> tuple[list[str], np.ndarray]:
    """Median over runs of cooperation per dyad at ``quarter``, as a symmetric matrix."""
    if variable == "composite":
        frame, column = tables["dyads"], "composite"
    else:
        frame = tables["cooperation"]
        frame, column = frame[equals(frame["variable"], variable)], "cooperation"
    frame = frame[equals(frame["quarter"], quarter)]
    if frame.empty:
        raise KeyError(quarter)
    medians = frame.groupby(["actor_a", "actor_b"], observed=True)[column].median()
    actors = list(dict.fromkeys([*in_order(frame["actor_a"]), *in_order(frame["actor_b"])]))
    if isinstance(frame["actor_a"].dtype, pd.CategoricalDtype):
        order = [str(a) for a in frame["actor_a"].cat.categories]
        actors = [a for a in order if a in actors]
    index = {a: k for k, a in enumerate(actors)}
    matrix = np.full((len(actors), len(actors)), np.nan)
    for (a, b), value in medians.items():
        matrix[index[str(a)], index[str(b)]] = matrix[index[str(b)], index[str(a)]] = value
    return actors, matrix


def default_quarters(tables) -> list[str]:
    """Start, middle and end of the simulated window."""
    quarters = in_order(tables["cooperation"]["quarter"])
    return list(dict.fromkeys([quarters[0], quarters[len(quarters) // 2], quarters[-1]]))


@styled
def dyad_heatmap(
    tables,
    quarters=None,
    variables=("composite", "military", "geopolitics", "economics", "domestic"),
    title=None,
):
    """Rows: quarters; columns: variables. Diverging scale from −1 (red) to +1 (blue)."""
    quarters = list(quarters or default_quarters(tables))
    variables = list(variables)
    figure = new_figure(2.5 * len(variables) + 0.8, 2.5 * len(quarters) + 0.5)
    axes = figure.subplots(len(quarters), len(variables), squeeze=False)
    image = None
    for r, quarter in enumerate(quarters):
        for k, variable in enumerate(variables):
            axis = axes[r, k]
            actors, matrix = dyad_matrix(tables, variable, quarter)
            image = axis.imshow(matrix, cmap="RdBu", vmin=-1, vmax=1)
            for i in range(len(actors)):
                for j in range(len(actors)):
                    if i != j and np.isfinite(matrix[i, j]):
                        colour = "white" if abs(matrix[i, j]) > 0.6 else "black"
                        axis.text(
                            j,
                            i,
                            f"{matrix[i, j]:+.1f}",
                            ha="center",
                            va="center",
                            fontsize=6.5,
                            color=colour,
                            in_layout=False,  # inside the image: no bearing on the layout
                        )
            axis.set_xticks(range(len(actors)), actors, rotation=90)
            axis.set_yticks(range(len(actors)), actors)
            axis.spines[:].set_visible(False)
            if r == 0:
                axis.set_title(VARIABLE_TITLES.get(variable, variable))
            if k == 0:
                axis.set_ylabel(f"end of {quarter}", fontsize=9)
    bar = figure.colorbar(image, ax=axes, shrink=0.6, location="right")
    bar.set_label("median cooperation (−1 hostile … +1 integrated)")
    figure.suptitle(title or "Cooperation between actors (median over runs)")
    return figure


@styled
def difference_heatmap(
    tables,
    other,
    quarter: str,
    labels: tuple[str, str],
    variables=("composite", "military", "geopolitics", "economics", "domestic"),
):
    """Median cooperation under ``tables`` minus under ``other`` at ``quarter``, per dyad
    and variable: where a counterfactual's world ends up different from its base's."""
    variables = list(variables)
    figure = new_figure(2.5 * len(variables) + 0.8, 3.0)
    axes = figure.subplots(1, len(variables), squeeze=False)[0]
    image = None
    for axis, variable in zip(axes, variables, strict=True):
        actors, mine = dyad_matrix(tables, variable, quarter)
        theirs_actors, theirs = dyad_matrix(other, variable, quarter)
        if theirs_actors != actors:
            raise KeyError("the two scenarios have different actors")
        difference = mine - theirs
        image = axis.imshow(difference, cmap="PuOr", vmin=-0.5, vmax=0.5)
        for i in range(len(actors)):
            for j in range(len(actors)):
                if i != j and np.isfinite(difference[i, j]):
                    axis.text(
                        j,
                        i,
                        f"{difference[i, j]:+.2f}",
                        ha="center",
                        va="center",
                        fontsize=6,
                        in_layout=False,
                    )
        axis.set_xticks(range(len(actors)), actors, rotation=90)
        axis.set_yticks(range(len(actors)), actors)
        axis.spines[:].set_visible(False)
        axis.set_title(VARIABLE_TITLES.get(variable, variable))
    bar = figure.colorbar(image, ax=axes, shrink=0.8, location="right")
    bar.set_label("difference in median cooperation")
    figure.suptitle(f"{labels[0]} minus {labels[1]}, end of {quarter}")
    return figure
