"""One quarter, for R runs at once: the order of the mechanisms (model brief §1-§6).

1. due events (scheduled for this quarter, or conditional on the state at its start);
2. one SMP bargaining turn over all issues (KTAB's Spatial Model of Politics), with each
   actor's aggregate power share as its capability;
3. issue outcomes (deadlock, compromise);
4. threat perception (balance of threat);
5. posture choice (logit over cooperate / hedge / balance);
6. relation update per dyad and variable;
7. capabilities for the next quarter, read from the scenario's series.

Steps 4-6 are one call of :func:`~bargainsim.model.relation_step.relation_step`, the
chain the start-state search (:mod:`bargainsim.model.equilibrium`) iterates to its fixed
point. Both the Mesa model (R = 1) and the vectorised ensemble call :func:`advance_quarter`;
nothing here draws random numbers, it only reads the run's pre-drawn block.
"""

from __future__ import annotations

import numpy as np

from bargainsim.bargaining import SMPState, smp_turn
from bargainsim.model.compiled import CompiledScenario
from bargainsim.model.events import condition_holds, event_type
from bargainsim.model.hardening import issue_hardening
from bargainsim.model.issues import issue_spread, issue_status
from bargainsim.model.postures import POSTURE_SIGNAL
from bargainsim.model.relation_step import relation_drivers, relation_step, same_in_every_run
from bargainsim.model.relations import CONTRIBUTIONS
from bargainsim.model.state import EnsembleState
from bargainsim.model.structure import deployments_in_place, treaty_institutions
from bargainsim.model.threat import offensive_capability, power_share

# SMP capabilities are power shares scaled to KTAB's usual magnitudes (tens to hundreds);
# the contest is scale-free except for its tiny floors, which this keeps negligible.
SMP_CAPABILITY_SCALE = 100.0


