"""The claim-test registry: how a claim's observable is judged in one run.

Each test type is declared once with :func:`claim_test` — its parameter schema (a pydantic
model), its docstring (what it means, its tolerance and the source of the idea), the
direction it expects (for plots) and which observables it accepts. The function takes the
observable's values inside the claim's window, shape (runs, quarters), and returns per
run whether the run is consistent with the claim and the measure it was judged on.

Tolerances. A change is measured between the **edges** of the window: the mean over its
first ``edge`` observations minus the mean over its last ``edge`` (default 2 quarters), so
one noisy quarter cannot decide a verdict. The default tolerance of a change is 2.5 % of
the observable's range (:attr:`ObservableKind.span`): 0.05 on the cooperation scale
(-1..+1), 2.5 points on an issue's 0-100 scale, 0.025 for a share; a claim may set
``tolerance`` in the observable's own unit. Levels (``above``, ``below``) are compared
exactly: the claim's ``threshold`` is its margin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

DEFAULT_RELATIVE_TOLERANCE = 0.025
DEFAULT_EDGE = 2


@dataclass(frozen=True)
class ClaimTest:
    name: str
    params: type[BaseModel]
    judge: Callable[[np.ndarray, BaseModel, float], tuple[np.ndarray, np.ndarray]]
    doc: str
    direction: int  # +1 expects a rise, -1 a fall, 0 a level or a state (for plots)
    indicator: bool | None  # True: 0/1 observables only; False: continuous only; None: any
    measure: str  # what the returned measure is, for the report

    def expectation(self, params: BaseModel, span: float) -> str:
        """A short phrase: what the test requires with the claim's parameters."""
        return _EXPECTATIONS[self.name](params, span)


CLAIM_TESTS: dict[str, ClaimTest] = {}
_EXPECTATIONS: dict[str, Callable[[BaseModel, float], str]] = {}


def claim_test(name, *, params, direction, measure, indicator=None, expect):
    """Register a claim test type under ``name`` (decorator)."""

    def decorate(function):
        CLAIM_TESTS[name] = ClaimTest(
            name=name,
            params=params,
            judge=function,
            doc=(function.__doc__ or "").strip(),
            direction=direction,
            indicator=indicator,
            measure=measure,
        )
        _EXPECTATIONS[name] = expect
        return function

    return decorate


class _Params(BaseModel):
    # Strict: "0.1" and true are not numbers, as in scenario files.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Change(_Params):
    tolerance: float | None = Field(default=None, ge=0)
    edge: int = Field(default=DEFAULT_EDGE, ge=1)


class Level(_Params):
    threshold: float
    statistic: Literal["mean", "end", "all"] = "mean"
    edge: int = Field(default=DEFAULT_EDGE, ge=1)


class Distance(Change):
    target: float = 0.0


class Never(_Params):
    max_share: float = Field(default=0.0, ge=0, lt=1)


class Mostly(_Params):
    share: float = Field(default=0.5, gt=0, le=1)
    above: float | None = None
    below: float | None = None


def tolerance_of(params: BaseModel, span: float) -> float:
    given = getattr(params, "tolerance", None)
    return DEFAULT_RELATIVE_TOLERANCE * span if given is None else float(given)


