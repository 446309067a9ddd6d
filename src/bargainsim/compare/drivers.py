"""Which drivers carried a headline claim: the contribution table (docs/model.md §8.3) read
over the claim's observable and window.

A claim on a relation (``cooperation`` of one dyad, ``mean_cooperation`` of several) moves
as its directed relations move: both directions of each dyad (one, if ``directed``), on
its variable or, for ``composite``, each side's preference-weighted sum over the four
variables (its composite view, as the observable is built; with no preferences given, the
four variables' mean, the decomposition ``bargainsim explain`` reports). The weights are
the preferences at the start, so the decomposition is exact while no event changes them.
Each driver's part is summed over the window's quarters in every run, averaged over the
relations, and its median and 10-90 % range over runs kept;
the three drivers with the largest median part (either sign) are the ones that carried
the claim. Adjustment terms (inertia, damping, noise, shocks, clipping) are not drivers.
Claims on issues, postures or threat have no such decomposition and get none.
"""

from __future__ import annotations

import pandas as pd

from bargainsim.model.relations import DRIVERS
from bargainsim.results.sources import equals

TOP = 3
DRIVER_COLUMNS = ["claim", "scenario", "rank", "driver", "median", "p10", "p90", "runs"]


def relations_of(claim) -> tuple[list[tuple[str, str]], str | None] | None:
    """The directed pairs and the variable (None: the four's mean) a claim's observable
    is made of, or None when it is not a relation."""
    kind, observable = claim.kind.name, claim.observable
    if kind == "cooperation":
        dyads, directed = [observable.dyad], observable.directed
    elif kind == "mean_cooperation":
        dyads, directed = list(observable.dyads), False
    else:
        return None
    pairs = []
    for dyad in dyads:
        a, b = dyad.split("-")
        pairs += [(a, b)] if directed else [(a, b), (b, a)]
    variable = None if observable.variable == "composite" else observable.variable
    return pairs, variable


def run_parts(claim, contributions: pd.DataFrame, preferences=None) -> pd.DataFrame:
    """Per run, each driver's part of the claim's movement over its window (one row per
    run, one column per driver); empty when the claim is not on a relation.
    ``preferences`` (actor → variable → weight) weight a composite's variables."""
    found = relations_of(claim)
    if found is None:
        return pd.DataFrame(columns=["run", *DRIVERS])
    pairs, variable = found
    frame = contributions
    quarters = frame["quarter"].astype(str)
    keep = (quarters >= str(claim.start)) & (quarters <= str(claim.end)) & (frame["step"] > 0)
    if variable is not None:
        keep &= equals(frame["variable"], variable)
    chosen = pd.Series(False, index=frame.index)
    for actor, toward in pairs:
        chosen |= equals(frame["actor"], actor) & equals(frame["toward"], toward)
    rows = frame[keep & chosen.to_numpy()]
    # Sum over quarters; the mean over variables and pairs is the sum over them divided by
    # their number (each pair and variable has one row per quarter).
    per_relation = rows.groupby(["run", "actor", "toward", "variable"], observed=True)[
        list(DRIVERS)
    ].sum()
    if variable is not None or preferences is None:
        return per_relation.groupby(level="run").mean().reset_index()
    index = per_relation.index
    weight = [
        preferences[str(a)][str(v)]
        for a, v in zip(
            index.get_level_values("actor"), index.get_level_values("variable"), strict=True
        )
    ]
    views = per_relation.mul(weight, axis=0).groupby(level=["run", "actor", "toward"]).sum()
    return views.groupby(level="run").mean().reset_index()


def top_drivers(claim, parts: pd.DataFrame, scenario: str, count: int = TOP) -> pd.DataFrame:
    """The ``count`` drivers with the largest median part over runs, with their range."""
    if parts.empty:
        return pd.DataFrame(columns=DRIVER_COLUMNS)
    summary = pd.DataFrame(
        {
            "driver": list(DRIVERS),
            "median": [parts[d].median() for d in DRIVERS],
            "p10": [parts[d].quantile(0.1) for d in DRIVERS],
            "p90": [parts[d].quantile(0.9) for d in DRIVERS],
        }
    )
    ranked = summary.reindex(summary["median"].abs().sort_values(ascending=False).index)
    top = ranked.head(count).reset_index(drop=True)
    return top.assign(claim=claim.id, scenario=scenario, rank=top.index + 1, runs=len(parts))[
        DRIVER_COLUMNS
    ]


def driver_lines(drivers: pd.DataFrame | None) -> list[str]:
    """The report's section: each headline claim's three drivers (nothing if none)."""
    if drivers is None or drivers.empty:
        return []
    lines = [
        "## What carried each headline claim",
        "",
        "Under its own scenario, the three drivers with the largest median part of the "
        "claim's movement over its window (the relations' change summed over the window's "
        "quarters; both directions of each dyad, each side's preference-weighted view for a "
        "composite, its preferences at the start; "
        "`bargainsim explain` gives the full decomposition), with the 10–90 % range over runs.",
        "",
        "| claim | scenario | driver | median part | 10–90 % of runs |",
        "|---|---|---|---:|---|",
    ]
    for row in drivers.itertuples(index=False):
        lines.append(
            f"| `{row.claim}` | `{row.scenario}` | {row.rank}. {row.driver} | {row.median:+.3f} "
            f"| {row.p10:+.3f} to {row.p90:+.3f} |"
        )
    return [*lines, ""]
