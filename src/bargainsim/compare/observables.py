"""The observable registry: what a claim measures, as a number per run and step.

Each observable kind is declared once with :func:`observable` — its parameter schema (a
pydantic model), its unit, its range (which scales the default tolerances of the claim
tests) and whether it is an indicator (0/1 per run and step). Its function reads the tidy
tables every run produces (:mod:`bargainsim.model.tables`) and returns a
:class:`Trajectory`: an array of shape (runs, steps). A user adds a kind by decorating a
function here or in their own module imported before the claims are scored.

Tables are reached through a table source ``tables(name) -> DataFrame``
(:mod:`bargainsim.results.sources`), so one function per kind scores an in-memory
ensemble, a run directory or a batch alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bargainsim.results.sources import (
    ObservableMissing,
    TableSource,
    Trajectory,
    equals,
    pair_rows,
    present,
    require,
    wide,
)

__all__ = ["OBSERVABLES", "ObservableKind", "ObservableMissing", "Trajectory", "observable"]
VariableName = Literal["military", "geopolitics", "economics", "domestic"]
VariableOrComposite = Literal["military", "geopolitics", "economics", "domestic", "composite"]


@dataclass(frozen=True)
class ObservableKind:
    name: str
    params: type[BaseModel]
    compute: Callable[[TableSource, BaseModel], Trajectory]
    unit: str
    span: float  # width of the observable's range, in its unit
    indicator: bool
    doc: str
    low: float = 0.0  # the range's lower end: the range is [low, low + span]

    @property
    def high(self) -> float:
        return self.low + self.span

    def label(self, params: BaseModel) -> str:
        fields = ", ".join(
            f"{k}={_text(v)}" for k, v in params.model_dump().items() if v is not None
        )
        return f"{self.name}({fields})"


def _text(value) -> str:
    return "+".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


OBSERVABLES: dict[str, ObservableKind] = {}


def observable(
    name: str,
    *,
    params: type[BaseModel],
    unit: str,
    span: float,
    indicator=False,
    low: float = 0.0,
):
    """Register an observable kind under ``name`` (decorator); its values lie in
    [``low``, ``low + span``]."""

    def decorate(function: Callable[[TableSource, BaseModel], Trajectory]):
        OBSERVABLES[name] = ObservableKind(
            name=name,
            params=params,
            compute=function,
            unit=unit,
            span=span,
            indicator=indicator,
            doc=(function.__doc__ or "").strip(),
            low=low,
        )
        return function

    return decorate


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _dyad(text: str) -> str:
    parts = text.split("-") if isinstance(text, str) else []
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise ValueError("a dyad written A-B with two different actor ids, e.g. RUS-USA")
    return text


class DyadVariable(_Params):
    dyad: str
    variable: VariableOrComposite = "composite"
    directed: bool = False

    @field_validator("dyad")
    @classmethod
    def _check(cls, value: str) -> str:
        return _dyad(value)


class DyadsVariable(_Params):
    dyads: list[str] = Field(min_length=1)
    variable: VariableOrComposite = "composite"

    @field_validator("dyads")
    @classmethod
    def _each(cls, value: list[str]) -> list[str]:
        pairs = [tuple(sorted(_dyad(v).split("-"))) for v in value]
        if len(set(pairs)) != len(pairs):  # a repeat would weigh that dyad twice in the mean
            raise ValueError("each dyad once (A-B and B-A are the same dyad)")
        return value


class IssueStatusShare(_Params):
    issue: str | None = None
    issues: list[str] | None = Field(default=None, min_length=1)
    status: Literal["deadlock", "compromise", "open"]

    @model_validator(mode="after")
    def _one_of(self) -> IssueStatusShare:
        if (self.issue is None) == (self.issues is None):
            raise ValueError("either 'issue' (one issue) or 'issues' (a list), not both")
        return self

    @field_validator("issues")
    @classmethod
    def _once(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each issue once")
        return value

    def listed(self) -> list[str]:
        return [self.issue] if self.issue is not None else list(self.issues)


class OneIssue(_Params):
    issue: str


class IssueActor(_Params):
    issue: str
    actor: str


class OneDyad(_Params):
    dyad: str

    @field_validator("dyad")
    @classmethod
    def _check(cls, value: str) -> str:
        return _dyad(value)


class PostureOf(_Params):
    actor: str
    toward: str
    posture: Literal["cooperate", "hedge", "balance"]


class ThreatOf(_Params):
    actor: str
    source: str


# ---------------------------------------------------------------- registered kinds


def dyad_series(
    tables: TableSource, dyad: str, variable: str, key: str = "dyad", directed: bool = False
) -> Trajectory:
    """The dyad's symmetric summary (mean of both directions), or with ``directed`` the
    first actor's behaviour toward the second (``RUS-USA``: Russia toward the US)."""
    if variable == "composite":
        rows = pair_rows(tables("dyads"), dyad, key)
        column = _direction(rows, dyad, ("view_a", "view_b")) if directed else "composite"
        return wide(rows, column)
    frame = tables("cooperation")
    rows = pair_rows(frame[equals(frame["variable"], variable)], dyad, key)
    column = _direction(rows, dyad, ("a_to_b", "b_to_a")) if directed else "cooperation"
    return wide(rows, column)


def _direction(rows, dyad: str, columns: tuple[str, str]) -> str:
    """Which of a pair's two directed columns reads ``A`` toward ``B`` for ``A-B`` (the
    tables store each pair once, in scenario order)."""
    first = dyad.split("-")[0]
    stored_first = equals(rows["actor_a"], first)
    return columns[0] if stored_first.all() else columns[1]


