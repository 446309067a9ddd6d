"""Were the papers right? Each paper's headline claims scored against the historical
record over the claim's own window, beside the model's verdict from the paper's premises.

The record (docs/history.md) codes each dyad's overall relation as periods with a level
(−3 hostile … +3 close) at each period's end; a dyad's first note gives its level at the
record's start ("from 0: …"). A claim is comparable when its observable is the overall
relation (`composite`) of one dyad (`cooperation`) or the mean of several
(`mean_cooperation`). Its record series is the level at the window's start (the end of the
period before, or the start level) followed by the end level of every period that ends
inside the window and of the period in which the window ends. The claim's own test and
reading are applied to that series with a tolerance of zero — on an ordinal scale any
change of level is a change — and, for a mean, to the mean of the dyads' statistics.
Pure analysis: the record is loaded, nothing is simulated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from bargainsim.compare.claims import Claim
from bargainsim.compare.record import Period, Record

START_LEVEL = re.compile(r"^\s*from\s+([+-]?\d)\b")


def start_level(periods: Sequence[Period]) -> float | None:
    """The dyad's level at the record's start, from its first period's note."""
    match = START_LEVEL.match(periods[0].note) if periods else None
    return float(match.group(1)) if match else None


def record_levels(record: Record, dyad: str, claim: Claim) -> list[float] | None:
    """The record's levels of ``dyad`` over the claim's window (module docstring), or
    ``None`` when the record does not cover the window."""
    pair = frozenset(dyad.split("-"))
    periods = [p for p in record.periods if p.actors == pair]
    if not periods or any(p.level is None for p in periods):
        return None
    before = [p for p in periods if p.end < claim.start]
    if before:
        levels = [float(before[-1].level)]
    elif periods[0].start <= claim.start:
        first = start_level(periods)
        if first is None:
            return None
        levels = [first]
    else:
        return None
    inside = [p for p in periods if claim.start <= p.end]
    for period in inside:
        levels.append(float(period.level))
        if period.end >= claim.end:
            break
    else:
        return None  # the record stops before the window ends
    return levels


def comparable_dyads(claim: Claim) -> list[str] | None:
    observable = claim.observable
    if getattr(observable, "variable", "composite") != "composite":
        return None
    if claim.kind.name == "cooperation":
        return [observable.dyad]
    if claim.kind.name == "mean_cooperation":
        return list(observable.dyads)
    return None


def record_verdict(claim: Claim, record: Record) -> dict:
    """The record's levels, the claim's measure on them, and whether the paper was right."""
    dyads = comparable_dyads(claim)
    if dyads is None:
        return {"record": "not comparable: the record codes overall relations only"}
    series = {d: record_levels(record, d, claim) for d in dyads}
    if any(levels is None for levels in series.values()):
        missing = ", ".join(d for d, levels in series.items() if levels is None)
        return {"record": f"not covered by the record ({missing})"}
    params = claim.test_params.model_copy(update={"edge": 1})
    measures = [
        float(claim.test.statistic(np.array([levels]), params, claim.at)[0])
        for levels in series.values()
    ]
    measure = float(np.mean(measures))
    right = bool(claim.test.holds(np.array([measure]), claim.test_params, 0.0)[0])
    shown = "; ".join(
        f"{d} {' → '.join(f'{level:+.0f}' for level in levels)}" for d, levels in series.items()
    )
    return {"record": shown, "record_measure": measure, "paper_right": right}


def papers_right(claims: Sequence[Claim], record: Record, scorecard: pd.DataFrame) -> pd.DataFrame:
    """One row per headline claim: the record's verdict and the model's, from the paper's
    own scenario (``scorecard``: the comparison's claims table, base rows)."""
    rows = []
    for claim in claims:
        if not claim.headline:
            continue
        mine = scorecard[(scorecard["claim"] == claim.id) & (scorecard["role"] == "base")]
        model = mine.iloc[0] if len(mine) else None
        rows.append(
            {
                "paper": claim.paper,
                "claim": claim.id,
                "window": claim.window,
                "reading": claim.reading_label(),
                "expectation": claim.test.name,
                "record_measure": np.nan,
                "paper_right": None,
                **record_verdict(claim, record),
                "model_share": float(model["share"]) if model is not None else np.nan,
                "model_verdict": str(model["verdict"]) if model is not None else "not scored",
            }
        )
    return pd.DataFrame(rows)
