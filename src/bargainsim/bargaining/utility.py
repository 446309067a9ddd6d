"""Distances, utilities, scalar contests and risk attitudes of the SMP (ALGORITHM.md §3).

Every function works on arrays with any leading batch axes ``…``. Sums over dimensions
and voters, and the product of §3.3.3, are accumulated in increasing index order with
plain elementwise operations, never with BLAS or pairwise reductions: the order then is
KTAB's, and a batched call gives bit-for-bit the same numbers as single calls.

Degenerate cases (KTAB throws or yields NaN, §9), with the finite results chosen here:

* an actor whose saliences are all zero measures every distance as 0, so it is
  indifferent between all positions (utility 1 everywhere) and adds nothing to any
  coalition;
* if every position is equally likely in the risk contest (``p_max == p_min``, e.g. all
  actors at one point), every risk attitude is 0 (risk-neutral) instead of NaN;
* if a product of victory probabilities underflows to 0 for every option (hundreds of
  lopsided contests), the contest is evaluated in log space instead of dividing 0 by 0.
"""

from __future__ import annotations

import numpy as np


def salience_weighted_distance(
    ideal: np.ndarray, salience: np.ndarray, position: np.ndarray
) -> np.ndarray:
    """§3.1: ``d[…, i, m] = sqrt(Σ_k (s_ik (ideal_ik − pos_mk))² / Σ_k s_ik²)``.

    ``ideal`` and ``salience`` are ``(…, N, D)`` (the evaluating actors), ``position``
    ``(…, M, D)`` (the positions evaluated); the result is ``(…, N, M)``. An actor with all
    saliences zero gets distance 0 to everything.
    """
    n_dims = ideal.shape[-1]
    # Dimension by dimension, each dimension's values in one contiguous block; the
    # accumulators start at 0.0 as in KTAB, and the first addition broadcasts them.
    ideal_by_dim = np.ascontiguousarray(np.moveaxis(ideal, -1, 0))
    salience_by_dim = np.ascontiguousarray(np.moveaxis(salience, -1, 0))
    position_by_dim = np.ascontiguousarray(np.moveaxis(position, -1, 0))
    # In preallocated buffers, each expression in KTAB's operand order: the accumulators
    # start at 0.0, and adding a square to 0.0 leaves it as it is.
    shape = np.broadcast_shapes(
        (*ideal.shape[:-1], 1), (*position.shape[:-2], 1, position.shape[-2])
    )
    weighted_square_sum, weighted_gap = np.zeros(shape), np.empty(shape)
    salience_square_sum = np.zeros(salience.shape[:-1])
    salience_square = np.empty(salience.shape[:-1])
    for k in range(n_dims):
        np.subtract(
            ideal_by_dim[k][..., :, None], position_by_dim[k][..., None, :], out=weighted_gap
        )
        weighted_gap *= salience_by_dim[k][..., :, None]
        weighted_gap *= weighted_gap
        weighted_square_sum += weighted_gap
        np.multiply(salience_by_dim[k], salience_by_dim[k], out=salience_square)
        salience_square_sum += salience_square
    denominator = salience_square_sum[..., :, None]
    ratio = np.divide(
        weighted_square_sum,
        denominator,
        out=np.zeros_like(weighted_square_sum),
        where=denominator > 0,
    )
    return np.sqrt(ratio)


def utility(distance: np.ndarray, risk: np.ndarray) -> np.ndarray:
    """§3.2: ``u(d, r) = (1 − d)(1 + r·d)`` for d ≤ 1, ``(1 − d)(1 + r)`` beyond."""
    near = (1 - distance) * (1 + distance * risk)
    return np.where(distance <= 1, near, (1 - distance) * (1 + risk))


