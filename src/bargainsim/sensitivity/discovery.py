"""Scenario discovery: PRIM boxes for "in which region of the inputs does a claim hold".

The Patient Rule Induction Method (Friedman and Fisher 1999), as used for scenario
discovery (Bryant and Lempert 2010; Kwakkel 2017), from the EMA workbench's maintained
implementation (``ema_workbench.analysis.prim``). The cases are the runs of a sensitivity
study, each with its design point's input values, and the outcome of interest is whether
the claim holds in that run. A box is a range per input; its **coverage** is the share of
all runs in which the claim holds that fall inside it, its **density** the share of runs
inside it in which the claim holds, its **mass** the share of runs inside it. Peeling
trades coverage for density; the box reported is the densest on the peeling trajectory
whose coverage is still at least ``min_coverage``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bargainsim.errors import BargainsimError

MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Discovery:
    """A claim's PRIM box: the peeling trajectory, the box chosen on it and its limits."""

    base_rate: float  # share of all runs in which the claim holds
    trajectory: pd.DataFrame  # box, coverage, density, mass, restricted
    chosen: int | None  # the box reported (a row of trajectory), None if none
    limits: pd.DataFrame  # input, low, high, restricted (for the chosen box)

    @property
    def box(self) -> dict | None:
        if self.chosen is None:
            return None
        return self.trajectory.iloc[self.chosen].to_dict()


def discover(
    inputs: pd.DataFrame,
    holds,
    *,
    min_coverage: float = MIN_COVERAGE,
    peel_alpha: float = 0.05,
    mass_min: float = 0.05,
) -> Discovery:
    """A PRIM box over ``inputs`` (one row per case, one column per input) for the cases
    where ``holds`` is true. A claim that holds in every case or in none has no box."""
    holds = np.asarray(holds, dtype=bool)
    if len(holds) != len(inputs):
        raise BargainsimError(f"{len(holds)} outcomes for {len(inputs)} cases")
    if not 0 < min_coverage <= 1:
        raise BargainsimError(f"--min-coverage must be in (0, 1]; got {min_coverage}")
    rate = float(holds.mean()) if len(holds) else float("nan")
    ranges = pd.DataFrame({"low": inputs.min(), "high": inputs.max()})
    if not holds.any() or holds.all():
        limits = ranges.assign(restricted=False).rename_axis("input").reset_index()
        return Discovery(rate, pd.DataFrame(columns=TRAJECTORY_COLUMNS), None, limits)
    with warnings.catch_warnings():
        # The workbench warns at import about optional parallel backends it will not use.
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim

    finder = prim.Prim(
        inputs.reset_index(drop=True).astype(float),
        holds,
        peel_alpha=peel_alpha,
        mass_min=mass_min,
    )
    box = finder.find_box()
    peeled = box.peeling_trajectory.reset_index(drop=True)
    trajectory = pd.DataFrame(
        {
            "box": np.arange(len(peeled)),
            "coverage": peeled["coverage"].to_numpy(dtype=float),
            "density": peeled["density"].to_numpy(dtype=float),
            "mass": peeled["mass"].to_numpy(dtype=float),
            "restricted": peeled["res_dim"].to_numpy(dtype=int),
        }
    )
    eligible = trajectory[trajectory["coverage"] >= min_coverage]
    chosen = int(eligible["density"].idxmax()) if len(eligible) else 0
    lims = box.box_lims[chosen]
    limits = pd.DataFrame(
        {
            "input": list(inputs.columns),
            "low": [float(lims[c].iloc[0]) for c in inputs.columns],
            "high": [float(lims[c].iloc[1]) for c in inputs.columns],
        }
    )
    limits["restricted"] = (limits["low"] > ranges["low"].to_numpy()) | (
        limits["high"] < ranges["high"].to_numpy()
    )
    return Discovery(rate, trajectory, chosen, limits)


TRAJECTORY_COLUMNS = ["box", "coverage", "density", "mass", "restricted"]
