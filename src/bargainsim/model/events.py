"""The event-type registry: one entry per event type and per condition.

An entry joins a type's schema from :mod:`bargainsim.scenario.events` (its fields,
validation and docstring, which is the type's documentation) to what it does to the
state, vectorised over runs. The schemas live below the model so that loading never
imports simulation; the entries are keyed by schema class here, and the registry refuses
to be imported unless every schema registered there has exactly one entry.

To add an event type: declare its schema in ``scenario/events.py`` and add it to
``EVENT_TYPES``; decorate its effect here with ``@effect_of(TheSchema)``; give it a section
in ``docs/scenarios.md``. Conditions likewise, with ``CONDITION_TYPES`` and
``@condition_of``. An effect's ``fire`` is the ``(R,)`` bool mask of the runs in which the
event happens this quarter; a condition's test returns one such mask.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargainsim.errors import BargainsimError
from bargainsim.model import structure
from bargainsim.model.compiled import CompiledScenario
from bargainsim.model.state import EnsembleState
from bargainsim.model.threat import composite_view
from bargainsim.scenario.events import (
    CONDITION_TYPES,
    EVENT_TYPES,
    BlocEnlargementEvent,
    CapabilityChangeEvent,
    ConditionBase,
    CooperationAboveCondition,
    CooperationBelowCondition,
    DeploymentEvent,
    EventBase,
    InstitutionJoinEvent,
    InstitutionLeaveEvent,
    InterdependenceChangeEvent,
    IssueCloseEvent,
    IssueOpenEvent,
    IssueStatusCondition,
    PositionShiftEvent,
    PreferenceChangeEvent,
    SalienceChangeEvent,
    SanctionsEvent,
    ShockEvent,
    TreatyEvent,
)
from bargainsim.vocabulary import VARIABLES, IssueStatus, Variable

Effect = Callable[[EnsembleState, Any, CompiledScenario, np.ndarray], None]
Holds = Callable[[Any, EnsembleState, CompiledScenario], np.ndarray]


class EventRegistryError(BargainsimError):
    """The model's event registry does not match the scenario's schemas."""


def _doc(schema: type) -> str:
    return inspect.cleandoc(schema.__doc__ or "")


@dataclass(frozen=True)
class EventType:
    """An event type: its YAML ``type`` name, its schema and its effect."""

    name: str
    schema: type[EventBase]
    effect: Effect

    @property
    def doc(self) -> str:
        return _doc(self.schema)


@dataclass(frozen=True)
class ConditionType:
    """A ``when:`` condition: its key, its schema and its test of the state."""

    kind: str
    schema: type[ConditionBase]
    holds: Holds

    @property
    def doc(self) -> str:
        return _doc(self.schema)


EVENTS: dict[str, EventType] = {}
"""Every event type's entry by its YAML name."""
CONDITIONS: dict[str, ConditionType] = {}
"""Every condition's entry by its key."""
_BY_SCHEMA: dict[type, EventType | ConditionType] = {}


def _declared_name(schema: type, declared: dict[str, type]) -> str:
    names = [name for name, model in declared.items() if model is schema]
    if not names:
        raise EventRegistryError(f"{schema.__name__} is not a schema of scenario.events")
    if schema in _BY_SCHEMA:
        raise EventRegistryError(f"{schema.__name__} has two entries")
    return names[0]


def effect_of(schema: type[EventBase]) -> Callable[[Effect], Effect]:
    """Register the decorated function as the effect of ``schema``'s event type."""
    name = _declared_name(schema, EVENT_TYPES)

    def register(effect: Effect) -> Effect:
        EVENTS[name] = _BY_SCHEMA[schema] = EventType(name, schema, effect)
        return effect

    return register