def pairwise_victory(weights: np.ndarray, utilities: np.ndarray, floor: float) -> np.ndarray:
    """§3.3 steps 1–2: ``P[…, o, o']``, the probability that option o beats option o'.

    ``weights (…, V)`` are the voters' weights, ``utilities (…, V, M)`` voter v's utility
    for option o. Proportional voting, linear victory probability; every coalition starts
    from ``floor`` and the voters are added in index order.
    """
    n_voters, n_options = utilities.shape[-2], utilities.shape[-1]
    batch = np.broadcast_shapes(weights.shape[:-1], utilities.shape[:-2])
    coalition = np.full((*batch, n_options, n_options), floor)
    vote = np.empty_like(coalition)
    for voter in range(n_voters):
        row = utilities[..., voter, :]
        np.subtract(row[..., :, None], row[..., None, :], out=vote)
        vote *= weights[..., voter, None, None]
        coalition += np.maximum(vote, 0.0, out=vote)
    victory = coalition / (coalition + np.swapaxes(coalition, -1, -2))
    diagonal = np.arange(n_options)
    victory[..., diagonal, diagonal] = 0.5
    return victory


def conditional_pce(victory: np.ndarray, member: np.ndarray | None = None) -> np.ndarray:
    """§3.3 step 3: ``p_o ∝ Π_{o'} P[o, o']`` over the member options only.

    ``victory (…, M, M)``; ``member (…, M)`` boolean (default: all), broadcast against
    ``victory``'s leading axes. Non-members get probability 0. The product and the
    normalising sum run in option order.
    """
    n_options = victory.shape[-1]
    if member is None:
        member = np.ones(victory.shape[:-1], dtype=bool)
    shape = np.broadcast_shapes(victory.shape[:-1], member.shape)
    product = np.ones(shape)
    for other in range(n_options):
        factor = np.where(member[..., other, None], victory[..., :, other], 1.0)
        product = product * factor
    total = np.zeros(shape[:-1])
    for option in range(n_options):
        total = total + np.where(member[..., option], product[..., option], 0.0)
    underflow = total <= 0
    if underflow.any():
        product, total = _log_space_pce(victory, member, shape, product, total, underflow)
    probability = product / total[..., None]
    return np.where(member, probability, 0.0)


def _log_space_pce(victory, member, shape, product, total, underflow):
    """The same contest in log space, for the rows whose products all underflowed."""
    log_victory = np.log(np.broadcast_to(victory, (*shape[:-1], shape[-1], shape[-1])))
    log_member = np.broadcast_to(member, shape)
    log_product = np.zeros(shape)
    for other in range(shape[-1]):
        log_product = log_product + np.where(
            log_member[..., other, None], log_victory[..., :, other], 0.0
        )
    log_product = np.where(log_member, log_product, -np.inf)
    rescaled = np.exp(log_product - log_product.max(axis=-1, keepdims=True))
    rescaled_total = np.where(log_member, rescaled, 0.0).sum(axis=-1)
    product = np.where(underflow[..., None], rescaled, product)
    total = np.where(underflow, rescaled_total, total)
    return product, total


def risk_attitudes(distance: np.ndarray, capability: np.ndarray, floor: float) -> np.ndarray:
    """§3.4 (BigRRange Mid): risk attitudes in [−0.5, 1] from a contest of all N positions.

    The contest's voters are weighted by capability and value positions risk-neutrally
    (``1 − d``). When every position is equally likely the attitudes are 0.
    """
    probability = conditional_pce(pairwise_victory(capability, 1 - distance, floor))
    p_max = probability.max(axis=-1, keepdims=True)
    p_min = probability.min(axis=-1, keepdims=True)
    spread = 2 * (p_max - p_min)
    return np.divide(
        3 * probability - (p_max + 2 * p_min),
        spread,
        out=np.zeros_like(probability),
        where=spread > 0,
    )


def perceived_risk(risk: np.ndarray) -> np.ndarray:
    """§3.5 (BigRAdjust OneThird): ``r^h_i = (2 r_h + r_i) / 3`` as ``(…, h, i)``."""
    return ((2.0 * risk[..., :, None]) + risk[..., None, :]) / 3.0


def own_utilities(distance: np.ndarray, risk: np.ndarray) -> np.ndarray:
    """``U^a[a, n]``, each actor's utility for each position, via its own estimate r^a_a.

    KTAB stores an actor's own row inside its perceived matrix, with ``(2 r_a + r_a)/3``,
    which can differ from ``r_a`` in the last bit; this keeps KTAB's value.
    """
    self_estimate = ((2.0 * risk) + risk) / 3.0
    return utility(distance, self_estimate[..., :, None])
