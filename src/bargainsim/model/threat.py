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


def offense_toward(offense: np.ndarray, deployed: np.ndarray | None = None) -> np.ndarray:
    """``[r, i, j]``: j's offensive capability brought to bear on i, ``min(1, O_j +
    deployed[r, j, i])``; without deployments ``(R, 1, N)``, broadcasting over i."""
    toward = offense[:, None, :]
    if deployed is None:
        return toward
    return np.minimum(toward + np.swapaxes(deployed, -1, -2), 1.0)


def threat_matrix(
    power: np.ndarray,
    offense: np.ndarray,
    proximity: np.ndarray,
    intent: np.ndarray,
    deployed: np.ndarray | None = None,
) -> np.ndarray:
    """``T[r, i, j]``: i's threat from j, in [0, 1], zero on the diagonal.

    ``h_ij · (relative power · proximity · offense_j)^(1/3)``: j's hostile intent as i
    believes it (:func:`update_intent`), times the geometric mean of Walt's three material
    sources. Walt treats the sources as jointly necessary, which the product keeps (any
    zero gives zero); the cube root keeps the material part on the scale of each source,
    so that a plain product of four small factors does not make every threat negligible.
    ``deployed[r, j, i]``, the offensive capability j has deployed near i, adds to j's
    offense toward i, which stays at most 1.
    """
    p_i = power[:, :, None]
    p_j = power[:, None, :]
    relative = p_j / (p_i + p_j)
    material = np.cbrt(relative * proximity * offense_toward(offense, deployed))
    threat = intent * material
    n = power.shape[-1]
    threat[:, np.arange(n), np.arange(n)] = 0.0
    return threat


def prior_intent(view: np.ndarray) -> np.ndarray:
    """The start belief in j's hostile intent from i's composite view of the relation,
    ``(1 - view) / 2`` kept inside [0.02, 0.98] so that evidence can always move it."""
    return np.clip((1.0 - view) / 2.0, 0.02, 0.98)


def update_intent(
    intent: np.ndarray,
    prior: np.ndarray,
    hostile_acts: np.ndarray,
    *,
    learning: float,
    forgetting: float,
) -> np.ndarray:
    """One quarter of learning about intent (Kydd 2005: Bayesian updating of the belief
    that the other is a hostile type). In log-odds each unit of hostile evidence from j
    toward i (``hostile_acts[r, j, i]``: a balancing posture +1, a cooperative one -1,
    sanctions by their severity) multiplies the odds by ``exp(learning)``; beliefs drift
    back toward the prior at rate ``forgetting`` (old acts fade). ``(R, N, N)``."""
    diagonal = np.eye(intent.shape[-1], dtype=bool)
    # The diagonal (a belief about oneself) is unused; 1/2 keeps its log-odds finite.
    belief = np.clip(np.where(diagonal, 0.5, intent), 1e-6, 1.0 - 1e-6)
    anchor = np.clip(np.where(diagonal, 0.5, prior), 1e-6, 1.0 - 1e-6)
    odds = np.log(belief / (1.0 - belief))
    base = np.log(anchor / (1.0 - anchor))
    evidence = np.swapaxes(hostile_acts, -1, -2)
    odds = odds + learning * evidence - forgetting * (odds - base)
    updated = 1.0 / (1.0 + np.exp(-np.clip(odds, -20.0, 20.0)))
    return np.where(diagonal, 0.0, np.clip(updated, 1e-6, 1.0 - 1e-6))


def third_party_terms(threat: np.ndarray, view: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Balancing against a third state, directed: ``(common, balance)``, each (R, N, N)
    in [0, 1].

    ``common[i, j] = Σ_k T_ik · opp_jk`` with ``opp_jk = max(T_jk, max(0, -view_jk))``:
    i warms to j in proportion to its own threat from k and to j's opposition to k, being
    threatened by k or hostile to it (Walt 1987; the enemy of my enemy, Heider's
    structural balance as Maoz et al. 2007 measure it). Not capped by j's threat: a state
    under pressure seeks whoever stands against its threat. ``balance[i, j] = Σ_k T_ik ·
    max(0, view_jk)``: the friend of my enemy, which cools i toward j. k ≠ i, j."""
    n = threat.shape[-1]
    opposition = np.maximum(threat, np.maximum(0.0, -view))
    friendship = np.maximum(0.0, view)
    off = ~np.eye(n, dtype=bool)
    common = np.zeros_like(threat)
    balance = np.zeros_like(threat)
    for k in range(n):
        exposure = threat[:, :, k][:, :, None]  # i's threat from k
        mask = off.copy()
        mask[k, :] = mask[:, k] = False
        common += exposure * opposition[:, None, :, k] * mask
        balance += exposure * friendship[:, None, :, k] * mask
    return np.minimum(common, 1.0), np.minimum(balance, 1.0)


def bandwagoning(
    offense: np.ndarray,
    proximity: np.ndarray,
    view: np.ndarray,
    deployed: np.ndarray | None = None,
) -> np.ndarray:
    """``b[r, i, j]`` in [0, 1): the share of i's response to its threat from j that goes
    toward j (bandwagoning) rather than against it (balancing).

    Walt (1987, ch. 2 and 5) gives the conditions, not a form: weak states bandwagon with
    a threat that is overwhelming and close when allies are unavailable (also Labs 1992;
    Schweller 1994). Here j's offense brought to bear on i, ``L_ij = prox_ij ·
    O_{j→i}``, is set against what can stand against it near i, ``D_ij = O_i + Σ_k
    max(0, view_ki) · prox_ik · O_k`` over third states k — each friend's offense
    discounted by its distance from i as a threat is, and by how well it thinks of i —
    and ``b = max(0, (L − D) / (L + D))``. A state whose own forces, or its friends' near
    it, match the threat never bandwagons; the response turns toward j (``b > 1/2``) only
    when the threat is more than three times the defence.
    ``offense (R, N)``, ``proximity (N, N)`` or ``(R, N, N)``, ``view (R, N, N)``."""
    n = view.shape[-1]
    # support[r, k, i]: what friend k brings to i's side; k = i adds nothing (its view of
    # itself is zero).
    support = np.maximum(0.0, view) * np.swapaxes(proximity, -1, -2) * offense[:, :, None]
    support_of = support.sum(axis=1)  # (R, N): every friend's support for i
    # Against j, every friend but j itself.
    defence = offense[:, :, None] + support_of[:, :, None] - np.swapaxes(support, -1, -2)
    threatening = proximity * offense_toward(offense, deployed)
    total = threatening + defence
    excess = np.divide(threatening - defence, total, out=np.zeros(total.shape), where=total > 0)
    return np.where(np.eye(n, dtype=bool), 0.0, np.maximum(0.0, excess))


def split_threat(threat: np.ndarray, share: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """``(balanced, toward)``: the parts ``T·(1 − b)`` and ``T·b`` of each threat that i
    balances and that it bandwagons (:func:`bandwagoning`); with no ``share``, all of it
    is balanced."""
    if share is None:
        return threat, np.zeros_like(threat)
    return threat * (1.0 - share), threat * share
