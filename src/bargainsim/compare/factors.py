"""What each of a paper's factors carries: one factor removed at a time, the same start.

A scenario's events name the paper's factor they belong to (``factor:``, docs/claims.md
"Factors"). Removing one factor's events — and nothing else: the same start relations,
every dyad and variable, the same seeds, the same noise floors — and scoring the claims
again gives that factor's effect on each claim: the share of runs bearing the claim out
with all factors minus the share without this one. Runs are paired by seed, so the
interval is the normal interval of the mean paired difference of the 0/1 outcomes
(each run counts +1, 0 or -1); the change of the claim's measure is summarised by its
median paired difference and 10-90 % range. Pure analysis of scored runs: simulating the
ablations is the workflow's part (:mod:`bargainsim.workflows.factors`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from bargainsim.compare.claims import Claim
from bargainsim.compare.intervals import Z_95
from bargainsim.compare.pipeline import ScenarioScore

FACTOR_COLUMNS = [
    "paper",
    "claim",
    "headline",
    "scenario",
    "factor",
    "events",
    "runs",
    "share",
    "share_without",
    "effect",
    "ci_low",
    "ci_high",
    "median_measure_effect",
    "p10_measure_effect",
    "p90_measure_effect",
]


def factor_events(scenario) -> dict[str, list[str]]:
    """The scenario's factors in the order they first appear, each with its event ids."""
    found: dict[str, list[str]] = {}
    for event in scenario.events:
        if event.factor is not None:
            found.setdefault(event.factor, []).append(event.id)
    return found


def without_factor(scenario, factor: str):
    """The same scenario with one factor's events removed (nothing else changed)."""
    kept = [event for event in scenario.events if event.factor != factor]
    return scenario.model_copy(update={"events": kept})


def _as_written(score: ScenarioScore, claim_id: str) -> pd.DataFrame:
    runs = score.runs
    mine = runs[(runs["claim"] == claim_id) & runs["shocks"]]
    return mine.set_index("seed")[["consistent", "measure"]]


def paired_effect(base: pd.DataFrame, ablated: pd.DataFrame) -> dict[str, float]:
    """Share with, share without, their paired difference with a 95 % interval, and the
    median and 10-90 % range of the paired measure difference (module docstring)."""
    joined = base.join(ablated.add_suffix("_without"), how="inner")
    n = len(joined)
    if n == 0:
        return dict.fromkeys(FACTOR_COLUMNS[6:], np.nan)
    outcome = joined["consistent"].astype(float) - joined["consistent_without"].astype(float)
    effect = float(outcome.mean())
    half = Z_95 * float(outcome.std(ddof=1)) / np.sqrt(n) if n > 1 else np.nan
    measure = (joined["measure"] - joined["measure_without"]).to_numpy(dtype=float)
    p10, median, p90 = np.quantile(measure, [0.1, 0.5, 0.9])
    return {
        "runs": n,
        "share": float(joined["consistent"].mean()),
        "share_without": float(joined["consistent_without"].mean()),
        "effect": effect,
        "ci_low": max(-1.0, effect - half),
        "ci_high": min(1.0, effect + half),
        "median_measure_effect": float(median),
        "p10_measure_effect": float(p10),
        "p90_measure_effect": float(p90),
    }


def factor_table(
    claims: Sequence[Claim],
    base: ScenarioScore,
    ablations: Mapping[str, ScenarioScore],
    events: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """One row per claim and factor (``factors.csv``)."""
    rows = []
    for claim in claims:
        with_all = _as_written(base, claim.id)
        for factor, score in ablations.items():
            rows.append(
                {
                    "paper": claim.paper,
                    "claim": claim.id,
                    "headline": claim.headline,
                    "scenario": base.label,
                    "factor": factor,
                    "events": ", ".join(events.get(factor, ())),
                    **paired_effect(with_all, _as_written(score, claim.id)),
                }
            )
    return pd.DataFrame(rows, columns=FACTOR_COLUMNS)