def condition_of(schema: type[ConditionBase]) -> Callable[[Holds], Holds]:
    """Register the decorated function as the test of ``schema``'s condition."""
    kind = _declared_name(schema, CONDITION_TYPES)

    def register(holds: Holds) -> Holds:
        CONDITIONS[kind] = _BY_SCHEMA[schema] = ConditionType(kind, schema, holds)
        return holds

    return register


def event_type(event: EventBase) -> EventType:
    """The registry entry of a validated event."""
    return _BY_SCHEMA[type(event)]


def condition_holds(
    condition: ConditionBase, state: EnsembleState, compiled: CompiledScenario
) -> np.ndarray:
    """Evaluate a ``when:`` condition in every run → ``(R,)`` bool."""
    return _BY_SCHEMA[type(condition)].holds(condition, state, compiled)


def dyad_indices(dyad: tuple[str, str], compiled: CompiledScenario) -> tuple[int, int]:
    """``("RUS", "USA")`` → actor indices."""
    return compiled.actor_index(dyad[0]), compiled.actor_index(dyad[1])


# Events -------------------------------------------------------------------------------


def _moved(current: np.ndarray, delta: float | None, to: float | None, scale: float):
    if to is not None:
        return np.full_like(current, float(to) / scale)
    return current + float(delta) / scale


@effect_of(ShockEvent)
def _shock(state, event: ShockEvent, compiled, fire):
    i, j = dyad_indices(event.dyad, compiled)
    columns = [variable.index for variable in event.variables]
    delta = float(event.delta) * fire[:, None]
    for a, b in ((i, j), (j, i)):
        before = state.cooperation[:, a, b, columns]
        after = np.clip(before + delta, -1.0, 1.0)
        state.cooperation[:, a, b, columns] = after
        state.shock_total[:, a, b, columns] += after - before


@effect_of(SanctionsEvent)
def _sanctions(state, event: SanctionsEvent, compiled, fire):
    target = compiled.actor_index(event.target)
    last = compiled.n_quarters - 1
    if event.until is not None:
        last = compiled.quarters.index(str(event.until))
    columns = [variable.index for variable in event.variables]
    for sender in (compiled.actor_index(actor) for actor in event.by):
        current = state.sanctions[:, sender, target][:, columns]
        state.sanctions[:, sender, target, columns] = np.where(
            fire[:, None], float(event.severity), current
        )
        state.sanction_until[:, sender, target] = np.where(
            fire, last, state.sanction_until[:, sender, target]
        )


@effect_of(PositionShiftEvent)
def _position_shift(state, event: PositionShiftEvent, compiled, fire):
    i = compiled.actor_index(event.actor)
    d = compiled.issue_index(event.issue)
    # A shift of position is a change of interest: the ideal moves, and the stance moves
    # by the same amount (the bargaining that shaped the stance still stands).
    before = state.ideal[:, i, d]
    moved = np.clip(_moved(before, event.delta, event.to, 100.0), 0.0, 1.0)
    stance = np.clip(state.position[:, i, d] + (moved - before), 0.0, 1.0)
    state.ideal[:, i, d] = np.where(fire, moved, before)
    state.position[:, i, d] = np.where(fire, stance, state.position[:, i, d])


@effect_of(SalienceChangeEvent)
def _salience_change(state, event: SalienceChangeEvent, compiled, fire):
    i = compiled.actor_index(event.actor)
    d = compiled.issue_index(event.issue)
    live = state.issue_open[:, d]
    current = np.where(live, state.salience[:, i, d], state.dormant_salience[:, i, d])
    new = np.clip(_moved(current, event.delta, event.to, 100.0), 0.0, 1.0)
    # KTAB's rule (total salience <= 1) is kept by scaling the actor's other issues down;
    # on a closed issue the change waits, unscaled, until the issue reopens.
    updated = structure.set_salience(state.salience[:, i, :], d, new)
    state.salience[:, i, :] = np.where((fire & live)[:, None], updated, state.salience[:, i, :])
    state.dormant_salience[:, i, d] = np.where(fire & ~live, new, state.dormant_salience[:, i, d])