@observable("cooperation", params=DyadVariable, unit="cooperation (-1..+1)", span=2.0, low=-1.0)
def cooperation(tables: TableSource, p: DyadVariable) -> Trajectory:
    """Cooperation of one dyad on one analytic variable, or ``composite`` (each side's
    preference-weighted view), as the mean of both directions; with ``directed: true`` the
    first actor's behaviour toward the second (docs/model.md §5, §8). Scale -1 (open
    hostility) to +1 (integration)."""
    return dyad_series(tables, p.dyad, p.variable, directed=p.directed)


@observable(
    "mean_cooperation", params=DyadsVariable, unit="cooperation (-1..+1)", span=2.0, low=-1.0
)
def mean_cooperation(tables: TableSource, p: DyadsVariable) -> Trajectory:
    """Unweighted mean cooperation over several dyads on one variable or ``composite`` —
    e.g. Russia's ties to China, India, Belarus and Kazakhstan taken together (Xu III.ii)."""
    series = [dyad_series(tables, d, p.variable, key=f"dyads[{i}]") for i, d in enumerate(p.dyads)]
    first = series[0]
    return Trajectory(
        values=np.mean([s.values for s in series], axis=0),
        runs=first.runs,
        seeds=first.seeds,
        steps=first.steps,
        quarters=first.quarters,
    )


@observable(
    "issue_status", params=IssueStatusShare, unit="share of issues", span=1.0, indicator=True
)
def issue_status(tables: TableSource, p: IssueStatusShare) -> Trajectory:
    """Share of the listed ``issues`` whose status (deadlock, compromise or open;
    docs/model.md §4) is ``status``; with one ``issue``, that issue's 0/1 indicator. Counts
    as an indicator for ``mostly`` (a quarter counts when at least half the issues are in
    the status)."""
    listed = p.listed()
    keys = ["issue" if p.issue is not None else f"issues[{i}]" for i in range(len(listed))]
    frame = tables("issue_status")
    for issue, key in zip(listed, keys, strict=True):
        require(frame, "issue", issue, key)
    picked = np.zeros(len(frame), dtype=bool)
    for issue in listed:
        picked |= equals(frame["issue"], issue)
    frame = frame[picked].copy()
    frame["hit"] = equals(frame["status"], p.status).astype(float)
    frame = frame.groupby(["run", "seed", "step", "quarter"], observed=True, as_index=False)[
        "hit"
    ].mean()
    return wide(frame, "hit")


@observable("issue_spread", params=OneIssue, unit="points (0-100)", span=100.0)
def issue_spread(tables: TableSource, p: OneIssue) -> Trajectory:
    """Largest gap between two parties' positions on one issue, 0-100 (docs/model.md §4):
    the distance a compromise has to close."""
    return wide(require(tables("issue_status"), "issue", p.issue, "issue"), "spread")


@observable("issue_position", params=IssueActor, unit="points (0-100)", span=100.0)
def issue_position(tables: TableSource, p: IssueActor) -> Trajectory:
    """One actor's position on one issue, 0-100, as the issue file's scale defines it."""
    frame = require(tables("issues"), "issue", p.issue, "issue")
    rows = require(frame, "actor", p.actor, "actor")
    if not (rows["salience"] > 0).any():
        raise _no_stake(p, present(frame["actor"][frame["salience"] > 0]))
    return wide(rows, "position")


def _no_stake(p: IssueActor, parties) -> ObservableMissing:
    """A non-party's position is a placeholder (the parties' mean), not a stance."""
    listed = ", ".join(sorted(parties)) or "none"
    return ObservableMissing("actor", p.actor, f"a party to {p.issue} ({listed})")


@observable("alliance", params=OneDyad, unit="flag (0/1)", span=1.0, indicator=True)
def alliance(tables: TableSource, p: OneDyad) -> Trajectory:
    """Comprehensive strategic alliance flag of a dyad: cooperation above the
    ``alliance_threshold`` on all four variables at once (docs/model.md §8; Xu II.ii)."""
    frame = pair_rows(tables("dyads"), p.dyad).copy()
    frame["flag"] = frame["alliance"].astype(float)
    return wide(frame, "flag")


def _pair_rows(tables: TableSource, actor: str, other: str, other_key: str):
    """The postures table's rows of ``actor`` toward ``other``."""
    frame = require(tables("postures"), "actor", actor, "actor")
    return require(frame, "toward", other, other_key)


@observable("posture", params=PostureOf, unit="flag (0/1)", span=1.0, indicator=True)
def posture(tables: TableSource, p: PostureOf) -> Trajectory:
    """1 when ``actor`` takes ``posture`` (cooperate, hedge, balance) toward ``toward`` in
    that quarter (docs/model.md §6, logit choice after Walt 1987), else 0."""
    frame = _pair_rows(tables, p.actor, p.toward, "toward").copy()
    frame["flag"] = equals(frame["posture"], p.posture).astype(float)
    return wide(frame, "flag")


@observable("threat", params=ThreatOf, unit="threat (0..1)", span=1.0)
def threat(tables: TableSource, p: ThreatOf) -> Trajectory:
    """Threat ``actor`` perceives from ``source`` (Walt 1987; docs/model.md §5), 0..1."""
    return wide(_pair_rows(tables, p.actor, p.source, "source"), "threat")
