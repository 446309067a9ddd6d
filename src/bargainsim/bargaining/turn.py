"""One SMP bargaining turn, state t → state t+1 (ALGORITHM.md §3–§4, §6).

``smp_turn`` reads only the state it is given, so callers may edit positions, saliences or
capabilities between calls. Leading batch axes are advanced together; every reduction
runs in index order over elementwise operations, so a batch equals stacked single calls
bit for bit.

Degenerate cases (see also :mod:`bargainsim.bargaining.utility` and docs/bargaining.md):

* an actor with zero total salience is not a party: it never challenges, is never
  targeted and never moves (KTAB throws); it still votes on bargains with its
  capability, but is indifferent, so it adds nothing;
* an actor with zero capability has no vote anywhere but can still challenge and be
  challenged; all capabilities zero raises :class:`~bargainsim.errors.DegenerateInputError`
  (when the state is built);
* co-located actors, or all actors at one point, give zero expected gains, so nobody
  challenges and the state does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.bargaining.challenge import (
    choose_targets,
    evaluate_challenges,
    interpolate_bargains,
)
from bargainsim.bargaining.options import DEFAULT_OPTIONS, SMPOptions
from bargainsim.bargaining.state import SMPState
from bargainsim.bargaining.utility import (
    conditional_pce,
    own_utilities,
    pairwise_victory,
    perceived_risk,
    risk_attitudes,
    salience_weighted_distance,
    utility,
)

STATUS_QUO = -1
"""``chosen_option`` and ``target`` value meaning "no bargain" / "no challenge"."""


@dataclass(frozen=True)
class StateAnalysis:
    """§3 quantities of one state: distances, risk attitudes, own utilities, total salience."""

    distance: np.ndarray  # (…, N, N) d_ij
    risk_attitude: np.ndarray  # (…, N) r_i
    own_utility: np.ndarray  # (…, N, N) U^a[a, n]
    total_salience: np.ndarray  # (…, N) S_i


@dataclass(frozen=True)
class TurnResult:
    """Everything one turn decided, per actor i.

    ``target[…, i]``: the actor i challenged, −1 for none. ``challenge_probability``: φ,
    i's estimate that it beats that target (0 when none); ``expected_gain``: its Δ (0 when
    none). ``offered_position[…, i]``: the position i's own bargain offered i (x_i when
    none). ``chosen_option[…, i]``: the bargain that i's queue chose, named by its
    initiator — i itself when i's own proposal won, another actor's index when i accepted
    a bargain proposed to it, −1 (``STATUS_QUO``) when i kept its position.
    ``bargain_position`` is the position i moved to, x_i where unchanged (it equals
    ``next_position`` under the default options). ``win_probability`` and
    ``risk_attitude`` describe the input state (§6, §3.4).
    """

    next_position: np.ndarray
    win_probability: np.ndarray
    risk_attitude: np.ndarray
    target: np.ndarray
    challenge_probability: np.ndarray
    expected_gain: np.ndarray
    bargain_position: np.ndarray
    offered_position: np.ndarray
    chosen_option: np.ndarray


def analyse_state(state: SMPState, options: SMPOptions = DEFAULT_OPTIONS) -> StateAnalysis:
    """§3: distances, risk attitudes and own utilities of a state (ideal = position)."""
    position, salience = state.position, state.salience
    total_salience = np.float64(0.0)
    for k in range(state.n_dims):
        total_salience = total_salience + salience[..., k]
    total_salience = np.broadcast_to(total_salience, state.capability.shape)
    distance = salience_weighted_distance(position, salience, position)
    risk = risk_attitudes(distance, state.capability, options.position_contest_floor)
    return StateAnalysis(distance, risk, own_utilities(distance, risk), total_salience)


def reported_probabilities(
    state: SMPState, analysis: StateAnalysis, options: SMPOptions = DEFAULT_OPTIONS
) -> np.ndarray:
    """§6: each actor's reported probability that its position prevails, ``(…, N)``.

    Unique positions are found by scanning actors in order (within τ of an earlier
    representative means "the same"); a capability-weighted contest of own utilities runs
    over the representatives; each actor reports its last representative within τ.
    """
    position = state.position
    n_actors = state.n_actors
    square_gap = np.float64(0.0)
    by_dim = np.ascontiguousarray(np.moveaxis(position, -1, 0))  # each dimension contiguous
    for k in range(state.n_dims):
        gap = by_dim[k][..., :, None] - by_dim[k][..., None, :]
        square_gap = square_gap + gap * gap
    same = np.sqrt(square_gap) < options.same_position_tolerance
    representative = np.zeros(same.shape[:-1], dtype=bool)
    for i in range(n_actors):
        taken = (representative[..., :i] & same[..., i, :i]).any(axis=-1)
        representative[..., i] = ~taken
    victory = pairwise_victory(
        state.capability, analysis.own_utility, options.position_contest_floor
    )
    probability = conditional_pce(victory, representative)
    candidates = same & representative[..., None, :]
    last = n_actors - 1 - np.argmax(candidates[..., ::-1], axis=-1)
    return np.take_along_axis(probability, last, axis=-1)


def smp_turn(state: SMPState, options: SMPOptions = DEFAULT_OPTIONS) -> TurnResult:
    """Play one bargaining turn (§4) from ``state``; see :class:`TurnResult`."""
    analysis = analyse_state(state, options)
    position, salience, capability = state.position, state.salience, state.capability
    n_actors = state.n_actors
    actors = np.arange(n_actors)

    perceived = perceived_risk(analysis.risk_attitude)
    phi, gain = evaluate_challenges(
        analysis.distance, perceived, capability, analysis.total_salience, options.challenge_floor
    )
    party = analysis.total_salience > 0
    eligible = (actors[:, None] != actors[None, :]) & party[..., :, None] & party[..., None, :]
    target, expected_gain = choose_targets(gain, eligible, options.min_expected_gain)
    has_target = target >= 0
    safe_target = np.where(has_target, target, actors)
    challenge_probability = np.where(
        has_target, np.take_along_axis(phi, safe_target[..., None], axis=-1)[..., 0], 0.0
    )
    to_initiator, to_target = interpolate_bargains(
        position, salience, target, challenge_probability, options.interpolation_floor
    )

    option_value = _option_values(state, analysis, target, to_initiator, to_target)
    victory = pairwise_victory(capability, option_value, options.position_contest_floor)
    # Queue of k: option 0 (status quo), then bargain 1+i if i initiated it or targets k.
    in_queue = np.zeros((*target.shape, n_actors + 1), dtype=bool)
    in_queue[..., 0] = True
    in_queue[..., 1:] = has_target[..., None, :] & (
        (actors[:, None] == actors[None, :]) | (target[..., None, :] == actors[:, None])
    )
    probability = conditional_pce(victory[..., None, :, :], in_queue)
    best = np.argmax(np.where(in_queue, probability, -1.0), axis=-1)
    chosen_option = best - 1
    initiator = np.where(chosen_option >= 0, chosen_option, actors)
    as_initiator = np.take_along_axis(to_initiator, initiator[..., None], axis=-2)
    as_target = np.take_along_axis(to_target, initiator[..., None], axis=-2)
    next_position = np.where(
        (chosen_option == STATUS_QUO)[..., None],
        position,
        np.where((chosen_option == actors)[..., None], as_initiator, as_target),
    )
    return TurnResult(
        next_position=next_position,
        win_probability=reported_probabilities(state, analysis, options),
        risk_attitude=analysis.risk_attitude,
        target=target,
        challenge_probability=challenge_probability,
        expected_gain=expected_gain,
        bargain_position=next_position.copy(),
        offered_position=to_initiator,
        chosen_option=chosen_option,
    )


def _option_values(
    state: SMPState,
    analysis: StateAnalysis,
    target: np.ndarray,
    to_initiator: np.ndarray,
    to_target: np.ndarray,
) -> np.ndarray:
    """§4.4: ``V[…, a, o]``, voter a's value of option o (0: status quo, 1+i: i's bargain).

    A bargain's state is scored with the two moved positions first (with a's own r_a),
    then the unmoved positions in index order, then divided by N, as KTAB sums it.
    """
    n_actors = state.n_actors
    actors = np.arange(n_actors)
    own = analysis.own_utility
    risk = analysis.risk_attitude[..., :, None]
    # Both moved positions in one pass: the distances do not depend on their neighbours.
    both = np.concatenate([to_initiator, to_target], axis=-2)
    moved = salience_weighted_distance(state.position, state.salience, both)
    moved_initiator = utility(moved[..., :n_actors], risk)
    moved_target = utility(moved[..., n_actors:], risk)
    status_quo = np.float64(0.0)
    bargain = (0.0 + moved_initiator) + moved_target
    for n in range(n_actors):
        unmoved = (actors != n) & (target[..., None, :] != n)  # (…, 1, initiator)
        column = own[..., :, n, None]
        status_quo = status_quo + column
        bargain = bargain + np.where(unmoved, column, 0.0)
    values = np.concatenate([status_quo, bargain], axis=-1) / n_actors
    return values
