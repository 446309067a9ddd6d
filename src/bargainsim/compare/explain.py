"""Why a relation moved: the contribution table read for one dyad (docs/model.md §8.3).

Pure analysis of tables: ``contributions`` (one row per run, step, directed pair and
variable, one column per term) from a run or a batch that recorded it. Each term's part of
the change is taken on one variable, or as the mean over the four (the dyad's unweighted
mean), then summarised over runs per quarter and in total over the window.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.model.relations import CONTRIBUTIONS
from bargainsim.results.sources import ObservableMissing, equals, present


def explain_frame(
    contributions: pd.DataFrame,
    dyad: str,
    *,
    variable: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Tidy ``(quarter, term, median, p10, p90)`` rows for ``A-B`` (A toward B), the
    variables' mean when ``variable`` is None; a ``total`` quarter sums the window."""
    actor, toward = dyad.split("-")
    for who in (actor, toward):
        if who not in present(contributions["actor"]):
            listed = ", ".join(sorted(present(contributions["actor"])))
            raise ObservableMissing("dyad", dyad, f"actors of the run ({listed})")
    rows = contributions[
        equals(contributions["actor"], actor) & equals(contributions["toward"], toward)
    ]
    if variable is not None:
        if variable not in present(rows["variable"]):
            raise ObservableMissing(
                "variable", variable, "military, geopolitics, economics or domestic"
            )
        rows = rows[equals(rows["variable"], variable)]
    rows = rows[rows["step"] > 0]  # step 0 is the start: nothing moved yet
    quarters = rows["quarter"].astype(str)
    if start is not None:
        rows, quarters = rows[quarters >= start], quarters[quarters >= start]
    if end is not None:
        rows, quarters = rows[quarters <= end], quarters[quarters <= end]
    if rows.empty:
        raise ObservableMissing("window", f"{start}..{end}", "a window inside the run")
    per_run = (
        rows.assign(quarter=quarters)
        .groupby(["run", "step", "quarter"], observed=True)[list(CONTRIBUTIONS)]
        .mean()
    )
    long = per_run.reset_index().melt(
        id_vars=["run", "step", "quarter"], var_name="term", value_name="change"
    )
    totals = (
        long.groupby(["run", "term"], as_index=False)["change"]
        .sum()
        .assign(step=np.iinfo(np.int32).max, quarter="total")
    )
    both = pd.concat([long, totals], ignore_index=True)
    summary = both.groupby(["step", "quarter", "term"], sort=False)["change"].agg(
        median="median",
        p10=lambda x: x.quantile(0.1),
        p90=lambda x: x.quantile(0.9),
    )
    summary = summary.reset_index()
    position = summary["term"].map({term: k for k, term in enumerate(CONTRIBUTIONS)})
    return summary.iloc[np.lexsort((position, summary["step"]))].reset_index(drop=True)


def top_terms(frame: pd.DataFrame, count: int = 3) -> list[tuple[str, float]]:
    """The terms that moved the relation most over the window (by |median total|)."""
    total = frame[frame["quarter"] == "total"].set_index("term")["median"]
    ranked = total.reindex(total.abs().sort_values(ascending=False).index)
    return [(term, float(value)) for term, value in ranked.head(count).items()]
