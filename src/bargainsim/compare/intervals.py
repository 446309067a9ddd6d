"""Confidence intervals for the share of runs consistent with a claim.

A claim's agreement is a binomial proportion: ``k`` of ``n`` independent runs (independent
seeds) are consistent with it. The Wilson score interval (Wilson 1927) keeps its coverage
near the nominal level for small ``n`` and for shares near 0 or 1, where the Wald interval
fails (Brown, Cai and DasGupta 2001, *Statistical Science* 16:101-133). The difference of
two shares (a claim under a scenario and under its counterfactual, independent runs) gets
Newcombe's hybrid score interval (Newcombe 1998, *Statistics in Medicine* 17:873-890,
method 10), built from the two Wilson intervals.
"""

from __future__ import annotations

import math

from bargainsim.errors import BargainsimError

Z_95 = 1.959963984540054  # the 0.975 quantile of the standard normal


def wilson_interval(consistent: int, runs: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for ``consistent`` successes in ``runs`` trials.

    ``(nan, nan)`` when there are no runs. Known values (Brown et al. 2001; Newcombe 1998
    table I): 81 of 263 → (0.2553, 0.3662); 0 of 10 → (0, 0.2775); 10 of 10 → (0.7225, 1).
    """
    if runs < 0 or consistent < 0 or consistent > runs:
        raise BargainsimError(f"need 0 <= consistent <= runs; got {consistent} of {runs}")
    if runs == 0:
        return (math.nan, math.nan)
    share = consistent / runs
    z2 = z * z
    centre = (share + z2 / (2 * runs)) / (1 + z2 / runs)
    half = z * math.sqrt(share * (1 - share) / runs + z2 / (4 * runs * runs)) / (1 + z2 / runs)
    low, high = centre - half, centre + half
    # exact bounds at the edges (the formula gives them up to rounding)
    low = 0.0 if consistent == 0 else max(0.0, low)
    high = 1.0 if consistent == runs else min(1.0, high)
    return (low, high)


def newcombe_difference(
    consistent_a: int, runs_a: int, consistent_b: int, runs_b: int, z: float = Z_95
) -> tuple[float, float, float]:
    """Difference ``share_a - share_b`` of two independent proportions with Newcombe's
    hybrid score interval: returns ``(difference, low, high)``.

    Known value (Newcombe 1998, table II, example (a)): 56/70 vs 48/80 → 0.2, interval
    (0.0524, 0.3339).
    """
    if runs_a == 0 or runs_b == 0:
        return (math.nan, math.nan, math.nan)
    p1, p2 = consistent_a / runs_a, consistent_b / runs_b
    l1, u1 = wilson_interval(consistent_a, runs_a, z)
    l2, u2 = wilson_interval(consistent_b, runs_b, z)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return (difference, low, high)
