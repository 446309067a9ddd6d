"""From a claim's runs to what the report says of it: the verdict, the distribution of its
measure, how its share moves with the tolerance, and whether it holds by input.

Verdict bands on the share of consistent runs: **reproduced** from 80 %, **leans toward**
from 50 %, **leans against** above 20 %, **contradicted** otherwise. A verdict is given only
when the share's 95 % interval lies inside one band; an interval that straddles a boundary
is reported as such ("leans toward or reproduced"), so that a verdict does not flip between
seeds. A possibility ("can never be ruled out") is **possible** when the interval's lower
end reaches the share the claim's reading names, **not shown possible** when its upper
end stays below it.
"""

from __future__ import annotations

import numpy as np

from bargainsim.compare.claim_tests import TOLERANCE_SWEEP
from bargainsim.compare.claims import Claim

BANDS = ((0.8, "reproduced"), (0.5, "leans toward"), (0.2, "leans against"), (0.0, "contradicted"))
# A claim holds by input when it holds in at least this share of the frozen-dynamics runs.
BY_INPUT_SHARE = 0.5


def band(share: float) -> str:
    for floor, name in BANDS:
        if share >= floor:
            return name
    return BANDS[-1][1]


def verdict(share: float, low: float, high: float, possibility: float | None = None) -> str:
    """One phrase for a share and its 95 % interval (module docstring)."""
    if np.isnan(share):
        return "not scored"
    if possibility is not None:
        if low >= possibility:
            return f"possible (in >= {possibility:.0%} of runs)"
        if high < possibility:
            return f"not shown possible (in < {possibility:.0%} of runs)"
        return f"undecided: the interval straddles {possibility:.0%}"
    bottom, top = band(low), band(high)
    if bottom == top:
        return bottom
    return f"{bottom} or {top} (the interval straddles a band's edge)"


def distribution(measure: np.ndarray) -> dict[str, float]:
    """Median and 10-90 % range of the claim's measure over runs."""
    measure = np.asarray(measure, dtype=float)
    if measure.size == 0:
        return {"median": np.nan, "p10": np.nan, "p90": np.nan}
    p10, median, p90 = np.quantile(measure, [0.1, 0.5, 0.9])
    return {"median": float(median), "p10": float(p10), "p90": float(p90)}


def tolerance_curve(claim: Claim, measure: np.ndarray) -> dict[str, float]:
    """For a trend, the share of runs bearing it out at each tolerance of
    :data:`~bargainsim.compare.claim_tests.TOLERANCE_SWEEP` (fractions of the observable's
    range, e.g. 2.5 % is 0.05 of cooperation and 2.5 points of an issue; the first, 0, is
    the share in the claimed direction); empty for levels and states."""
    if not claim.test.uses_tolerance or len(measure) == 0:
        return {}
    span = claim.kind.span
    return {
        tolerance_column(fraction): float(
            np.mean(claim.test.holds(np.asarray(measure), claim.test_params, fraction * span))
        )
        for fraction in TOLERANCE_SWEEP
    }


def tolerance_column(fraction: float) -> str:
    """``share_at_0``, ``share_at_2.5pct`` …: a fixed fraction of the observable's range,
    so that one column means the same for every claim whatever its unit."""
    return "share_at_0" if fraction == 0 else f"share_at_{100 * fraction:g}pct"


def holds_by_input(frozen_share: float, share: float) -> bool:
    """A claim the model bears out that also holds with the dynamics frozen holds by its
    inputs: the model has not reproduced it."""
    return bool(frozen_share >= BY_INPUT_SHARE and share >= BY_INPUT_SHARE)
