"""Field types shared by the scenario schema and the event registry.

References (actor, issue and institution ids, dyads, quarters inside the window) are
checked against the scenario being validated, which the loader passes as pydantic
validation ``context`` (:class:`ScenarioContext`). Without a context only the form is
checked, so the models also validate a single event or actor on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.vocabulary import Variable

# \Z, not $: $ also matches before a final newline, which would let "RUS\n" through.
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
PREFERENCE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class ScenarioContext:
    """What references are checked against: the scenario's own ids and window."""

    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    institutions: frozenset[str] = frozenset()
    window: Window | None = None
    stakes: frozenset[tuple[str, str]] = field(default=frozenset())  # (issue, actor)


def problem(expected: str) -> PydanticCustomError:
    """An error whose ``expected`` text reaches the user as written."""
    return PydanticCustomError("scenario", "{expected}", {"expected": expected})


def scenario_context(info: ValidationInfo) -> ScenarioContext | None:
    context = info.context
    return context if isinstance(context, ScenarioContext) else None


def _listing(ids: frozenset[str]) -> str:
    return ", ".join(sorted(ids)) or "none"


def _identifier(value: str) -> str:
    if not IDENTIFIER.match(value):
        raise problem("an id of letters, digits and _, starting with a letter")
    return value


def _actor(value: str, info: ValidationInfo) -> str:
    context = scenario_context(info)
    if context is not None and value not in context.actors:
        raise problem(f"one of the scenario's actors ({_listing(context.actors)})")
    return value


def _issue(value: str, info: ValidationInfo) -> str:
    context = scenario_context(info)
    if context is not None and value not in context.issues:
        raise problem(f"one of the scenario's issues ({_listing(context.issues)})")
    return value


def _institution(value: str, info: ValidationInfo) -> str:
    context = scenario_context(info)
    if context is not None and value not in context.institutions:
        raise problem(f"one of the scenario's institutions ({_listing(context.institutions)})")
    return value


def split_dyad(text: str) -> tuple[str, str]:
    """``"USA-RUS"`` → ``("RUS", "USA")``: relations are symmetric, so pairs are sorted."""
    first, _, second = text.partition("-")
    return (first, second) if first <= second else (second, first)


def _dyad_text(value: str, info: ValidationInfo) -> str:
    parts = value.split("-")
    if len(parts) != 2 or not all(IDENTIFIER.match(part) for part in parts):
        raise problem("a dyad written A-B with two actor ids, e.g. RUS-USA")
    if parts[0] == parts[1]:
        raise problem("a dyad of two different actors")
    context = scenario_context(info)
    if context is not None:
        unknown = [part for part in parts if part not in context.actors]
        if unknown:
            raise problem(f"a dyad of the scenario's actors ({_listing(context.actors)})")
    return value


def _in_window(value: Quarter, info: ValidationInfo) -> Quarter:
    context = scenario_context(info)
    if context is not None and context.window is not None and not context.window.contains(value):
        raise problem(f"a quarter inside the window {context.window}")
    return value


def _all_variables(value: Any) -> Any:
    return list(Variable) if value == "all" else value


def _distinct(values: list) -> list:
    if len(set(values)) != len(values):
        raise problem("each entry at most once")
    return values


def _preferences(weights: dict[Variable, float]) -> dict[Variable, float]:
    missing = [variable.value for variable in Variable if variable not in weights]
    if missing:
        raise problem(f"a weight for each of the four variables (missing: {', '.join(missing)})")
    total = sum(weights.values())
    if abs(total - 1.0) > PREFERENCE_TOLERANCE:
        raise problem(f"weights that sum to 1 (these sum to {total:.6g})")
    return {variable: float(weights[variable]) for variable in Variable}


def number(*, ge: float | None = None, le: float | None = None, gt: float | None = None) -> Any:
    """A finite real number (YAML int or float, not a string or a boolean) in a range."""
    return Annotated[float, Field(strict=True, allow_inf_nan=False, ge=ge, le=le, gt=gt)]


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, Field(strict=True), AfterValidator(_identifier)]
ActorRef = Annotated[Identifier, AfterValidator(_actor)]
IssueRef = Annotated[Identifier, AfterValidator(_issue)]
InstitutionRef = Annotated[Identifier, AfterValidator(_institution)]
DyadName = Annotated[str, Field(strict=True), AfterValidator(_dyad_text)]
Dyad = Annotated[DyadName, AfterValidator(split_dyad)]
"""A dyad written ``A-B`` in YAML, held as the sorted pair ``(A, B)``."""
QuarterInWindow = Annotated[Quarter, AfterValidator(_in_window)]
Variables = Annotated[
    list[Variable],
    BeforeValidator(_all_variables),
    Field(min_length=1),
    AfterValidator(_distinct),
]
"""A non-empty list of variables, or ``all``."""
Preferences = Annotated[dict[Variable, number(ge=0.0)], AfterValidator(_preferences)]
"""Weights on all four variables, each >= 0, summing to 1; held in Variable order."""
