"""Challenges, target choice and bargain construction of one SMP turn (ALGORITHM.md §4.1–4.3).

All N(N−1) challenges are evaluated at once from the initiators' own points of view
(h = k = i), which is all that KTAB's default options use. The third-party loop runs
over n in index order, vectorised over every (i, j) pair: a third party's little-contest
probability π depends only on the principals' totals A, B and n's stand-alone vote, not
on the running totals, so the N² challenges advance together, O(N³) per turn.
"""

from __future__ import annotations

import numpy as np

from bargainsim.bargaining.utility import utility


def evaluate_challenges(
    distance: np.ndarray,
    perceived: np.ndarray,
    capability: np.ndarray,
    total_salience: np.ndarray,
    floor: float,
) -> tuple[np.ndarray, np.ndarray]:
    """§4.1: ``(φ, Δ)``, both ``(…, i, j)``: i's estimate that it beats j, and its gain.

    ``distance (…, N, N)`` is §3.1's d, ``perceived (…, h, i)`` §3.5's r^h_i,
    ``total_salience (…, N)`` S. Votes in a challenge are weighted by ``S·c``. The
    diagonal (i challenging itself) is meaningless and left for the caller to mask.
    """
    n_actors = distance.shape[-1]
    weight = total_salience * capability
    transposed = np.swapaxes(distance, -1, -2)  # transposed[…, i, j] = d[…, j, i]
    # U^i[i, j] = u(d_ij, r^i_i), U^i[j, i] = u(d_ji, r^i_j); own positions are worth u(0, ·).
    own_risk = np.diagonal(perceived, axis1=-2, axis2=-1)[..., :, None]
    u_ii = utility(np.zeros_like(own_risk), own_risk)
    u_ij = utility(distance, own_risk)
    u_ji = utility(transposed, perceived)
    u_jj = utility(np.zeros_like(perceived), perceived)

    vote_i = weight[..., :, None] * (u_ii - u_ij)
    vote_j = weight[..., None, :] * (u_ji - u_jj)
    for_i = floor + np.where(vote_i > 0, vote_i, 0.0)
    for_j = floor - np.where(vote_i < 0, vote_i, 0.0)
    for_i = for_i + np.where(vote_j > 0, vote_j, 0.0)
    for_j = for_j - np.where(vote_j < 0, vote_j, 0.0)
    principals_i, principals_j = for_i, for_j

    # The loop below is the O(N³) core: it works in preallocated (…, N, N) buffers and
    # writes each KTAB expression in the same operand order, so results are unchanged.
    shape = np.broadcast_shapes(for_i.shape, distance.shape)
    for_i = np.array(np.broadcast_to(for_i, shape))
    for_j = np.array(np.broadcast_to(for_j, shape))
    u_nj, alone, side_i, side_j, p_i, p_j, scratch, join_i, join_j = (
        np.empty(shape) for _ in range(9)
    )
    for n in range(n_actors):
        risk_n = perceived[..., :, n, None]  # r^i_n, indexed (…, i, 1)
        d_n = distance[..., n, None, :]  # d_nj, indexed (…, 1, j)
        # U^i[n, i] = u(d_ni, r^i_n) and U^i[n, n] = u(0, r^i_n) = 1: columns of the
        # principals' U^i[j, i] and U^i[j, j] above, the same numbers.
        u_ni = u_ji[..., :, n, None]  # (…, i, 1)
        u_nn = u_jj[..., :, n, None]
        w_n = weight[..., n, None, None]
        # U^i[n, j] = (1 − d)(1 + d·r); d ≤ 1 always holds here (see utility()).
        np.multiply(d_n, risk_n, out=u_nj)
        u_nj += 1.0
        u_nj *= 1 - d_n
        # n's stand-alone vote, added to the principals' totals only (§4.1.2, pitfall 7).
        np.subtract(u_ni, u_nj, out=alone)
        alone *= w_n
        np.maximum(alone, 0.0, out=side_i)
        side_i += principals_i
        np.minimum(alone, 0.0, out=side_j)
        np.subtract(principals_j, side_j, out=side_j)
        np.add(side_i, side_j, out=scratch)
        np.divide(side_i, scratch, out=p_i)
        np.subtract(1.0, p_i, out=p_j)
        # SemiCommit sums of three position-utilities, added as KTAB adds them:
        # n joins i: i wins (u_ni + u_ni) + u_nn, j wins (u_nj + u_nj) + u_nj;
        # n joins j: i wins (u_ni + u_ni) + u_ni, j wins (u_nj + u_nj) + u_nn.
        np.add(u_nj, u_nj, out=join_i)
        join_i += u_nj
        join_i *= p_j
        np.multiply(p_i, (u_ni + u_ni) + u_nn, out=scratch)
        join_i += scratch
        np.add(u_nj, u_nj, out=join_j)
        join_j += u_nn
        join_j *= p_j
        np.multiply(p_i, (u_ni + u_ni) + u_ni, out=scratch)
        join_j += scratch
        vote_n = np.subtract(join_i, join_j, out=join_i)
        vote_n *= w_n
        # The principals already voted: n only counts as a third party.
        vote_n[..., n, :] = 0.0
        vote_n[..., :, n] = 0.0
        for_i += np.maximum(vote_n, 0.0, out=scratch)
        for_j -= np.minimum(vote_n, 0.0, out=scratch)

    total = for_i + for_j
    phi = for_i / total
    phi_other = for_j / total
    win = u_ii + u_ii
    lose = u_ij + u_ij
    status_quo = u_ii + u_ij
    contest = phi * win + phi_other * lose
    resist = total_salience[..., None, :]
    gain = ((1 - resist) * win + resist * contest) - status_quo
    return phi, gain


