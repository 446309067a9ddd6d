"""Indices from a design and the outputs measured at its points: never runs the model.

``indices(design, output)`` gives, per input, Morris's μ (mean elementary effect), μ*
(mean absolute effect, Campolongo et al. 2007) with its bootstrap confidence interval, and
σ; or Sobol's first-order S1 and total ST with theirs (Saltelli et al. 2010 estimators,
as in SALib). Effects are per unit of each input's range (the design is in the unit
cube).

The noise's own share. The model is stochastic and each point's output is a mean over
replicates, which keeps some noise. Two measures of it are reported beside the inputs:

- the **noise floor**: the same indices computed on half the difference between the
  means of the two halves of each point's replicates. That output has the noise of the
  full mean (variance σ²/R, the same as the mean of R replicates) and no dependence on
  any input, so an input whose index is not clearly above the floor is not told apart
  from noise;
- the **noise share**: the mean between-replicate variance at a point over the total
  variance of single runs across the design (the part of a single run's variation that
  no input explains), and the same for the point means (mean within-point variance / R
  over the variance of the means).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.sensitivity.design import MORRIS_LEVELS, Design

NOISE = "(noise floor)"
CONF_LEVEL = 0.95
RESAMPLES = 1000
MORRIS_COLUMNS = ["mu", "mu_star", "mu_star_conf", "sigma"]
SOBOL_COLUMNS = ["S1", "S1_conf", "ST", "ST_conf"]


def index_columns(method: str) -> list[str]:
    return MORRIS_COLUMNS if method == "morris" else SOBOL_COLUMNS


def indices(design: Design, output, seed: int | None = None) -> pd.DataFrame:
    """One row per input: the method's indices of ``output`` (one value per design point).
    An output that does not vary over the design has every index 0."""
    output = np.asarray(output, dtype=float)
    if output.shape != (design.n_points,):
        raise ValueError(f"expected {design.n_points} outputs, got shape {output.shape}")
    seed = design.seed if seed is None else seed
    columns = index_columns(design.method)
    if not np.isfinite(output).all() or np.ptp(output) == 0:
        flat = np.zeros((len(design.names), len(columns)))
        if not np.isfinite(output).all():
            flat[:] = np.nan
        return pd.DataFrame(flat, columns=columns).assign(input=list(design.names))[
            ["input", *columns]
        ]
    if design.method == "morris":
        from SALib.analyze import morris

        found = morris.analyze(
            design.problem,
            design.unit,
            output,
            num_resamples=RESAMPLES,
            conf_level=CONF_LEVEL,
            num_levels=MORRIS_LEVELS,
            seed=seed,
        )
    else:
        from SALib.analyze import sobol

        found = sobol.analyze(
            design.problem,
            output,
            calc_second_order=False,
            num_resamples=RESAMPLES,
            conf_level=CONF_LEVEL,
            seed=seed,
        )
    frame = pd.DataFrame({column: np.asarray(found[column], dtype=float) for column in columns})
    return frame.assign(input=list(design.names))[["input", *columns]]


def with_noise_floor(design: Design, output, half_difference, seed=None) -> pd.DataFrame:
    """:func:`indices` of ``output`` with a last row, :data:`NOISE`: the largest index any
    input gets from ``half_difference`` alone (see the module's docstring). Morris's μ*
    is absolute, so the floor is μ* of the half difference; Sobol's indices are shares of
    the output's variance, so the floor is the half difference's estimator terms over the
    variance of ``output`` itself: the part of each index the noise would make."""
    found = indices(design, output, seed)
    if design.method == "morris":
        noise = indices(design, half_difference, seed)
        top = noise.loc[noise["mu_star"].idxmax()] if noise["mu_star"].notna().any() else None
        row = {c: (float(top[c]) if top is not None else np.nan) for c in MORRIS_COLUMNS}
    else:
        row = sobol_noise(design, output, half_difference)
    floor = pd.DataFrame([{"input": NOISE, **row}])
    return pd.concat([found, floor], ignore_index=True)


def sobol_noise(design: Design, output, half_difference) -> dict[str, float]:
    """Saltelli et al. (2010)'s S1 and Jansen's ST estimators (SALib's) applied to the
    half difference and divided by the variance of ``output``: the largest over inputs."""
    d = len(design.names)
    y = np.asarray(output, dtype=float).reshape(-1, d + 2)
    h = np.asarray(half_difference, dtype=float).reshape(-1, d + 2)
    variance = float(np.var(np.r_[y[:, 0], y[:, -1]]))
    if variance == 0:
        return {"S1": 0.0, "S1_conf": np.nan, "ST": 0.0, "ST_conf": np.nan}
    a, b, ab = h[:, 0], h[:, -1], h[:, 1:-1]
    first = np.mean(b[:, None] * (ab - a[:, None]), axis=0) / variance
    total = 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / variance
    return {
        "S1": float(np.abs(first).max()),
        "S1_conf": np.nan,
        "ST": float(total.max()),
        "ST_conf": np.nan,
    }


def noise_share(run_values, point_of_run, replicates: int) -> dict[str, float]:
    """The noise's share of the variance of single runs and of the point means."""
    values = np.asarray(run_values, dtype=float)
    points = np.asarray(point_of_run)
    frame = pd.DataFrame({"point": points, "value": values})
    grouped = frame.groupby("point")["value"]
    within = float(grouped.var(ddof=1).mean()) if replicates > 1 else float("nan")
    total = float(values.var(ddof=1)) if len(values) > 1 else float("nan")
    means = grouped.mean()
    between = float(means.var(ddof=1)) if len(means) > 1 else float("nan")
    return {
        "noise_share_runs": within / total if total > 0 else float("nan"),
        "noise_share_means": (within / replicates) / between if between > 0 else float("nan"),
    }


def rank_inputs(frame: pd.DataFrame, method: str) -> pd.DataFrame:
    """Inputs in decreasing order of μ* (Morris) or ST (Sobol), the noise floor kept last;
    ``above_noise`` says whether the index's lower confidence bound clears the floor."""
    key, conf = ("mu_star", "mu_star_conf") if method == "morris" else ("ST", "ST_conf")
    inputs = frame[frame["input"] != NOISE].sort_values(key, ascending=False, kind="stable")
    floor = frame[frame["input"] == NOISE]
    level = float(floor[key].iloc[0]) if len(floor) and np.isfinite(floor[key].iloc[0]) else 0.0
    inputs = inputs.assign(
        rank=np.arange(1, len(inputs) + 1),
        above_noise=(inputs[key] - inputs[conf].fillna(0.0)) > level,
    )
    return pd.concat([inputs, floor.assign(rank=np.nan, above_noise=False)], ignore_index=True)
