"""Posture choice: each actor picks cooperate, hedge or balance toward each other actor
by a logit (quantal-response) choice over its utilities (McKelvey and Palfrey 1995).

Utilities of i's posture toward j (``view`` is i's composite, preference-weighted view of
the relation; ``reply`` is j's last posture toward i as +1 / 0 / -1):

    U_cooperate = view + b_r·reply - b_t·T_ij
    U_balance   = -U_cooperate
    U_hedge     = h·(1 - P_i / max P)

Balancing is the mirror of cooperating (Walt 1987: states balance what threatens them and
bandwagon with, or cooperate with, what does not); hedging is worth most to the smallest
state and nothing to the strongest (Kuik 2008, on smaller states amid great-power rivalry;
Xu 2008 II.i.3 and II.iii).
"""

from __future__ import annotations

import numpy as np

from bargainsim.vocabulary import Posture

# The sign each posture sends to the other side: reciprocity reads these.
POSTURE_SIGNAL = np.array([1.0, 0.0, -1.0])  # indexed by Posture value


def posture_utilities(
    view: np.ndarray,
    reply: np.ndarray,
    threat: np.ndarray,
    power: np.ndarray,
    *,
    reciprocity_weight: float,
    threat_weight: float,
    hedge_value: float,
) -> np.ndarray:
    """``(R, N, N)`` inputs → ``(R, N, N, 3)`` utilities in Posture order."""
    cooperate = view + reciprocity_weight * reply - threat_weight * threat
    smallness = 1.0 - power / power.max(axis=-1, keepdims=True)  # (R, N)
    hedge = np.broadcast_to((hedge_value * smallness)[:, :, None], cooperate.shape)
    return np.stack([cooperate, hedge, -cooperate], axis=-1)


def choice_probabilities(utilities: np.ndarray, rationality: np.ndarray) -> np.ndarray:
    """Logit choice ``p_k ∝ exp(λ_i U_k)`` with actor i's rationality λ_i.
    ``utilities (R, N, N, 3), rationality (R, N) -> (R, N, N, 3)``."""
    scaled = utilities * rationality[:, :, None, None]
    # Overflow guard; an explicit maximum of the three, much cheaper than a reduction
    # over a length-3 axis, and exact all the same.
    largest = np.maximum(np.maximum(scaled[..., 0], scaled[..., 1]), scaled[..., 2])
    scaled = scaled - largest[..., None]
    weights = np.exp(scaled)
    # The sum in index order, as numpy reduces an axis this short, without the reduction.
    total = (weights[..., 0] + weights[..., 1]) + weights[..., 2]
    return weights / total[..., None]


def choose_postures(probabilities: np.ndarray, uniform: np.ndarray) -> np.ndarray:
    """Sample one posture per (i, j) by inverting the cumulative distribution with a
    pre-drawn uniform ``(R, N, N)`` in [0, 1). Returns ``(R, N, N)`` int8 Posture codes;
    the diagonal is COOPERATE by convention (an actor's stance toward itself is unused)."""
    # The two inner edges of the cumulative distribution, summed as cumsum would.
    first_edge = probabilities[..., 0]
    second_edge = first_edge + probabilities[..., 1]
    choice = (uniform >= first_edge).astype(np.int8) + (uniform >= second_edge)
    n = choice.shape[-1]
    choice[:, np.arange(n), np.arange(n)] = Posture.COOPERATE
    return choice
