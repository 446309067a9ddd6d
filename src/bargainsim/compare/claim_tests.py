"""The claim-test registry: how a claim's observable is judged in one run.

Each test type is declared once with :func:`claim_test`: its parameter schema (a pydantic
model), its docstring (what it means and where the idea comes from), its **form** (a
``trend``, a ``level`` or a ``state``), the direction it expects and which observables it
accepts. Judging a claim is two steps, so that the report can show a claim's whole
distribution and how its share moves with the tolerance:

1. ``statistic(values, params, at)``: the per-run measure, from the observable's values
   inside the window, shape (runs, states), read as the claim's ``reading.at`` says;
2. ``holds(measure, params, tolerance)``: per run, whether the measure bears the claim out.

The reading (docs/claims.md, "Readings") is fixed in the claims file: a trend **at the end**
compares the window's last ``edge`` states with its first ``edge``; **at any point** takes
the largest such change in the claimed direction at any state of the window; **throughout**
the smallest (the change holds at every state once both edges fit). A level is read as the
window's **mean**, its **end** (last ``edge`` states), at **any** point (the most favourable
state) or **throughout** (the least favourable). A state test counts quarters itself.

Tolerance of a trend (one principle for every trend claim, docs/claims.md "Thresholds"):
unless a claim sets ``tolerance`` for a magnitude its quote names ("dramatically"), a change
counts when it exceeds the **noise floor**: the standard deviation of the claim's measure
across the runs of the comparison's base scenario, i.e. the size of change that chance alone
gives one run. The same floor is used for every scenario the claim is scored in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

DEFAULT_EDGE = 2
# Fractions of the observable's range at which the report shows each trend's share, beside
# its noise floor: the share's sensitivity to the tolerance, so no verdict hangs on one number.
TOLERANCE_SWEEP = (0.0, 0.0125, 0.025, 0.05)

Form = Literal["trend", "level", "state"]
At = Literal["end", "any", "throughout", "mean"]


@dataclass(frozen=True)
class ClaimTest:
    name: str
    params: type[BaseModel]
    statistic: Callable[[np.ndarray, BaseModel, str | None], np.ndarray]
    holds: Callable[[np.ndarray, BaseModel, float], np.ndarray]
    doc: str
    form: str  # trend, level or state
    readings: tuple[str, ...]  # the values reading.at may take (empty: none)
    direction: int  # +1 expects a rise, -1 a fall, 0 a level or a state (for plots)
    indicator: bool | None  # True: 0/1 observables only; False: continuous only; None: any
    measure: str  # what the measure is, for the report
    expect: Callable[[BaseModel, float], str]

    @property
    def uses_tolerance(self) -> bool:
        return self.form == "trend"

    def expectation(self, params: BaseModel, tolerance: float) -> str:
        """A short phrase: what the test requires with the claim's parameters."""
        return self.expect(params, tolerance)

    def judge(self, values, params, at=None, tolerance=0.0):
        """``(holds, measure)`` per run."""
        measure = self.statistic(values, params, at)
        return self.holds(measure, params, tolerance), measure


CLAIM_TESTS: dict[str, ClaimTest] = {}


def claim_test(name, *, params, form, direction, measure, expect, readings=(), indicator=None):
    """Register a claim test type under ``name``; decorates its ``statistic`` function,
    which carries the docstring. ``holds`` is given by :func:`holds_rule`."""

    def decorate(function):
        CLAIM_TESTS[name] = ClaimTest(
            name=name,
            params=params,
            statistic=function,
            holds=_HOLDS[name],
            doc=(function.__doc__ or "").strip(),
            form=form,
            readings=tuple(readings),
            direction=direction,
            indicator=indicator,
            measure=measure,
            expect=expect,
        )
        return function

    return decorate


_HOLDS: dict[str, Callable] = {}


def holds_rule(name):
    def decorate(function):
        _HOLDS[name] = function
        return function

    return decorate


class _Params(BaseModel):
    # Strict: "0.1" and true are not numbers, as in scenario files.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Change(_Params):
    tolerance: float | None = Field(default=None, ge=0)
    # A quote that names a magnitude ("rapid", "dramatically") asks for a change beyond
    # this many noise floors; docs/claims.md takes 2 for such words.
    noise_multiple: float = Field(default=1.0, ge=1.0, le=5.0)
    edge: int = Field(default=DEFAULT_EDGE, ge=1)


class Level(_Params):
    threshold: float
    edge: int = Field(default=DEFAULT_EDGE, ge=1)


class Distance(Change):
    target: float = 0.0


