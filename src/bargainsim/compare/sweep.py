"""Claims over the points of a batch: the share of runs consistent with each claim at each
point (scenario × sweep value, or design point), with its 95 % Wilson interval.

Pure analysis of scored runs (:func:`bargainsim.compare.scoring.score_claims`): the batch
is read and scored point by point by the caller (:mod:`bargainsim.workflows.sweep`,
:mod:`bargainsim.workflows.sensitivity`), never pooled across points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.compare.intervals import wilson_interval

POINT_COLUMNS = [
    "claim",
    "point",
    "runs",
    "consistent",
    "share",
    "ci_low",
    "ci_high",
    "mean_change",
    "half_difference_share",
    "half_difference_change",
]


def point_shares(runs: pd.DataFrame, runs_per_point: int) -> pd.DataFrame:
    """One row per claim and point of scored runs (``claim``, ``run``, ``consistent``,
    ``change``; run ids as the batch numbers them, ``point * runs_per_point +
    replicate``): runs, consistent runs, share with its Wilson interval, the mean change
    of the claim's observable over its window, and — for the noise floor of a sensitivity
    study — half the difference between the two halves of the point's replicates
    (replicates below and from ``runs_per_point // 2``; one left over is left out)."""
    if runs.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    run = runs["run"].to_numpy(dtype=np.int64)
    half = runs_per_point // 2
    replicate = run % runs_per_point
    frame = pd.DataFrame(
        {
            "claim": runs["claim"].astype(str).to_numpy(),
            "point": run // runs_per_point,
            "consistent": runs["consistent"].to_numpy(dtype=bool),
            "change": runs["change"].to_numpy(dtype=float),
            "half": np.where(replicate < half, 0, np.where(replicate < 2 * half, 1, -1)),
        }
    )
    grouped = frame.groupby(["claim", "point"], sort=False)
    table = grouped.agg(
        runs=("consistent", "size"),
        consistent=("consistent", "sum"),
        mean_change=("change", "mean"),
    ).reset_index()
    table["share"] = table["consistent"] / table["runs"]
    bounds = [
        wilson_interval(int(k), int(n))
        for k, n in zip(table["consistent"], table["runs"], strict=True)
    ]
    table["ci_low"] = [low for low, _ in bounds]
    table["ci_high"] = [high for _, high in bounds]
    halves = frame[frame["half"] >= 0].groupby(["claim", "point", "half"], sort=False)
    means = halves.agg(share=("consistent", "mean"), change=("change", "mean")).unstack("half")
    if half >= 1 and means.shape[1] == 4:
        difference = (means.xs(0, axis=1, level="half") - means.xs(1, axis=1, level="half")) / 2
        difference = difference.rename(
            columns={"share": "half_difference_share", "change": "half_difference_change"}
        ).reset_index()
        table = table.merge(difference, on=["claim", "point"], how="left")
    else:
        table["half_difference_share"] = np.nan
        table["half_difference_change"] = np.nan
    return table[POINT_COLUMNS]


def sweep_table(shares: pd.DataFrame, points: list[dict]) -> pd.DataFrame:
    """:func:`point_shares` with each point's scenario and sweep values beside it
    (``points`` as :func:`bargainsim.results.batch_points` gives them), ordered by claim,
    scenario and sweep value."""
    axes = sorted({key for p in points for key in p.get("sweep", {})})
    described = pd.DataFrame(
        [{"point": p["point"], "scenario": p["scenario"], **p.get("sweep", {})} for p in points],
        columns=["point", "scenario", *axes],
    )
    table = shares.drop(columns=["half_difference_share", "half_difference_change"])
    table = table.merge(described, on="point", how="left")
    order = ["claim", "scenario", *axes, "point"]
    front = ["claim", "scenario", *axes, "point"]
    rest = [c for c in table.columns if c not in front]
    return table.sort_values(order, kind="stable").reset_index(drop=True)[front + rest]


def sweep_shares(runs: pd.DataFrame, points: list[dict], claims) -> pd.DataFrame:
    """Per claim and batch point (scored point by point, a ``point`` column beside each
    run): runs, consistent runs, share with its 95 % Wilson interval and verdict, the
    median change, and the point's scenario and sweep values (``sweep.csv``)."""
    from bargainsim.compare.verdicts import verdict

    described = {p["point"]: p for p in points}
    axes = sorted({key for p in points for key in p.get("sweep", {})})
    rows = []
    for claim in claims:
        mine = runs[runs["claim"] == claim.id]
        for point, group in mine.groupby("point", sort=True):
            n, k = len(group), int(group["consistent"].sum())
            low, high = wilson_interval(k, n)
            entry = described[int(point)]
            rows.append(
                {
                    "claim": claim.id,
                    "headline": claim.headline,
                    "point": int(point),
                    "scenario": entry["scenario"],
                    **{axis: entry.get("sweep", {}).get(axis) for axis in axes},
                    "runs": n,
                    "consistent": k,
                    "share": k / n if n else np.nan,
                    "ci_low": low,
                    "ci_high": high,
                    "median_change": float(group["change"].median()),
                    "verdict": verdict(k / n, low, high, claim.reading.possibility)
                    if n
                    else "not scored",
                }
            )
    return pd.DataFrame(rows)
