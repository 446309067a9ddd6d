"""Running the SMP to convergence (ALGORITHM.md §5, §6).

After each turn t the fractional change ``Dist(X_{t−1}, X_t) / (Dist(X_0, X_1) + δ)`` is
recorded; the run stops at ``t ≥ max_turns``, or at ``t ≥ min_turns`` once the ratio
falls below ρ. ``Dist`` sums each actor's plain Euclidean move on the [0, 1] scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.bargaining.options import DEFAULT_OPTIONS, SMPOptions
from bargainsim.bargaining.state import InvalidStateError, SMPState
from bargainsim.bargaining.turn import analyse_state, reported_probabilities, smp_turn


@dataclass(frozen=True)
class SMPRun:
    """A whole run: ``positions (T+1, N, D)`` for states 0..T, ``fractional_change (T,)``,
    ``probabilities (T+1, N)`` (§6, per state), ``risk_attitudes (T+1, N)``, and whether
    the stop rule (rather than the turn cap) ended the run."""

    positions: np.ndarray
    fractional_change: np.ndarray
    probabilities: np.ndarray
    risk_attitudes: np.ndarray
    converged: bool

    @property
    def turns(self) -> int:
        return len(self.fractional_change)


def state_distance(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """§5 ``Dist``: Σ_i ‖x_i − y_i‖₂ over actors, summed in index order, ``(…,)``."""
    squares = np.float64(0.0)
    for k in range(before.shape[-1]):
        gap = before[..., k] - after[..., k]
        squares = squares + gap * gap
    norms = np.sqrt(squares)
    total = np.zeros(norms.shape[:-1])
    for i in range(norms.shape[-1]):
        total = total + norms[..., i]
    return total


def run_to_convergence(state: SMPState, options: SMPOptions = DEFAULT_OPTIONS) -> SMPRun:
    """Play turns from ``state`` until the stop rule of §5 holds (one state, no batch axes)."""
    if state.batch_shape:
        raise InvalidStateError(
            f"run_to_convergence takes one state; got batch shape {state.batch_shape} "
            "(advance batches with smp_turn)"
        )
    positions = [state.position]
    probabilities = []
    risks = []
    ratios: list[float] = []
    first_change = 0.0
    current = state
    converged = False
    for turn in range(1, options.max_turns + 1):
        result = smp_turn(current, options)
        probabilities.append(result.win_probability)
        risks.append(result.risk_attitude)
        current = current.with_position(result.next_position)
        positions.append(current.position)
        change = float(state_distance(positions[-2], positions[-1]))
        if turn == 1:
            first_change = change + options.first_change_guard
        ratio = change / first_change
        ratios.append(ratio)
        if turn >= options.min_turns and ratio < options.stop_ratio:
            converged = True
            break
    final = analyse_state(current, options)
    probabilities.append(reported_probabilities(current, final, options))
    risks.append(final.risk_attitude)
    return SMPRun(
        positions=np.stack(positions),
        fractional_change=np.array(ratios),
        probabilities=np.stack(probabilities),
        risk_attitudes=np.stack(risks),
        converged=converged,
    )