class Never(_Params):
    max_share: float = Field(default=0.0, ge=0, lt=1)


class Reading(_Params):
    """How a claim is read, fixed in its file before it is scored (docs/claims.md)."""

    form: Form
    at: At | None = None
    possibility: float | None = Field(default=None, gt=0, lt=1)


class Mostly(_Params):
    share: float = Field(default=0.5, gt=0, le=1)
    above: float | None = None
    below: float | None = None


def noise_floor(measure: np.ndarray) -> float:
    """The standard deviation of a measure across runs (0 for fewer than two runs): the
    change that chance alone gives one run of the scenario."""
    measure = np.asarray(measure, dtype=float)
    return float(measure.std(ddof=1)) if measure.size >= 2 else 0.0


def edge_width(width: int, edge: int) -> int:
    """The edge used in a window of ``width`` states: at most half of it, at least one."""
    return max(1, min(edge, width // 2 if width >= 2 else 1))


def edge_change(values: np.ndarray, edge: int) -> np.ndarray:
    """Mean of the last ``edge`` observations minus mean of the first ``edge`` (per run);
    a window shorter than two edges uses its first and last halves."""
    k = edge_width(values.shape[1], edge)
    return values[:, -k:].mean(axis=1) - values[:, :k].mean(axis=1)


def running_change(values: np.ndarray, edge: int) -> np.ndarray:
    """``(R, W - 2k + 1)``: at every state from which two edges of ``k`` states fit without
    overlapping, the mean of the ``k`` states ending there minus the first edge's mean."""
    k = edge_width(values.shape[1], edge)
    total = np.cumsum(values, axis=1)
    ending = (total[:, k - 1 :] - np.pad(total, ((0, 0), (1, 0)))[:, :-k]) / k
    # ending[:, e] is the edge ending at state e + k - 1; the first that does not
    # overlap the opening edge ends at state 2k - 1.
    return ending[:, k:] - values[:, :k].mean(axis=1, keepdims=True)


def trend_statistic(values: np.ndarray, edge: int, at: str | None, direction: int):
    if at in (None, "end"):
        return edge_change(values, edge)
    changes = running_change(values, edge)
    favourable = at == "any"
    take_max = (direction > 0) == favourable
    return changes.max(axis=1) if take_max else changes.min(axis=1)


def level_statistic(values: np.ndarray, edge: int, at: str | None, above: bool):
    if at in (None, "mean"):
        return values.mean(axis=1)
    if at == "end":
        return values[:, -min(edge, values.shape[1]) :].mean(axis=1)
    favourable = at == "any"
    return values.max(axis=1) if above == favourable else values.min(axis=1)


def _fmt(x: float) -> str:
    return f"{x:+.3g}"


TREND_AT = ("end", "any", "throughout")
HOLD_AT = ("end", "throughout")
LEVEL_AT = ("mean", "end", "any", "throughout")

# Per run, whether the measure bears the claim out at tolerance ``t``.
for _name, _rule in {
    "increasing": lambda m, p, t: m > t,
    "decreasing": lambda m, p, t: m < -t,
    "not_decreasing": lambda m, p, t: m >= -t,
    "not_increasing": lambda m, p, t: m <= t,
    "converging": lambda m, p, t: m < -t,
    "diverging": lambda m, p, t: m > t,
    "above": lambda m, p, t: m > p.threshold,
    "below": lambda m, p, t: m < p.threshold,
    "no_alliance": lambda m, p, t: m <= p.max_share,
    "mostly": lambda m, p, t: m >= p.share,
}.items():
    holds_rule(_name)(_rule)

# ---------------------------------------------------------------- trends


@claim_test(
    "increasing",
    params=Change,
    form="trend",
    readings=TREND_AT,
    direction=+1,
    measure="change (end minus start)",
    expect=lambda p, t: f"change > {_fmt(t)}",
)
def increasing(values, p: Change, at=None):
    """Rises over the window: the change between the window's edges (the mean of ``edge``
    states, default 2; Goldstein 1992's practice of comparing period averages of an
    event-data series) exceeds the tolerance."""
    return trend_statistic(values, p.edge, at, +1)


@claim_test(
    "decreasing",
    params=Change,
    form="trend",
    readings=TREND_AT,
    direction=-1,
    measure="change (end minus start)",
    expect=lambda p, t: f"change < {_fmt(-t)}",
)
def decreasing(values, p: Change, at=None):
    """Falls over the window: the change between its edges is below minus the tolerance."""
    return trend_statistic(values, p.edge, at, -1)


@claim_test(
    "not_decreasing",
    params=Change,
    form="trend",
    readings=HOLD_AT,
    direction=+1,
    measure="change (end minus start)",
    expect=lambda p, t: f"change >= {_fmt(-t)}",
)
def not_decreasing(values, p: Change, at=None):
    """Holds or rises ("the process will continue", "will not be interrupted"): the change
    is at least minus the tolerance — at the end, or ``throughout`` at every state."""
    return trend_statistic(values, p.edge, at, +1)


@claim_test(
    "not_increasing",
    params=Change,
    form="trend",
    readings=HOLD_AT,
    direction=-1,
    measure="change (end minus start)",
    expect=lambda p, t: f"change <= {_fmt(t)}",
)
def not_increasing(values, p: Change, at=None):
    """Holds or falls: the change is at most the tolerance (at the end, or throughout)."""
    return trend_statistic(values, p.edge, at, -1)


@claim_test(
    "converging",
    params=Distance,
    form="trend",
    readings=TREND_AT,
    direction=-1,
    measure="change of distance to target",
    expect=lambda p, t: f"|x - {p.target:g}| falls by > {t:.3g}",
)
def converging(values, p: Distance, at=None):
    """Comes together: the distance ``|x - target|`` (``target`` default 0, so a spread
    converges to 0) falls by more than the tolerance. Convergence of positions is the
    SMP's route to a compromise (KTAB, Wise et al. 2015)."""
    return trend_statistic(np.abs(values - p.target), p.edge, at, -1)


@claim_test(
    "diverging",
    params=Distance,
    form="trend",
    readings=TREND_AT,
    direction=+1,
    measure="change of distance to target",
    expect=lambda p, t: f"|x - {p.target:g}| rises by > {t:.3g}",
)
def diverging(values, p: Distance, at=None):
    """Draws apart: the distance ``|x - target|`` rises by more than the tolerance."""
    return trend_statistic(np.abs(values - p.target), p.edge, at, +1)


# ---------------------------------------------------------------- levels


@claim_test(
    "above",
    params=Level,
    form="level",
    readings=LEVEL_AT,
    direction=0,
    measure="window statistic",
    expect=lambda p, t: f"> {p.threshold:g}",
)
def above(values, p: Level, at=None):
    """Above ``threshold``, strictly, read at the claim's ``reading.at``; no further
    tolerance: the threshold is the margin the claim's author chose and argued."""
    return level_statistic(values, p.edge, at, above=True)


@claim_test(
    "below",
    params=Level,
    form="level",
    readings=LEVEL_AT,
    direction=0,
    measure="window statistic",
    expect=lambda p, t: f"< {p.threshold:g}",
)
def below(values, p: Level, at=None):
    """Below ``threshold``: as ``above`` with the inequality reversed."""
    return level_statistic(values, p.edge, at, above=False)


# ---------------------------------------------------------------- states


@claim_test(
    "no_alliance",
    params=Never,
    form="state",
    direction=0,
    measure="share of quarters flagged",
    indicator=True,
    expect=lambda p, t: "never flagged" if p.max_share == 0 else f"flagged <= {p.max_share:.0%}",
)
def no_alliance(values, p: Never, at=None):
    """No comprehensive alliance: the 0/1 flag (``alliance``) is raised in at most
    ``max_share`` of the window's quarters (default none). Xu (2008, II.ii-iii) holds such
    an alliance "almost impossible"; the flag's threshold is in docs/model.md §8."""
    return values.mean(axis=1)


@claim_test(
    "mostly",
    params=Mostly,
    form="state",
    direction=0,
    measure="share of quarters",
    expect=lambda p, t: (
        f"{'true' if p.above is None and p.below is None else _mostly_condition(p)}"
        f" in >= {p.share:.0%} of quarters"
    ),
)
def mostly(values, p: Mostly, at=None):
    """Mostly in a state: the condition holds in at least ``share`` of the window's quarters
    (default 0.5). For a 0/1 observable the condition is the flag itself; for any observable
    ``above`` and/or ``below`` give a band."""
    if p.above is None and p.below is None:
        hold = values >= 0.5
    else:
        hold = np.ones_like(values, dtype=bool)
        if p.above is not None:
            hold &= values > p.above
        if p.below is not None:
            hold &= values < p.below
    return hold.mean(axis=1)


def _mostly_condition(p: Mostly) -> str:
    parts = []
    if p.above is not None:
        parts.append(f"> {p.above:g}")
    if p.below is not None:
        parts.append(f"< {p.below:g}")
    return " and ".join(parts)