def bargaining_turn(
    capability: np.ndarray, position: np.ndarray, salience: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One SMP turn for every run: ``(next_position (R, N, D), win_probability (R, N))``.

    The turn reads only capabilities, stances and saliences, which the relation noise never
    touches; runs differ there only where events went differently. So the turn is played
    once per distinct input and shared: the engine's batched turn equals its single turns
    exactly (tested there), so this changes no number, only the work.
    """
    n_runs = position.shape[0]
    key = np.concatenate(
        [capability, position.reshape(n_runs, -1), salience.reshape(n_runs, -1)], axis=1
    )
    if (key == key[0]).all():
        first, inverse = np.zeros(1, dtype=np.int64), np.zeros(n_runs, dtype=np.int64)
    else:
        first, inverse = _distinct_rows(key)
    turn = smp_turn(SMPState(capability[first], position[first], salience[first]))
    next_position = np.asarray(turn.next_position, dtype=float)[inverse]
    return next_position, np.asarray(turn.win_probability, dtype=float)[inverse]


def _distinct_rows(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of one row of each distinct kind, and each row's distinct-row number (rows
    compared bit for bit, as raw bytes)."""
    rows = np.ascontiguousarray(key).view(np.dtype((np.void, key.dtype.itemsize * key.shape[1])))
    _, first, inverse = np.unique(rows[:, 0], return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def apply_due_events(
    state: EnsembleState, step: int, event_uniform: np.ndarray, compiled: CompiledScenario
) -> np.ndarray:
    """Fire this quarter's events in scenario order; returns ``(R, E)`` bool firings."""
    n_runs = state.position.shape[0]
    fired_now = np.zeros((n_runs, len(compiled.events)), dtype=bool)
    for k, event in enumerate(compiled.events):
        first, last = compiled.event_span[k]
        if not first <= step <= last:
            continue
        if compiled.event_step[k] is not None:
            eligible = np.ones(n_runs, dtype=bool)
        else:
            eligible = condition_holds(event.when, state, compiled)
            if event.once:
                eligible &= ~state.fired[:, k]
        fire = eligible & (event_uniform[:, k] < float(event.probability))
        if fire.any():
            event_type(event).effect(state, event, compiled, fire)
        fired_now[:, k] = fire
        state.fired[:, k] |= fire
    return fired_now


def advance_quarter(
    state: EnsembleState,
    step: int,
    compiled: CompiledScenario,
    relation_noise: np.ndarray,
    posture_uniform: np.ndarray,
    event_uniform: np.ndarray,
    contributions: np.ndarray | None = None,
) -> np.ndarray:
    """Advance every run by one quarter in place. The draws are this quarter's slices:
    ``relation_noise (R, N(N-1), V)``, ``posture_uniform (R, N, N)``, ``event_uniform
    (R, E)``. Returns the ``(R, E)`` event firings. With ``contributions (R, N, N, V, K)``
    given, each term's part of every directed relation's change this quarter is written
    there (:data:`~bargainsim.model.relations.CONTRIBUTIONS`; they sum to the change)."""
    params = compiled.parameters
    before_events = state.cooperation.copy() if contributions is not None else None
    fired = apply_due_events(state, step, event_uniform, compiled)

    if not compiled.frozen_dynamics:
        bargain(state, compiled)

    spread = issue_spread(state.position, state.salience, params.party_salience)
    state.status = issue_status(
        spread,
        state.spread,
        deadlock_gap=params.deadlock_gap,
        compromise_gap=params.compromise_gap,
    )
    state.spread = spread

    drivers = relation_drivers(
        position=state.position,
        salience=state.salience,
        issue_variable=compiled.issue_variable,
        gdp=state.gdp,
        military=state.military,
        nuclear=state.nuclear,
        preferences=state.preferences,
        rationality=compiled.rationality,
        inertia=compiled.inertia,
        regime=compiled.regime,
        proximity=state.proximity,
        membership=state.membership,
        institution_variables=compiled.institution_variables,
        interdependence=state.interdependence,
        params=params,
        treaties=treaty_institutions(state, compiled, step),
    )
    in_force = state.sanction_until >= step
    state.sanctions = np.where(in_force[..., None], state.sanctions, 0.0)
    deployed = deployments_in_place(state, step)
    held = state.cooperation.copy() if compiled.frozen_dynamics else None
    relations = relation_step(
        state.cooperation,
        POSTURE_SIGNAL[state.postures],
        drivers,
        params,
        intent=state.intent,
        prior=state.intent_prior,
        sanctions=state.sanctions,
        deployed=same_in_every_run(deployed),
        evidence=deployed + state.hostile_evidence,
        posture_uniform=posture_uniform,
        noise=directed_noise(relation_noise, compiled.n_actors),
        contributions=contributions,
        offset=None if compiled.start_offset is None else compiled.start_offset[None],
    )
    if contributions is not None:
        shock = CONTRIBUTIONS.index("shock")
        contributions[..., shock] = state.cooperation - before_events
        if compiled.frozen_dynamics:
            contributions[..., :shock] = 0.0
            contributions[..., shock + 1 :] = 0.0
    state.threat = relations.threat
    state.intent = relations.intent
    state.postures = relations.postures
    state.cooperation = relations.cooperation if held is None else held
    state.hostile_evidence[:] = 0.0

    state.gdp = compiled.gdp_series[step + 1] * state.gdp_factor
    state.military = compiled.military_series[step + 1] * state.military_factor
    return fired


def bargain(state: EnsembleState, compiled: CompiledScenario) -> None:
    """Step 2: one SMP turn, then each actor's hold on its interests under threat."""
    params = compiled.parameters
    power = power_share(state.gdp, state.military)
    bargained, win_probability = bargaining_turn(
        SMP_CAPABILITY_SCALE * power, state.position, state.salience
    )
    # Hardening reads last quarter's threat: stances answer the pressure felt coming in.
    anchoring = issue_hardening(
        state.ideal,
        bargained,
        state.salience,
        state.threat,
        offensive_capability(state.military, state.nuclear, params.nuclear_offense_weight),
        anchoring=params.position_anchoring,
        gain=params.hardening_gain,
    )
    state.position = bargained + anchoring * (state.ideal - bargained)
    state.win_probability = win_probability


def directed_noise(pair_noise: np.ndarray, n: int) -> np.ndarray:
    """``(R, N(N-1), V)`` draws, one per directed pair in row-major order, → ``(R, N, N,
    V)`` with a zero diagonal."""
    n_runs, n_variables = pair_noise.shape[0], pair_noise.shape[-1]
    full = np.zeros((n_runs, n * n, n_variables))
    # Row-major, the off-diagonal entries are the N-1 runs of N between two diagonal ones.
    between = full[:, 1:].reshape(n_runs, n - 1, n + 1, n_variables)
    between[:, :, :n] = pair_noise.reshape(n_runs, n - 1, n, n_variables)
    return full.reshape(n_runs, n, n, n_variables)
