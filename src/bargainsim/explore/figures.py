"""The explorer's figures, matplotlib only (drawn on the Agg canvas, no pyplot state): the
chosen dyad's fan over the ensemble with the live model's path, the alignment network at
the model's quarter, and the issue stances the model has reached."""

from __future__ import annotations

import numpy as np

from bargainsim.plots.fan import dyad_values, fan
from bargainsim.plots.network import draw_network
from bargainsim.plots.style import new_figure, quarter_axis, styled
from bargainsim.results.sources import equals

MODEL_COLOUR = "#b2182b"
ACTOR_MARKERS = "osD^vP*Xh<>p"


@styled
def fan_figure(ensemble, model, dyad: str):
    """The dyad's composite cooperation: 50 and 90 % bands and median over the ensemble,
    the live model's path up to its quarter, and a line at that quarter."""
    values, quarters = dyad_values({"dyads": ensemble.tables("dyads")}, dyad, "composite")
    a, b = (model.compiled.actor_index(x) for x in dyad.split("-"))
    done = model.step_index + 1
    composite = model.history.composite[0, :done]
    path = 0.5 * (composite[:, a, b] + composite[:, b, a])
    figure = new_figure(6.4, 3.6)
    axis = figure.subplots()
    fan(axis, values, label=f"median of {len(values)} runs")
    axis.plot(np.arange(done), path, color=MODEL_COLOUR, lw=1.6, marker=".", label="this run")
    axis.axvline(model.step_index, color=MODEL_COLOUR, lw=0.8, ls=":")
    axis.axhline(0.0, color="#555555", lw=0.6)
    axis.set_ylim(-1.0, 1.0)
    axis.set_ylabel("composite cooperation")
    quarter_axis(axis, quarters)
    axis.legend(loc="lower left", fontsize=7, frameon=False, ncols=2)
    axis.set_title(f"{dyad} at {model.quarter} (step {model.step_index} of {len(quarters) - 1})")
    return figure


@styled
def network_figure(ensemble, model):
    """Each actor's modal posture toward each other across the ensemble at the model's
    quarter (hedging omitted, as in ``bargainsim plot --kind network``)."""
    figure = new_figure(4.2, 4.0)
    axis = figure.subplots()
    postures = ensemble.tables("postures")
    draw_network(axis, postures[equals(postures["quarter"], model.quarter)], model.quarter)
    axis.set_title(f"Alignment network, end of {model.quarter}\n(green cooperate, red balance)")
    return figure


@styled
def issues_figure(model):
    """Every actor's stance on every issue (0-100) at the model's quarter, filled, beside
    its stance at the start, hollow; marker size grows with salience."""
    compiled, step = model.compiled, model.step_index
    position, salience = model.history.position[0], model.history.salience[0]
    issues = compiled.issue_ids
    figure = new_figure(6.4, 0.6 + 0.36 * len(issues))
    axis = figure.subplots()
    rows = np.arange(len(issues))[::-1]
    for k, actor in enumerate(compiled.actor_ids):
        marker = ACTOR_MARKERS[k % len(ACTOR_MARKERS)]
        size = 12 + 2.5 * salience[step, k]
        axis.scatter(position[0, k], rows, s=size, marker=marker, facecolor="none",
                     edgecolor=f"C{k}", lw=0.8)  # fmt: skip
        axis.scatter(position[step, k], rows, s=size, marker=marker, color=f"C{k}", label=actor)
    axis.set_yticks(rows, issues, fontsize=7)
    axis.set_xlim(-3, 103)
    axis.set_xlabel("stance (0-100); hollow: at the start")
    axis.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    axis.set_title(f"Issue stances at {model.quarter}")
    return figure
