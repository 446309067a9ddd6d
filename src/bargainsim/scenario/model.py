"""The validated scenario as the model consumes it.

Built only from a :class:`~bargainsim.scenario.schema.ScenarioSpec` that passed
validation, so nothing here checks values again; it reshapes them (dyad strings to
sorted pairs, defaults filled in) for the compiler of arrays.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from bargainsim.scenario.events import Event
from bargainsim.scenario.fields import split_dyad
from bargainsim.scenario.quarters import Window
from bargainsim.scenario.schema import Actor, Institution, Issue, ScenarioSpec
from bargainsim.vocabulary import Variable

Pair = tuple[str, str]


class Scenario(BaseModel):
    """A complete, validated scenario.

    ``actors`` and ``issues`` keep the order the scenario lists them in (the array axis
    order downstream). Dyad keys are sorted pairs ``(A, B)`` with ``A < B``.
    ``interdependence`` lists only the dyads the scenario names (others are 0);
    ``initial_cooperation`` only the dyads and variables it gives (the others start at the
    model's equilibrium, docs/scenarios.md "Start relations"). ``closed_issues`` are off
    the agenda at the start (an ``issue_open`` event opens them).
    ``capability_data_until`` is the last year whose capability figures the scenario
    uses. ``parameters`` holds only the values the scenario sets.
    ``resolved`` is the plain resolved tree (what ``bargainsim show`` prints) and
    ``digest`` the SHA-256 of its canonical JSON, which identifies the scenario's content.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    id: str
    title: str
    source: str
    path: Path
    window: Window
    actors: dict[str, Actor]
    issues: dict[str, Issue]
    institutions: dict[str, Institution]
    interdependence: dict[Pair, float]
    closed_issues: list[str]
    capability_data_until: int | None
    initial_cooperation: dict[Pair, dict[Variable, float]]
    parameters: dict[str, float]
    events: list[Event]
    resolved: dict[str, Any]
    digest: str
    notices: tuple[str, ...] = ()  # actor/issue-file values the scenario's overrides replace

    @property
    def actor_ids(self) -> list[str]:
        return list(self.actors)

    @property
    def issue_ids(self) -> list[str]:
        return list(self.issues)

    def summary(self) -> str:
        """One line: id, counts and window."""
        return (
            f"{self.id}, {len(self.actors)} actors, {len(self.issues)} issues, "
            f"{len(self.events)} events, {self.window} ({self.window.n_quarters} quarters)"
        )


def canonical(value: Any) -> Any:
    """The tree with every mapping key as a string, so that it is JSON with sorted keys."""
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    return value


def digest_of(resolved: dict) -> str:
    text = json.dumps(canonical(resolved), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_scenario(
    spec: ScenarioSpec, resolved: dict, path: Path, notices: tuple[str, ...] = ()
) -> Scenario:
    """Reshape a validated spec into the :class:`Scenario` the model reads."""
    # Only the variables given: the others start at the model's equilibrium like an
    # unlisted dyad (docs/scenarios.md, "Start relations"), never at a silent 0.
    cooperation = {
        split_dyad(dyad): {
            variable: float(values[variable]) for variable in Variable if variable in values
        }
        for dyad, values in spec.initial_cooperation.items()
    }
    tree = canonical(resolved)
    return Scenario(
        id=spec.id,
        title=spec.title,
        source=spec.source,
        path=path,
        window=spec.window,
        actors=dict(spec.actors),
        issues=dict(spec.issues),
        institutions=dict(spec.institutions),
        interdependence={split_dyad(d): tie.value for d, tie in spec.interdependence.items()},
        closed_issues=list(spec.closed_issues),
        capability_data_until=spec.capability_data_until,
        initial_cooperation=cooperation,
        parameters={k: float(v) for k, v in spec.parameters.model_dump().items() if v is not None},
        events=list(spec.events),
        resolved=tree,
        digest=digest_of(tree),
        notices=tuple(notices),
    )
