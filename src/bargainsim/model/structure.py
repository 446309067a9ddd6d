"""The agenda and the structure relations grow from, as events change them: issues that
open and close, deployments, a bloc's enlargement and treaties (their schemas and
documentation are in :mod:`bargainsim.scenario.structural_events`).

The effects here are registered in :mod:`bargainsim.model.events`; the quarter step
(:mod:`bargainsim.model.step`) asks this module what is in force in each quarter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bargainsim.vocabulary import N_VARIABLES

if TYPE_CHECKING:
    from bargainsim.model.compiled import CompiledScenario
    from bargainsim.model.state import EnsembleState


def set_salience(salience: np.ndarray, d: int, new: np.ndarray) -> np.ndarray:
    """``salience (R, N, D)`` with issue ``d`` set to ``new (R, N)`` and each actor's other
    saliences scaled down so that its total stays at most 1 (KTAB's rule)."""
    others = salience.copy()
    others[..., d] = 0.0
    room = 1.0 - new
    other_total = others.sum(axis=-1)
    scale = np.where(other_total > room, room / np.maximum(other_total, 1e-12), 1.0)
    updated = others * scale[..., None]
    updated[..., d] = new
    return updated


def _last_step(until, compiled: CompiledScenario) -> int:
    return compiled.n_quarters - 1 if until is None else compiled.quarters.index(str(until))


# Effects ------------------------------------------------------------------------------


def issue_open(state: EnsembleState, event, compiled: CompiledScenario, fire: np.ndarray):
    d = compiled.issue_index(event.issue)
    opening = fire & ~state.issue_open[:, d]
    updated = set_salience(state.salience, d, state.dormant_salience[:, :, d])
    state.salience = np.where(opening[:, None, None], updated, state.salience)
    state.issue_open[:, d] |= opening


def issue_close(state: EnsembleState, event, compiled: CompiledScenario, fire: np.ndarray):
    d = compiled.issue_index(event.issue)
    closing = (fire & state.issue_open[:, d])[:, None]
    # What each party cares now is what it brings back if the issue reopens.
    state.dormant_salience[:, :, d] = np.where(
        closing, state.salience[:, :, d], state.dormant_salience[:, :, d]
    )
    state.salience[:, :, d] = np.where(closing, 0.0, state.salience[:, :, d])
    state.issue_open[:, d] &= ~closing[:, 0]


def deployment(state: EnsembleState, event, compiled: CompiledScenario, fire: np.ndarray):
    i, j = compiled.actor_index(event.by), compiled.actor_index(event.near)
    state.deployed[:, i, j] = np.where(fire, float(event.level), state.deployed[:, i, j])
    last = _last_step(event.until, compiled)
    state.deployed_until[:, i, j] = np.where(fire, last, state.deployed_until[:, i, j])


def bloc_enlargement(state: EnsembleState, event, compiled: CompiledScenario, fire: np.ndarray):
    k = compiled.institution_index(event.institution)
    t = compiled.actor_index(event.toward)
    members = state.membership[:, :, k].copy()
    acting = fire & ~members[:, t]
    members[:, t] = False
    raising = acting[:, None] & members  # (R, N): the members that move closer
    closer = np.where(raising, np.maximum(state.proximity[:, :, t], float(event.proximity)), 0.0)
    # Geography is shared, so proximity stays symmetric.
    state.proximity[:, :, t] = np.where(raising, closer, state.proximity[:, :, t])
    state.proximity[:, t, :] = state.proximity[:, :, t]
    state.hostile_evidence[:, :, t] += np.where(raising, float(event.evidence), 0.0)


def treaty(state: EnsembleState, event, compiled: CompiledScenario, fire: np.ndarray):
    state.treaty_signed[:, compiled.treaty_ids.index(event.id)] |= fire


# In force in a quarter ----------------------------------------------------------------


def deployments_in_place(state: EnsembleState, step: int) -> np.ndarray:
    """Drop deployments past their end; the ``(R, N, N)`` levels in place this quarter."""
    state.deployed = np.where(state.deployed_until >= step, state.deployed, 0.0)
    return state.deployed


def treaty_institutions(state: EnsembleState, compiled: CompiledScenario, step: int):
    """``(R, N, N, V)`` shared institutions the signed treaties amount to this quarter (a
    half for one signed but not in force), or ``None`` when the scenario has no treaty."""
    if not compiled.treaty_ids:
        return None
    signed, in_force, until = compiled.treaty_steps.T
    stage = np.where(step >= in_force, 1.0, 0.5) * ((step >= signed) & (step <= until))
    weight = state.treaty_signed * stage  # (R, T)
    parties = compiled.treaty_parties.astype(float)
    pairs = parties[:, :, None] * parties[:, None, :]
    n = parties.shape[1]
    pairs[:, np.arange(n), np.arange(n)] = 0.0
    variables = compiled.treaty_variables.astype(float)
    return np.einsum("rt,tij,tv->rijv", weight, pairs, variables)


def compile_treaties(events, actor_ids, window) -> dict:
    """The treaty arrays of a compiled scenario: ids, ``(T, N)`` parties, ``(T, V)``
    variables and ``(T, 3)`` steps (signed, in force, last counted; a treaty that does not
    enter into force within the window has its in-force step past the end)."""
    treaties = [event for event in events if event.type == "treaty"]
    n, q = len(actor_ids), window.n_quarters
    parties = np.zeros((len(treaties), n), dtype=bool)
    variables = np.zeros((len(treaties), N_VARIABLES), dtype=bool)
    steps = np.zeros((len(treaties), 3), dtype=np.int64)
    for t, event in enumerate(treaties):
        parties[t, [actor_ids.index(actor) for actor in event.parties]] = True
        variables[t, [variable.index for variable in event.variables]] = True
        steps[t] = (
            window.step_of(event.signed),
            q if event.in_force is None else window.step_of(event.in_force),
            q - 1 if event.until is None else window.step_of(event.until),
        )
    return {
        "treaty_ids": tuple(event.id for event in treaties),
        "treaty_parties": parties,
        "treaty_variables": variables,
        "treaty_steps": steps,
    }