@effect_of(PreferenceChangeEvent)
def _preference_change(state, event: PreferenceChangeEvent, compiled, fire):
    i = compiled.actor_index(event.actor)
    row = np.array([float(event.weights[variable]) for variable in VARIABLES])
    state.preferences[:, i, :] = np.where(fire[:, None], row, state.preferences[:, i, :])


@effect_of(CapabilityChangeEvent)
def _capability_change(state, event: CapabilityChangeEvent, compiled, fire):
    i = compiled.actor_index(event.actor)
    gdp = event.component == "gdp_usd_bn"
    # The factor scales the series from now on; the current figure changes at once.
    for array in (state.gdp_factor, state.gdp) if gdp else (state.military_factor, state.military):
        array[:, i] = np.where(fire, array[:, i] * float(event.multiply_by), array[:, i])


def _set_membership(
    state, event: InstitutionJoinEvent | InstitutionLeaveEvent, compiled, fire, member: bool
) -> None:
    i = compiled.actor_index(event.actor)
    k = compiled.institution_index(event.institution)
    state.membership[:, i, k] = np.where(fire, member, state.membership[:, i, k])


@effect_of(InstitutionJoinEvent)
def _institution_join(state, event: InstitutionJoinEvent, compiled, fire):
    _set_membership(state, event, compiled, fire, True)


@effect_of(InstitutionLeaveEvent)
def _institution_leave(state, event: InstitutionLeaveEvent, compiled, fire):
    _set_membership(state, event, compiled, fire, False)


@effect_of(InterdependenceChangeEvent)
def _interdependence_change(state, event: InterdependenceChangeEvent, compiled, fire):
    i, j = dyad_indices(event.dyad, compiled)
    current = state.interdependence[:, i, j]
    moved = np.clip(_moved(current, event.delta, event.to, 1.0), 0.0, 1.0)
    value = np.where(fire, moved, current)
    state.interdependence[:, i, j] = state.interdependence[:, j, i] = value


# The agenda and the structure relations grow from (model/structure.py).
effect_of(IssueOpenEvent)(structure.issue_open)
effect_of(IssueCloseEvent)(structure.issue_close)
effect_of(DeploymentEvent)(structure.deployment)
effect_of(BlocEnlargementEvent)(structure.bloc_enlargement)
effect_of(TreatyEvent)(structure.treaty)


# Conditions ---------------------------------------------------------------------------


@condition_of(IssueStatusCondition)
def _issue_status(condition: IssueStatusCondition, state, compiled):
    d = compiled.issue_index(condition.issue)
    return state.status[:, d] == IssueStatus[condition.issue_status.upper()]


def _cooperation(condition, state, compiled) -> np.ndarray:
    """The ``(R,)`` level of a dyad's cooperation on a variable, or its composite."""
    i, j = dyad_indices(condition.dyad, compiled)
    if condition.variable == "composite":
        views = composite_view(
            state.cooperation[:, [i, j]][:, :, [i, j]], state.preferences[:, [i, j]]
        )
        return 0.5 * (views[:, 0, 1] + views[:, 1, 0])
    return state.cooperation[:, i, j, Variable(condition.variable).index]


@condition_of(CooperationBelowCondition)
def _cooperation_below(condition: CooperationBelowCondition, state, compiled):
    return _cooperation(condition, state, compiled) < float(condition.cooperation_below)


@condition_of(CooperationAboveCondition)
def _cooperation_above(condition: CooperationAboveCondition, state, compiled):
    return _cooperation(condition, state, compiled) > float(condition.cooperation_above)


_unmatched = [name for name in EVENT_TYPES if name not in EVENTS] + [
    kind for kind in CONDITION_TYPES if kind not in CONDITIONS
]
if _unmatched:
    raise EventRegistryError(f"no model entry for {', '.join(_unmatched)}")