def edge_change(values: np.ndarray, edge: int) -> np.ndarray:
    """Mean of the last ``edge`` observations minus mean of the first ``edge`` (per run);
    a window shorter than two edges uses its first and last halves, overlapping at most
    in the middle observation."""
    width = values.shape[1]
    k = max(1, min(edge, width // 2 if width >= 2 else 1))
    return values[:, -k:].mean(axis=1) - values[:, :k].mean(axis=1)


def _fmt(x: float) -> str:
    return f"{x:+.3g}"


# ---------------------------------------------------------------- changes


@claim_test(
    "increasing",
    params=Change,
    direction=+1,
    measure="change (end minus start)",
    expect=lambda p, s: f"change > {_fmt(tolerance_of(p, s))}",
)
def increasing(values, p: Change, span: float):
    """Rises over the window: mean over the last ``edge`` quarters minus mean over the first
    ``edge`` (default 2) exceeds ``+tolerance`` (default 2.5 % of the observable's range:
    0.05 of cooperation). Edge means follow the usual practice of comparing period averages
    rather than single quarters of an event-data series (Goldstein 1992)."""
    change = edge_change(values, p.edge)
    return change > tolerance_of(p, span), change


@claim_test(
    "decreasing",
    params=Change,
    direction=-1,
    measure="change (end minus start)",
    expect=lambda p, s: f"change < {_fmt(-tolerance_of(p, s))}",
)
def decreasing(values, p: Change, span: float):
    """Falls over the window: end-edge mean minus start-edge mean is below ``-tolerance``
    (defaults as for ``increasing``)."""
    change = edge_change(values, p.edge)
    return change < -tolerance_of(p, span), change


@claim_test(
    "not_decreasing",
    params=Change,
    direction=+1,
    measure="change (end minus start)",
    expect=lambda p, s: f"change >= {_fmt(-tolerance_of(p, s))}",
)
def not_decreasing(values, p: Change, span: float):
    """Holds or rises — "the process will continue": end-edge mean minus start-edge mean is
    at least ``-tolerance`` (defaults as for ``increasing``)."""
    change = edge_change(values, p.edge)
    return change >= -tolerance_of(p, span), change


@claim_test(
    "not_increasing",
    params=Change,
    direction=-1,
    measure="change (end minus start)",
    expect=lambda p, s: f"change <= {_fmt(tolerance_of(p, s))}",
)
def not_increasing(values, p: Change, span: float):
    """Holds or falls: end-edge mean minus start-edge mean is at most ``+tolerance``
    (defaults as for ``increasing``)."""
    change = edge_change(values, p.edge)
    return change <= tolerance_of(p, span), change


# ---------------------------------------------------------------- levels


def _level_statistic(values: np.ndarray, p: Level, above: bool) -> np.ndarray:
    if p.statistic == "mean":
        return values.mean(axis=1)
    if p.statistic == "end":
        return values[:, -min(p.edge, values.shape[1]) :].mean(axis=1)
    return values.min(axis=1) if above else values.max(axis=1)


@claim_test(
    "above",
    params=Level,
    direction=0,
    measure="window statistic",
    expect=lambda p, s: f"{p.statistic} > {p.threshold:g}",
)
def above(values, p: Level, span: float):
    """Stays above ``threshold``: the window ``statistic`` — ``mean`` (default) over the
    whole window, ``end`` (mean of the last ``edge`` quarters) or ``all`` (every quarter,
    i.e. the minimum) — is strictly greater than ``threshold``. No further tolerance: the
    threshold is the margin the claim's author chose."""
    measure = _level_statistic(values, p, above=True)
    return measure > p.threshold, measure


@claim_test(
    "below",
    params=Level,
    direction=0,
    measure="window statistic",
    expect=lambda p, s: f"{p.statistic} < {p.threshold:g}",
)
def below(values, p: Level, span: float):
    """Stays below ``threshold``: as ``above`` with the inequality reversed (``all`` uses the
    maximum)."""
    measure = _level_statistic(values, p, above=False)
    return measure < p.threshold, measure


# ---------------------------------------------------------------- distances


@claim_test(
    "converging",
    params=Distance,
    direction=-1,
    measure="change of distance to target",
    expect=lambda p, s: f"|x - {p.target:g}| falls by > {tolerance_of(p, s):.3g}",
)
def converging(values, p: Distance, span: float):
    """Comes together: the distance ``|x - target|`` (``target`` default 0, so an issue's
    spread, a gap, converges to 0) falls by more than ``tolerance`` between the window's
    edges (defaults as for ``increasing``: 2.5 points of an issue's spread). Convergence of
    positions is the SMP's route to a compromise (KTAB, Wise et al. 2015)."""
    change = edge_change(np.abs(values - p.target), p.edge)
    return change < -tolerance_of(p, span), change


@claim_test(
    "diverging",
    params=Distance,
    direction=+1,
    measure="change of distance to target",
    expect=lambda p, s: f"|x - {p.target:g}| rises by > {tolerance_of(p, s):.3g}",
)
def diverging(values, p: Distance, span: float):
    """Draws apart: the distance ``|x - target|`` rises by more than ``tolerance`` between
    the window's edges (defaults as for ``converging``)."""
    change = edge_change(np.abs(values - p.target), p.edge)
    return change > tolerance_of(p, span), change


# ---------------------------------------------------------------- states


@claim_test(
    "no_alliance",
    params=Never,
    direction=0,
    measure="share of quarters flagged",
    indicator=True,
    expect=lambda p, s: "never flagged" if p.max_share == 0 else f"flagged <= {p.max_share:.0%}",
)
def no_alliance(values, p: Never, span: float):
    """No comprehensive alliance: the 0/1 flag (``alliance``) is raised in at most
    ``max_share`` of the window's quarters — default 0, i.e. in none. Xu (2008, II.ii-iii)
    holds such an alliance "almost impossible"; the flag's threshold is documented in
    docs/model.md §8."""
    share = values.mean(axis=1)
    return share <= p.max_share, share


@claim_test(
    "mostly",
    params=Mostly,
    direction=0,
    measure="share of quarters",
    indicator=None,
    expect=lambda p, s: (
        f"{'true' if p.above is None and p.below is None else _mostly_condition(p)}"
        f" in >= {p.share:.0%} of quarters"
    ),
)
def mostly(values, p: Mostly, span: float):
    """Mostly in a state: the condition holds in at least ``share`` of the window's quarters
    (default 0.5; 0.75 reads "in three quarters of the time"). For a 0/1 observable (``posture``,
    ``alliance``, a one-issue ``issue_status_share``) the condition is the flag itself; for
    any observable ``above`` and/or ``below`` give a band. No further tolerance."""
    if p.above is None and p.below is None:
        hold = values >= 0.5
    else:
        hold = np.ones_like(values, dtype=bool)
        if p.above is not None:
            hold &= values > p.above
        if p.below is not None:
            hold &= values < p.below
    share = hold.mean(axis=1)
    return share >= p.share, share


def _mostly_condition(p: Mostly) -> str:
    parts = []
    if p.above is not None:
        parts.append(f"> {p.above:g}")
    if p.below is not None:
        parts.append(f"< {p.below:g}")
    return " and ".join(parts)
