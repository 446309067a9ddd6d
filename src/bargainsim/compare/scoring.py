"""Scoring: every claim in every run, then the share of runs consistent with it.

A claim's window ``{start: A, end: B}`` covers the states from the start of quarter A (the
table row labelled A-1, the end of the quarter before) to the end of quarter B, so a claim
whose window opens with the scenario sees the initial state. A window that reaches outside
the simulated quarters is cut to the overlap (the cut is reported); one with fewer than two
states inside is an error.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from bargainsim.compare.claim_tests import edge_change, noise_floor
from bargainsim.compare.claims import Claim
from bargainsim.compare.intervals import wilson_interval
from bargainsim.compare.observables import ObservableMissing, TableSource, Trajectory
from bargainsim.scenario.quarters import Quarter

RUN_COLUMNS = ["claim", "scenario", "shocks", "run", "seed", "consistent", "measure", "change"]


def cached_tables(frames: dict[str, pd.DataFrame] | TableSource) -> TableSource:
    """A table source from a dict of frames or a loader ``name -> DataFrame`` (cached)."""
    if isinstance(frames, dict):
        return frames.__getitem__
    cache: dict[str, pd.DataFrame] = {}

    def get(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = frames(name)
        return cache[name]

    return get


def window_slice(trajectory: Trajectory, claim: Claim) -> tuple[np.ndarray, np.ndarray, bool]:
    """The observable's values inside the claim's window: (values R×W, quarter labels,
    whether the window was cut to the simulated quarters)."""
    ordinals = np.array([Quarter.parse(q).ordinal for q in trajectory.quarters])
    first, last = (claim.start + -1).ordinal, claim.end.ordinal
    inside = (ordinals >= first) & (ordinals <= last)
    if inside.sum() < 2:
        simulated = f"{trajectory.quarters[0]}..{trajectory.quarters[-1]}"
        raise claim.problem(
            "window", claim.window, f"a window overlapping the simulated quarters {simulated}"
        )
    cut = bool(ordinals.min() > first or ordinals.max() < last)
    return trajectory.values[:, inside], trajectory.quarters[inside], cut


def claim_trajectory(claim: Claim, tables: TableSource) -> Trajectory:
    try:
        return claim.kind.compute(tables, claim.observable)
    except ObservableMissing as missing:
        raise claim.problem(f"observable.{missing.key}", missing.value, missing.expected) from None


def score_claims(
    claims: Iterable[Claim],
    tables: TableSource,
    scenario: str,
    shocks: bool = True,
    floors: dict[str, float] | None = None,
    groups=None,
) -> tuple[pd.DataFrame, dict[str, str], dict[str, float]]:
    """Every claim in every run: ``(runs, cuts, floors)``. ``floors`` are the claims'
    noise floors (claim id → the standard deviation of its measure across runs) measured in
    the comparison's base scenario; missing ones are measured here, in these runs, and
    returned, so that every scenario of a comparison is judged at its base's floor.

    ``groups``, a function from run numbers to group numbers (a sensitivity design's
    points), measures the floor within each group instead, where runs differ only by their
    seeds; the returned floor is then the groups' median."""
    frames, cuts, measured = [], {}, {}
    for claim in claims:
        trajectory = claim_trajectory(claim, tables)
        values, quarters, cut = window_slice(trajectory, claim)
        if cut:
            cuts[claim.id] = f"{quarters[0]}..{quarters[-1]}"
        measure = claim.test.statistic(values, claim.test_params, claim.at)
        floor = (floors or {}).get(claim.id)
        if groups is not None and floor is None:
            per_run = group_floors(measure, groups(np.asarray(trajectory.runs)))
            measured[claim.id] = float(np.median(per_run)) if per_run.size else 0.0
            tolerance = claim.tolerance(per_run)
        else:
            measured[claim.id] = noise_floor(measure) if floor is None else floor
            tolerance = claim.tolerance(measured[claim.id])
        consistent = claim.test.holds(measure, claim.test_params, tolerance)
        edge = getattr(claim.test_params, "edge", 2)
        frames.append(
            pd.DataFrame(
                {
                    "claim": claim.id,
                    "scenario": scenario,
                    "shocks": shocks,
                    "run": trajectory.runs,
                    "seed": trajectory.seeds,
                    "consistent": np.asarray(consistent, dtype=bool),
                    "measure": np.asarray(measure, dtype=float),
                    "change": edge_change(values, edge),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=RUN_COLUMNS), cuts, measured
    return pd.concat(frames, ignore_index=True), cuts, measured


def group_floors(measure: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Per run, the noise floor of its group (the measure's spread within the group)."""
    out = np.zeros(len(measure))
    for value in np.unique(group):
        inside = group == value
        out[inside] = noise_floor(measure[inside])
    return out


def score_runs(
    claims: Iterable[Claim], tables: TableSource, scenario: str, shocks: bool = True
) -> pd.DataFrame:
    """One row per claim and run: consistent (bool), the claim's measure (as its reading
    says) and the observable's edge-to-edge change over the window (its "movement")."""
    return score_claims(claims, tables, scenario, shocks)[0]


def window_cuts(claims: Iterable[Claim], tables: TableSource) -> dict[str, str]:
    """Claims whose window reaches outside the simulated quarters: id → the quarters used."""
    cuts = {}
    for claim in claims:
        _, quarters, cut = window_slice(claim_trajectory(claim, tables), claim)
        if cut:
            cuts[claim.id] = f"{quarters[0]}..{quarters[-1]}"
    return cuts


def summarise(runs: pd.DataFrame) -> pd.DataFrame:
    """Per claim, scenario and shock condition: runs, consistent runs, share, 95 % Wilson
    interval, median measure and median change."""
    rows = []
    keys = ["claim", "scenario", "shocks"]
    for (claim, scenario, shocks), group in runs.groupby(keys, sort=False):
        n, k = len(group), int(group["consistent"].sum())
        low, high = wilson_interval(k, n)
        rows.append(
            {
                "claim": claim,
                "scenario": scenario,
                "shocks": bool(shocks),
                "runs": n,
                "consistent": k,
                "share": k / n if n else np.nan,
                "ci_low": low,
                "ci_high": high,
                "median_measure": float(group["measure"].median()),
                "median_change": float(group["change"].median()),
            }
        )
    return pd.DataFrame(rows)


def shock_attribution(runs: pd.DataFrame) -> pd.DataFrame:
    """Per claim and scenario: the median over runs of the paired difference in movement
    between the run with the scenario's shock events and the same seed without them —
    the part of the claim's movement that came from direct cooperation shocks."""
    with_shocks = runs[runs["shocks"]].set_index(["claim", "scenario", "seed"])["change"]
    without = runs[~runs["shocks"]].set_index(["claim", "scenario", "seed"])["change"]
    paired = (with_shocks - without.reindex(with_shocks.index)).dropna()
    if paired.empty:
        return pd.DataFrame(columns=["claim", "scenario", "shock_part"])
    out = paired.groupby(level=["claim", "scenario"], sort=False).median()
    return out.rename("shock_part").reset_index()
