"""Draw docs/figures/regimes.png: where a dyad's relation settles against the reaction gain.

Two states, every driver but alignment and reciprocity held at a neutral signal (no
institutions, no ties, no threat, trust 1/2, regimes half apart), each variable with the
weights it has at the defaults. For each reaction gain g the model's own update
(``driver_terms`` and ``update_cooperation``, no noise) is iterated from 25 starting
levels until it settles; the settled levels are plotted. One stable level means one
regime; two means détente and rivalry coexist (docs/model.md §8.2).

    python docs/figures/regimes.py
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from bargainsim.model.relations import driver_terms, update_cooperation
from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import Variable

GAINS = np.linspace(0.0, 12.0, 121)
STARTS = np.linspace(-0.95, 0.95, 24)  # an even count: none starts at the unstable 0
QUARTERS = 600
INERTIA = 0.8  # the shipped actors' trait


def settled(params: ModelParameters, alignment: float) -> np.ndarray:
    """Settled cooperation ``(starts, V)`` of a symmetric pair, one run per start."""
    runs = len(STARTS)
    shape = (runs, 2, 2)
    cooperation = np.broadcast_to(STARTS[:, None, None, None], (*shape, 4)).copy()
    cooperation[:, [0, 1], [0, 1]] = 0.0
    fixed = {
        "alignment": np.full((*shape, 4), alignment),
        "stake": np.ones((*shape, 4)),
        "shared": np.zeros((*shape, 4)),
        "interdependence": np.zeros(shape),
        "sanctions": np.zeros((*shape, 4)),
        "threat": np.zeros(shape),
        "intent": np.full(shape, 0.5),
        "common": np.zeros(shape),
        "balance": np.zeros(shape),
        "regime": np.tile([0.25, 0.75], (runs, 1)),
    }
    for _ in range(QUARTERS):
        signals, weights = driver_terms(cooperation=cooperation, **fixed, params=params)
        cooperation = update_cooperation(
            cooperation,
            signals,
            weights,
            np.full((runs, 2), INERTIA),
            fixed["shared"],
            fixed["interdependence"],
            np.zeros_like(cooperation),
            params,
        )
    return cooperation[:, 0, 1, :]


FIGURE = Path(__file__).with_suffix(".png")


def main(out: Path = FIGURE) -> None:
    base = ModelParameters()
    figure, axes = plt.subplots(1, 4, figsize=(13, 3.4), sharey=True, constrained_layout=True)
    for alignment, colour, label in (
        (0.0, "black", "issues neutral"),
        (-0.1, "tab:red", "issues −0.1"),
    ):
        levels = np.array([settled(replace(base, reaction_gain=g), alignment) for g in GAINS])
        for v, variable in enumerate(Variable):
            ax = axes[v]
            for s in range(len(STARTS)):
                ax.plot(
                    GAINS,
                    levels[:, s, v],
                    ".",
                    ms=1.5,
                    color=colour,
                    label=label if s == 0 else None,
                )
            ax.set_title(variable.value)
    for ax in axes:
        ax.axvline(base.reaction_gain, color="grey", lw=0.8, ls="--")
        ax.set_xlabel("reaction gain g")
    axes[0].set_ylabel("settled cooperation")
    axes[0].legend(loc="lower left", fontsize=8, markerscale=6)
    figure.suptitle("Where a relation settles, from 24 starting levels (dashed: the default g)")
    figure.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
