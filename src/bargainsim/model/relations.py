"""Directed relations: i's cooperation toward j on each variable, ``c[r, i, j, v]`` in
[-1, 1] (the event-data convention: actor toward target), pure functions over arrays with
a leading run axis ``R``. docs/model.md §8 gives every equation and parameter.

Each quarter i's behaviour toward j moves part of the way toward a target, the weighted
mean of the signals of the drivers that bear on the variable (each in [-1, 1]):

    driver              signal (for i toward j)               applies to
    alignment           stake-weighted agreement on issues    variables with a joint stake
    reciprocity         tanh(g·c[j→i])                        all
    institutions        1 - 2^(-shared)                       all
    interdependence     e_ij                                  economics
    sanctions           -min(S_ij + S_ji, 1)                  the variables they cover
    threat              -T_ij  (i's threat from j)            military, geopolitics
    intent              1 - 2·h_ij  (i's belief in j's hostile intent)   military, geopolitics
    common_threat       Σ_k T_ik·opp_jk  (enemy of my enemy)  military, geopolitics
    structural_balance  -Σ_k T_ik·max(0, view_jk)  (friend of my enemy)  military, geo.
    regime              1 - 2|reg_i - reg_j|                  domestic

    Δ = (1-γ)·(target - c),   damped by (1 - λ_E·e_ij) when negative
    c' = clip(c + Δ + σ·ε, -1, 1)

The reciprocity signal's steepness ``g`` makes the update an action-reaction process with
two stable regimes where the reciprocity share ω of the weights satisfies ``ω·g > 1``
(for a pair: ω_ij·g · ω_ji·g > 1, the analogue of Richardson's k_ij·k_ji > m_i·m_j).
"""

from __future__ import annotations

import numpy as np

from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import Variable

MILITARY, GEOPOLITICS, ECONOMICS, DOMESTIC = (v.index for v in Variable)


def issue_alignment(
    position: np.ndarray, salience: np.ndarray, issue_variable: np.ndarray, n_variables: int
) -> tuple[np.ndarray, np.ndarray]:
    """Alignment of each pair on each variable's issues, and whether they share any.

    On issue d the pair's agreement is ``1 - 2|x_id - x_jd|`` (+1 same position, -1 the
    opposite ends), weighted by their joint stake ``sqrt(s_id·s_jd)`` (an issue one side
    does not care about does not divide them). ``position, salience (R, N, D)`` →
    ``alignment (R, N, N, V)`` in [-1, 1] and ``stake (R, N, N, V)`` ≥ 0.
    """
    n_runs, n_actors, n_issues = position.shape
    stake = np.zeros((n_runs, n_actors, n_actors, n_variables))
    weighted = np.zeros_like(stake)
    # One issue at a time, added into its variable: cheaper than a one-hot contraction and
    # the same sum, in issue order, at any number of runs.
    for d in range(n_issues):
        v = issue_variable[d]
        x, s = position[:, :, d], salience[:, :, d]
        joint = np.sqrt(s[:, :, None] * s[:, None, :])
        agreement = 1.0 - 2.0 * np.abs(x[:, :, None] - x[:, None, :])
        stake[..., v] += joint
        weighted[..., v] += joint * agreement
    alignment = np.divide(weighted, stake, out=np.zeros_like(weighted), where=stake > 0)
    return alignment, stake


def shared_institutions(membership: np.ndarray, institution_variables: np.ndarray) -> np.ndarray:
    """Number of institutions covering variable v that both i and j belong to.
    ``membership (R, N, I) bool, institution_variables (I, V) -> (R, N, N, V)``."""
    n_runs, n_actors, n_institutions = membership.shape
    shared = np.zeros((n_runs, n_actors, n_actors, institution_variables.shape[1]))
    for k in range(n_institutions):
        both = membership[:, :, None, k] & membership[:, None, :, k]  # (R, N, N)
        for v in np.flatnonzero(institution_variables[k]):
            shared[..., v] += both
    return shared


# The drivers of a relation, in the order of the contribution table's columns.
DRIVERS = (
    "alignment",
    "reciprocity",
    "institutions",
    "interdependence",
    "sanctions",
    "threat",
    "intent",
    "common_threat",
    "structural_balance",
    "regime",
)
ADJUSTMENT_TERMS = ("inertia", "damping", "noise", "shock", "clip")
CONTRIBUTIONS = DRIVERS + ADJUSTMENT_TERMS


def reciprocity_signal(cooperation: np.ndarray, gain: float) -> np.ndarray:
    """``tanh(g·c[j→i, v])`` as i's signal toward j: i answers what j does to it, steeply
    near indifference and saturating at either end (action-reaction, Richardson 1960;
    the spiral model, Jervis 1976). ``(R, N, N, V)`` with ``[r, i, j, v]`` read from j→i."""
    return np.tanh(gain * np.swapaxes(cooperation, 1, 2))


