"""What each event type does to the state, vectorised over runs.

The event types themselves (their fields, validation and docstrings) are declared in
:mod:`bargainsim.scenario.events`; this module gives each registered type its effect, and
the conditions of conditional events their test. ``fire`` is an ``(R,)`` bool mask of the
runs in which the event happens this quarter.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bargainsim.model.compiled import CompiledScenario
from bargainsim.model.state import EnsembleState
from bargainsim.model.threat import composite_view
from bargainsim.vocabulary import VARIABLES, IssueStatus, Variable

Effect = Callable[[EnsembleState, object, CompiledScenario, np.ndarray], None]


def _plain(item):
    return getattr(item, "value", item)  # enums stored as their plain value


def _value(obj, name, default=None):
    return _plain(getattr(obj, name, default))


def dyad_indices(dyad, compiled: CompiledScenario) -> tuple[int, int]:
    """``"RUS-USA"`` or ``("RUS", "USA")`` → actor indices."""
    pair = dyad.split("-") if isinstance(dyad, str) else list(dyad)
    return compiled.actor_index(pair[0]), compiled.actor_index(pair[1])


def _moved(current: np.ndarray, event, scale: float) -> np.ndarray:
    target = _value(event, "to")
    if target is not None:
        return np.full_like(current, float(target) / scale)
    return current + float(_value(event, "delta", 0.0)) / scale


def _shock(state, event, compiled, fire):
    i, j = dyad_indices(_value(event, "dyad"), compiled)
    variables = _value(event, "variables", "all")
    if variables in (None, "all"):
        columns = list(range(len(VARIABLES)))
    else:
        columns = [Variable(_plain(v)).index for v in variables]
    delta = float(_value(event, "delta")) * fire[:, None]
    for a, b in ((i, j), (j, i)):
        before = state.cooperation[:, a, b, columns]
        after = np.clip(before + delta, -1.0, 1.0)
        state.cooperation[:, a, b, columns] = after
        state.shock_total[:, a, b, columns] += after - before


def _position_shift(state, event, compiled, fire):
    i = compiled.actor_index(_value(event, "actor"))
    d = compiled.issue_index(_value(event, "issue"))
    # A shift of position is a change of interest: the ideal moves, and the stance moves
    # by the same amount (the bargaining that shaped the stance still stands).
    before = state.ideal[:, i, d]
    moved = np.clip(_moved(before, event, 100.0), 0.0, 1.0)
    stance = np.clip(state.position[:, i, d] + (moved - before), 0.0, 1.0)
    state.ideal[:, i, d] = np.where(fire, moved, before)
    state.position[:, i, d] = np.where(fire, stance, state.position[:, i, d])


def _salience_change(state, event, compiled, fire):
    i = compiled.actor_index(_value(event, "actor"))
    d = compiled.issue_index(_value(event, "issue"))
    new = np.clip(_moved(state.salience[:, i, d], event, 100.0), 0.0, 1.0)
    others = state.salience[:, i, :].copy()
    others[:, d] = 0.0
    # KTAB's rule (total salience <= 1) is kept by scaling the actor's other issues down.
    room = 1.0 - new
    other_total = others.sum(axis=-1)
    scale = np.where(other_total > room, room / np.maximum(other_total, 1e-12), 1.0)
    updated = others * scale[:, None]
    updated[:, d] = new
    state.salience[:, i, :] = np.where(fire[:, None], updated, state.salience[:, i, :])


def _preference_change(state, event, compiled, fire):
    i = compiled.actor_index(_value(event, "actor"))
    weights = _value(event, "weights")
    row = np.array([float(weights[_key(weights, v)]) for v in VARIABLES])
    state.preferences[:, i, :] = np.where(fire[:, None], row, state.preferences[:, i, :])


def _key(mapping, variable: Variable):
    return variable if variable in mapping else variable.value


def _capability_change(state, event, compiled, fire):
    i = compiled.actor_index(_value(event, "actor"))
    component = _value(event, "component")
    array = {"gdp_usd_bn": state.gdp, "military_usd_bn": state.military}[component]
    array[:, i] = np.where(fire, array[:, i] * float(_value(event, "factor")), array[:, i])


def _membership(joined: bool) -> Effect:
    def effect(state, event, compiled, fire):
        i = compiled.actor_index(_value(event, "actor"))
        k = compiled.institution_index(_value(event, "institution"))
        state.membership[:, i, k] = np.where(fire, joined, state.membership[:, i, k])

    effect.__doc__ = f"Set membership to {joined} where the event fires."
    return effect


def _interdependence_change(state, event, compiled, fire):
    i, j = dyad_indices(_value(event, "dyad"), compiled)
    moved = np.clip(_moved(state.interdependence[:, i, j], event, 1.0), 0.0, 1.0)
    value = np.where(fire, moved, state.interdependence[:, i, j])
    state.interdependence[:, i, j] = state.interdependence[:, j, i] = value


EFFECTS: dict[str, Effect] = {
    "shock": _shock,
    "position_shift": _position_shift,
    "salience_change": _salience_change,
    "preference_change": _preference_change,
    "capability_change": _capability_change,
    "institution_join": _membership(True),
    "institution_leave": _membership(False),
    "interdependence_change": _interdependence_change,
}


def condition_holds(condition, state: EnsembleState, compiled: CompiledScenario) -> np.ndarray:
    """Evaluate a ``when:`` condition in every run → ``(R,)`` bool."""
    status = _value(condition, "issue_status")
    if status is not None:
        d = compiled.issue_index(_value(condition, "issue"))
        wanted = IssueStatus[str(status).upper()]
        return state.status[:, d] == wanted
    below = _value(condition, "cooperation_below")
    above = _value(condition, "cooperation_above")
    i, j = dyad_indices(_value(condition, "dyad"), compiled)
    variable = str(_value(condition, "variable"))
    if variable == "composite":
        views = composite_view(
            state.cooperation[:, [i, j]][:, :, [i, j]], state.preferences[:, [i, j]]
        )
        level = 0.5 * (views[:, 0, 1] + views[:, 1, 0])
    else:
        level = state.cooperation[:, i, j, Variable(variable).index]
    if below is not None:
        return level < float(below)
    return level > float(above)
