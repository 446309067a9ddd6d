"""Relation update per dyad and variable: pure functions over arrays with a leading run
axis ``R``. Cooperation ``c[r, i, j, v]`` is symmetric and stays in [-1, 1].

Each quarter the relation moves part of the way toward a target set by its drivers
(partial adjustment, the standard form of an action-reaction process with memory;
Richardson 1960; Goldstein 1991 on reciprocity in great-power relations). The target is
the weighted mean of the signals of the drivers that bear on the variable, each signal in
[-1, 1], so that no number of concurring drivers pushes a relation past what they say:

    signal              weight   applies to
    align_ijv           a_A      variables on which the pair has a joint stake
    recip_ij            a_R      all
    min(shared_ijv,2)/2 a_I      all
    e_ij                a_E      economics
    common_ij           a_C      military, geopolitics
    -mutual_ij          a_T      military, geopolitics
    1 - 2|reg_i-reg_j|  a_G      domestic
    target_ijv = Σ weight·signal / Σ weight
    γ_ijv      = g + (1 - g)·k_I·[shared_ijv > 0],  g = (inertia_i + inertia_j) / 2
    c'         = clip(γ·c + (1 - γ)·target + σ·ε, -1, 1)
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


def relation_target(
    *,
    alignment: np.ndarray,
    stake: np.ndarray,
    reciprocity: np.ndarray,
    shared: np.ndarray,
    interdependence: np.ndarray,
    threat: np.ndarray,
    common: np.ndarray,
    regime: np.ndarray,
    params: ModelParameters,
) -> np.ndarray:
    """The level each dyad's cooperation on each variable tends to, ``(R, N, N, V)`` in
    [-1, 1]: the weighted mean of the driver signals that bear on that variable (module
    docstring). ``reciprocity (R, N, N)`` is the mean of both sides' posture signals;
    ``threat`` is i's threat from j (made mutual here); ``common`` the common-threat
    matrix; ``stake`` the pair's joint stake in the variable's issues (no stake, no
    alignment term)."""
    has_issues = (stake > 0).astype(float)
    weight = params.alignment_weight * has_issues
    total = params.alignment_weight * alignment * has_issues
    weight = weight + params.reciprocity_weight
    total = total + params.reciprocity_weight * reciprocity[..., None]
    weight = weight + params.institution_weight
    total = total + params.institution_weight * np.minimum(shared, 2.0) / 2.0
    weight[..., ECONOMICS] += params.interdependence_weight
    total[..., ECONOMICS] += params.interdependence_weight * interdependence
    mutual = 0.5 * (threat + np.swapaxes(threat, -1, -2))
    security = params.common_threat_weight * common - params.threat_weight * mutual
    for variable in (MILITARY, GEOPOLITICS):
        weight[..., variable] += params.common_threat_weight + params.threat_weight
        total[..., variable] += security
    similarity = 1.0 - 2.0 * np.abs(regime[:, :, None] - regime[:, None, :])
    weight[..., DOMESTIC] += params.regime_similarity_weight
    total[..., DOMESTIC] += params.regime_similarity_weight * similarity
    # With every weight set to zero nothing drives the relation: it tends to indifference.
    return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)


def adjustment_persistence(
    inertia: np.ndarray, shared: np.ndarray, params: ModelParameters
) -> np.ndarray:
    """``γ (R, N, N, V)``: the share of a relation kept from one quarter to the next
    (module docstring); ``inertia (R, N)``, ``shared (R, N, N, V)``."""
    pair_inertia = 0.5 * (inertia[:, :, None] + inertia[:, None, :])[..., None]
    institutional = params.institution_inertia * (shared > 0)
    return pair_inertia + (1.0 - pair_inertia) * institutional


def update_cooperation(
    cooperation: np.ndarray,
    target: np.ndarray,
    inertia: np.ndarray,
    shared: np.ndarray,
    noise: np.ndarray,
    params: ModelParameters,
) -> np.ndarray:
    """One quarter of partial adjustment toward ``target``, with noise, clipped.

    ``noise (R, N, N, V)`` must be symmetric (the caller symmetrises the pre-drawn
    normals); the result is symmetric with a zero diagonal.
    """
    gamma = adjustment_persistence(inertia, shared, params)
    updated = gamma * cooperation + (1.0 - gamma) * target
    updated = updated + params.noise_sd * noise
    np.clip(updated, -1.0, 1.0, out=updated)
    n = cooperation.shape[1]
    updated[:, np.arange(n), np.arange(n), :] = 0.0
    return updated


def alliance_flags(cooperation: np.ndarray, threshold: float) -> np.ndarray:
    """A comprehensive strategic alliance: cooperation above ``threshold`` on all four
    variables at once (brief §5; Xu 2008 II.ii). ``(R, N, N, V) -> (R, N, N)`` bool."""
    return (cooperation > threshold).all(axis=-1)