def driver_terms(
    *,
    cooperation: np.ndarray,
    alignment: np.ndarray,
    stake: np.ndarray,
    shared: np.ndarray,
    interdependence: np.ndarray,
    sanctions: np.ndarray,
    threat: np.ndarray,
    intent: np.ndarray,
    common: np.ndarray,
    balance: np.ndarray,
    regime: np.ndarray,
    params: ModelParameters,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each driver's signal in [-1, 1] and weight ``(R, N, N, V)`` for i's cooperation
    toward j (module docstring). A weight is zero where its driver does not bear on the
    variable (no stake, no sanction, not a security variable ...)."""
    shape = cooperation.shape
    zeros = np.zeros(shape)
    security = np.zeros(shape[-1], dtype=bool)
    security[[MILITARY, GEOPOLITICS]] = True
    only = {variable: np.arange(shape[-1]) == variable for variable in (ECONOMICS, DOMESTIC)}

    def on(mask: np.ndarray, weight: float) -> np.ndarray:
        return np.broadcast_to(weight * mask, shape)

    sanctioned = sanctions + np.swapaxes(sanctions, 1, 2)  # either side's measures
    similarity = 1.0 - 2.0 * np.abs(regime[:, :, None] - regime[:, None, :])
    signals = {
        "alignment": alignment,
        "reciprocity": reciprocity_signal(cooperation, params.reaction_gain),
        # Each further shared institution closes half the remaining gap (docs/model.md §8).
        "institutions": 1.0 - 0.5**shared,
        "interdependence": zeros + interdependence[..., None],
        "sanctions": -np.minimum(sanctioned, 1.0),
        "threat": zeros - threat[..., None],
        "intent": zeros + (1.0 - 2.0 * intent)[..., None],
        "common_threat": zeros + common[..., None],
        "structural_balance": zeros - balance[..., None],
        "regime": zeros + similarity[..., None],
    }
    weights = {
        "alignment": params.alignment_weight * (stake > 0),
        "reciprocity": on(True, params.reciprocity_weight),
        "institutions": on(True, params.institution_weight),
        "interdependence": on(only[ECONOMICS], params.interdependence_weight),
        "sanctions": params.sanction_weight * (sanctioned > 0),
        "threat": on(security, params.threat_weight),
        "intent": on(security, params.intent_weight),
        "common_threat": on(security, params.common_threat_weight),
        "structural_balance": on(security, params.structural_balance_weight),
        "regime": on(only[DOMESTIC], params.regime_similarity_weight),
    }
    return signals, weights


def relation_target(signals: dict, weights: dict) -> np.ndarray:
    """The weighted mean of the driver signals, ``(R, N, N, V)`` in [-1, 1]; with every
    weight zero nothing drives the relation and it tends to indifference."""
    total = sum(weights[d] * signals[d] for d in DRIVERS)
    weight = sum(np.broadcast_to(weights[d], total.shape) for d in DRIVERS)
    return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)


def adjustment_persistence(
    inertia: np.ndarray, shared: np.ndarray, params: ModelParameters
) -> np.ndarray:
    """``γ (R, N, N, V)``: the share of a relation kept from one quarter to the next
    (module docstring); ``inertia (R, N)``, ``shared (R, N, N, V)``."""
    pair_inertia = 0.5 * (inertia[:, :, None] + inertia[:, None, :])[..., None]
    # A treaty signed but not in force counts as half an institution, here as in the signal.
    institutional = params.institution_inertia * np.minimum(shared, 1.0)
    return pair_inertia + (1.0 - pair_inertia) * institutional


def update_cooperation(
    cooperation: np.ndarray,
    signals: dict,
    weights: dict,
    inertia: np.ndarray,
    shared: np.ndarray,
    interdependence: np.ndarray,
    noise: np.ndarray,
    params: ModelParameters,
    contributions: np.ndarray | None = None,
) -> np.ndarray:
    """One quarter of partial adjustment of every directed relation toward its target,
    a falling relation damped by interdependence, then noise, clipped; zero diagonal.

    With ``contributions (R, N, N, V, K)`` given (K = len(CONTRIBUTIONS)), each term's
    share of the change is written there, in :data:`CONTRIBUTIONS` order (the ``shock``
    column is the caller's, left untouched): the terms sum to the change exactly."""
    gamma = adjustment_persistence(inertia, shared, params)
    weight = sum(np.broadcast_to(weights[d], cooperation.shape) for d in DRIVERS)
    safe = np.where(weight > 0, weight, 1.0)
    pull = (1.0 - gamma) / safe * (weight > 0)
    drive = pull * sum(weights[d] * signals[d] for d in DRIVERS) - (1.0 - gamma) * cooperation
    # Interdependence is a safety net: a falling relation falls less (Keohane and Nye
    # 1977; Russett and Oneal 2001), in proportion to the pair's economic ties.
    damping = params.interdependence_damping * interdependence[..., None]
    factor = np.where(drive < 0.0, 1.0 - damping, 1.0)
    moved = cooperation + factor * drive + params.noise_sd * noise
    updated = np.clip(moved, -1.0, 1.0)
    n = cooperation.shape[1]
    updated[:, np.arange(n), np.arange(n), :] = 0.0
    if contributions is not None:
        for k, d in enumerate(DRIVERS):
            contributions[..., k] = pull * weights[d] * signals[d]
        terms = {name: len(DRIVERS) + k for k, name in enumerate(ADJUSTMENT_TERMS)}
        contributions[..., terms["inertia"]] = -(1.0 - gamma) * cooperation
        contributions[..., terms["damping"]] = (factor - 1.0) * drive
        contributions[..., terms["noise"]] = params.noise_sd * noise
        contributions[..., terms["clip"]] = updated - moved
        contributions[:, np.arange(n), np.arange(n)] = 0.0
    return updated


def alliance_flags(cooperation: np.ndarray, threshold: float) -> np.ndarray:
    """A comprehensive strategic alliance: cooperation above ``threshold`` on all four
    variables at once (brief §5; Xu 2008 II.ii). ``(R, N, N, V) -> (R, N, N)`` bool."""
    return (cooperation > threshold).all(axis=-1)