def choose_targets(
    gain: np.ndarray, eligible: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """§4.2: each initiator's target (−1: none) and the gain it expects.

    ``eligible (…, i, j)`` marks the pairs allowed at all (j ≠ i, both parties). The
    largest gain strictly above ``threshold`` wins; ties go to the lowest j.
    """
    candidate = np.where(eligible & (gain > threshold), gain, -np.inf)
    target = np.argmax(candidate, axis=-1)
    best = np.take_along_axis(candidate, target[..., None], axis=-1)[..., 0]
    has_target = best > -np.inf
    return np.where(has_target, target, -1), np.where(has_target, best, 0.0)


def round_half_up_4(value: np.ndarray) -> np.ndarray:
    """R4 of §4.3: half-up rounding to 4 decimals on the [0, 1] scale."""
    return np.floor(0.5 + value * 10000.0) / 10000.0


def interpolate_bargains(
    position: np.ndarray,
    salience: np.ndarray,
    target: np.ndarray,
    initiator_probability: np.ndarray,
    floor: float,
) -> tuple[np.ndarray, np.ndarray]:
    """§4.3 (S2P2, InitOnlyInterp): positions offered to each initiator and its target.

    Returns ``(to_initiator, to_target)``, both ``(…, N, D)`` indexed by initiator;
    for an actor without a target both are its own position (unused).
    """
    safe_target = np.where(target >= 0, target, np.arange(target.shape[-1]))
    target_position = np.take_along_axis(position, safe_target[..., None], axis=-2)
    target_salience = np.take_along_axis(salience, safe_target[..., None], axis=-2)
    p_i = initiator_probability[..., None]
    p_j = 1 - p_i
    weight_i = (salience * salience) * (p_i * p_i)
    weight_j = (target_salience * target_salience) * (p_j * p_j)
    denominator = (weight_i + floor) + weight_j
    to_initiator = round_half_up_4(
        ((weight_i + floor) * position + weight_j * target_position) / denominator
    )
    to_target = round_half_up_4(
        (weight_i * position + (floor + weight_j) * target_position) / denominator
    )
    moving = (target >= 0)[..., None]
    return np.where(moving, to_initiator, position), np.where(moving, to_target, position)
