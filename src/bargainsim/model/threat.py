"""Power and threat: pure functions over arrays with a leading run axis ``R``.

Balance of threat (Walt, *The Origins of Alliances*, 1987, ch. 2): a state's threat from
another grows with the other's aggregate power, its proximity, its offensive capability
and its perceived aggressive intentions. Walt names the four sources without a functional
form; here they multiply, each scaled to [0, 1], because he treats them as jointly
necessary (a distant, weak state is no threat however hostile; a strong friend is none
either).
"""

from __future__ import annotations

import numpy as np


def power_share(gdp: np.ndarray, military: np.ndarray) -> np.ndarray:
    """Aggregate power as each actor's share of the system: the mean of its GDP share and
    its military-spending share (the economic and military halves of the Correlates of
    War CINC index, Singer, Bremer and Stuckey 1972). ``(R, N) -> (R, N)``, rows sum to 1.
    """
    gdp_share = gdp / gdp.sum(axis=-1, keepdims=True)
    military_share = military / military.sum(axis=-1, keepdims=True)
    return 0.5 * (gdp_share + military_share)


def offensive_capability(
    military: np.ndarray, nuclear: np.ndarray, nuclear_weight: float
) -> np.ndarray:
    """Offensive capability in [0, 1]: military spending relative to the largest spender,
    blended with nuclear status (weight ``nuclear_weight``). ``(R, N) -> (R, N)``."""
    relative_spending = military / military.max(axis=-1, keepdims=True)
    return (1.0 - nuclear_weight) * relative_spending + nuclear_weight * nuclear


def composite_view(cooperation: np.ndarray, preferences: np.ndarray) -> np.ndarray:
    """Each side's composite view of each dyad: its own preference-weighted mean of the
    four variables' cooperation. ``c (R, N, N, V), w (R, N, V) -> (R, N, N)`` with
    ``[r, i, j]`` = i's view of its relation with j."""
    return np.einsum("rijv,riv->rij", cooperation, preferences)


def threat_matrix(
    power: np.ndarray,
    offense: np.ndarray,
    proximity: np.ndarray,
    view: np.ndarray,
) -> np.ndarray:
    """``T[r, i, j]``: i's threat from j, in [0, 1], zero on the diagonal.

    relative power ``P_j / (P_i + P_j)`` × proximity × j's offensive capability × hostile
    intent ``(1 - view_ij) / 2`` (i's composite view of the relation, mapped so that open
    hostility is 1 and integration is 0).
    """
    p_i = power[:, :, None]
    p_j = power[:, None, :]
    relative = p_j / (p_i + p_j)
    intent = (1.0 - view) / 2.0
    threat = relative * proximity * offense[:, None, :] * intent
    n = power.shape[-1]
    threat[:, np.arange(n), np.arange(n)] = 0.0
    return threat


def common_threat(threat: np.ndarray) -> np.ndarray:
    """``[r, i, j]``: the largest threat that i and j both face from one third state,
    ``max_k min(T_ik, T_jk)`` over k ≠ i, j (balancing against a common threat, Walt 1987;
    Xu 2008, III.ii). Symmetric, zero diagonal."""
    n = threat.shape[-1]
    idx = np.arange(n)
    result = np.zeros_like(threat)
    for k in range(n):
        # Threat from k that i and j share; k is no third party to a dyad it belongs to.
        shared = np.minimum(threat[:, :, None, k], threat[:, None, :, k])
        shared[:, k, :] = 0.0
        shared[:, :, k] = 0.0
        np.maximum(result, shared, out=result)
    result[:, idx, idx] = 0.0
    return result
