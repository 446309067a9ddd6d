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
    threat              -T_ij·(1 - b_ij)  (i's threat from j, balanced)  military, geo.
    bandwagoning        +T_ij·b_ij  (the share turned toward j; threat's weight)  mil., geo.
    intent              1 - 2·h_ij  (i's belief in j's hostile intent)   military, geopolitics
    common_threat       Σ_k T'_ik·opp_jk  (enemy of my enemy)  military, geopolitics
    structural_balance  -Σ_k T'_ik·max(0, view_jk)  (friend of my enemy)  military, geo.
    regime              1 - 2|reg_i - reg_j|                  domestic

    T' = T·(1 - b), the threat balanced (b: bandwagoning, threat.bandwagoning)
    Δ = (1-γ)·(target - c),   damped by (1 - λ_E·e_ij) when negative
    c' = clip(c + Δ + σ·ε, -1, 1)

The reciprocity signal's steepness ``g`` makes the update an action-reaction process with
two stable regimes where the reciprocity share ω of the weights satisfies ``ω·g > 1``
(for a pair: ω_ij·g · ω_ji·g > 1, the analogue of Richardson's k_ij·k_ji > m_i·m_j).

Layout. The arrays are indexed ``[r, i, j, v]``, but the update works on them variable
by variable (:func:`variables_first`): a per-pair term such as the threat then applies
to each variable's block as one contiguous operation, which numpy does many times
faster than broadcasting it over a trailing axis of four. Every operation and every
sum is the same, in the same order, so the numbers do not depend on the layout.
"""

from __future__ import annotations

import numpy as np

from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import Variable

MILITARY, GEOPOLITICS, ECONOMICS, DOMESTIC = (v.index for v in Variable)


# The axis orders of those two views, by number of dimensions: ``transpose`` with a
# ready tuple is the same view as ``np.moveaxis`` at a small fraction of its cost, which
# matters in the start-state search (hundreds of passes, dozens of calls each).
_LAST_FIRST = {n: (n - 1, *range(n - 1)) for n in range(2, 8)}
_FIRST_LAST = {n: (*range(1, n), 0) for n in range(2, 8)}


def variables_first(array: np.ndarray) -> np.ndarray:
    """``(…, V)`` → ``(V, …)``, each variable's values in one contiguous block (free for
    an array that is a :func:`variables_last` view already); a 1-D array of per-variable
    constants becomes ``(V, 1, 1, 1)``, to broadcast against ``(V, R, N, N)``."""
    array = np.asarray(array)
    if array.ndim == 1:
        return array.reshape(-1, 1, 1, 1)
    return np.ascontiguousarray(array.transpose(_LAST_FIRST[array.ndim]))


def variables_last(array: np.ndarray) -> np.ndarray:
    """The ``(…, V)`` view of a ``(V, …)`` array."""
    return array.transpose(_FIRST_LAST[array.ndim])


def issue_alignment(
    position: np.ndarray, salience: np.ndarray, issue_variable: np.ndarray, n_variables: int
) -> tuple[np.ndarray, np.ndarray]:
    """Alignment of each pair on each variable's issues, and whether they share any.

    On issue d the pair's agreement is ``1 - 2|x_id - x_jd|`` (+1 same position, -1 the
    opposite ends), weighted by their joint stake ``sqrt(s_id·s_jd)`` (an issue one side
    does not care about does not divide them). ``position, salience (R, N, D)`` →
    ``alignment (R, N, N, V)`` in [-1, 1] and ``stake (R, N, N, V)`` ≥ 0. ``salience``
    may have a run axis of one (the same in every run); ``stake`` then has one too.
    """
    n_runs, n_actors, n_issues = position.shape
    salience_runs = salience.shape[0]
    stake = np.zeros((n_variables, salience_runs, n_actors, n_actors))
    weighted = np.zeros((n_variables, n_runs, n_actors, n_actors))
    agreement = np.empty((n_runs, n_actors, n_actors))
    # One issue at a time, added into its variable: cheaper than a one-hot contraction and
    # the same sum, in issue order, at any number of runs.
    for d in range(n_issues):
        v = issue_variable[d]
        x, s = position[:, :, d], salience[:, :, d]
        joint = np.sqrt(s[:, :, None] * s[:, None, :])
        np.subtract(x[:, :, None], x[:, None, :], out=agreement)
        np.abs(agreement, out=agreement)
        agreement *= 2.0
        np.subtract(1.0, agreement, out=agreement)
        stake[v] += joint
        agreement *= joint
        weighted[v] += agreement
    alignment = np.divide(weighted, stake, out=np.zeros_like(weighted), where=stake > 0)
    return variables_last(alignment), variables_last(stake)


def shared_institutions(membership: np.ndarray, institution_variables: np.ndarray) -> np.ndarray:
    """Number of institutions covering variable v that both i and j belong to.
    ``membership (R, N, I) bool, institution_variables (I, V) -> (R, N, N, V)``."""
    n_runs, n_actors, n_institutions = membership.shape
    shared = np.zeros((institution_variables.shape[1], n_runs, n_actors, n_actors))
    for k in range(n_institutions):
        both = membership[:, :, None, k] & membership[:, None, :, k]  # (R, N, N)
        for v in np.flatnonzero(institution_variables[k]):
            shared[v] += both
    return variables_last(shared)


# The drivers of a relation, in the order of the contribution table's columns.
DRIVERS = (
    "alignment",
    "reciprocity",
    "institutions",
    "interdependence",
    "sanctions",
    "threat",
    "bandwagoning",
    "intent",
    "common_threat",
    "structural_balance",
    "regime",
)
# Bandwagoning is the part of i's response to its threat from j that goes toward j
# (threat.bandwagoning): one response split in two, so its term adds to the weighted sum
# under the threat's weight but does not add that weight a second time.
SHARES_WEIGHT = frozenset({"bandwagoning"})
ADJUSTMENT_TERMS = ("start_offset", "inertia", "damping", "noise", "shock", "clip")
CONTRIBUTIONS = DRIVERS + ADJUSTMENT_TERMS


def reciprocity_signal(cooperation: np.ndarray, gain: float) -> np.ndarray:
    """``tanh(g·c[j→i, v])`` as i's signal toward j: i answers what j does to it, steeply
    near indifference and saturating at either end (action-reaction, Richardson 1960;
    the spiral model, Jervis 1976). ``(R, N, N, V)`` with ``[r, i, j, v]`` read from j→i."""
    by_variable = variables_first(cooperation)
    return variables_last(np.tanh(gain * np.swapaxes(by_variable, 2, 3)))


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
    bandwagon: np.ndarray | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each driver's signal in [-1, 1] and weight for i's cooperation toward j (module
    docstring), each broadcastable to ``(R, N, N, V)``: a per-pair signal has a trailing
    axis of one, a weight that only depends on the variable is a ``(V,)`` vector. A weight
    is zero where its driver does not bear on the variable (no stake, no sanction, not a
    security variable ...). ``threat`` and ``bandwagon`` are the shares of i's threat from
    j that i balances and that it bandwagons (:func:`~bargainsim.model.threat.split_threat`;
    without ``bandwagon`` it balances all of it)."""
    n_variables = cooperation.shape[-1]
    security = np.zeros(n_variables, dtype=bool)
    security[[MILITARY, GEOPOLITICS]] = True
    toward = 0.0 * threat if bandwagon is None else bandwagon
    only = {variable: np.arange(n_variables) == variable for variable in (ECONOMICS, DOMESTIC)}
    by_variable = variables_first(sanctions)
    sanctioned = variables_last(by_variable + np.swapaxes(by_variable, 2, 3))  # either side's
    similarity = 1.0 - 2.0 * np.abs(regime[:, :, None] - regime[:, None, :])

    def per_pair(values: np.ndarray) -> np.ndarray:
        return values[..., None]

    signals = {
        "alignment": alignment,
        "reciprocity": reciprocity_signal(cooperation, params.reaction_gain),
        # Each further shared institution closes half the remaining gap (docs/model.md §8).
        "institutions": 1.0 - 0.5**shared,
        "interdependence": per_pair(0.0 + interdependence),
        "sanctions": -np.minimum(sanctioned, 1.0),
        "threat": per_pair(0.0 - threat),
        "bandwagoning": per_pair(0.0 + toward),
        "intent": per_pair(0.0 + (1.0 - 2.0 * intent)),
        "common_threat": per_pair(0.0 + common),
        "structural_balance": per_pair(0.0 - balance),
        "regime": per_pair(0.0 + similarity),
    }
    weights = {
        "alignment": params.alignment_weight * (stake > 0),
        "reciprocity": np.full(n_variables, params.reciprocity_weight),
        "institutions": np.full(n_variables, params.institution_weight),
        "interdependence": params.interdependence_weight * only[ECONOMICS],
        "sanctions": params.sanction_weight * (sanctioned > 0),
        "threat": params.threat_weight * security,
        "bandwagoning": params.threat_weight * security,
        "intent": params.intent_weight * security,
        "common_threat": params.common_threat_weight * security,
        "structural_balance": params.structural_balance_weight * security,
        "regime": params.regime_similarity_weight * only[DOMESTIC],
    }
    return signals, weights


def relation_sums(signals: dict, weights: dict, shape: tuple) -> tuple[np.ndarray, np.ndarray]:
    """``(Σ_d w_d·x_d, Σ_d w_d)`` over the drivers, added in driver order, as
    ``(V, R, N, N)`` arrays (:func:`variables_first`); ``shape`` is ``(R, N, N, V)``."""
    by_variable = (shape[-1], *shape[:-1])
    total = np.zeros(by_variable)
    weight = np.zeros(by_variable)
    term = np.empty(by_variable)
    for driver in DRIVERS:
        driver_weight = variables_first(weights[driver])
        np.multiply(driver_weight, variables_first(signals[driver]), out=term)
        total += term
        if driver not in SHARES_WEIGHT:
            weight += driver_weight
    return total, weight


def weighted_mean(total: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``total / weight`` where some weight bears on the relation, else 0."""
    return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)


def relation_target(signals: dict, weights: dict, shape: tuple | None = None) -> np.ndarray:
    """The weighted mean of the driver signals, ``(R, N, N, V)`` in [-1, 1]; with every
    weight zero nothing drives the relation and it tends to indifference."""
    if shape is None:
        shape = np.broadcast_shapes(*(np.shape(x) for x in (*signals.values(), *weights.values())))
    return variables_last(weighted_mean(*relation_sums(signals, weights, shape)))


def adjustment_persistence(
    inertia: np.ndarray, shared: np.ndarray, params: ModelParameters
) -> np.ndarray:
    """``γ (R, N, N, V)``: the share of a relation kept from one quarter to the next
    (module docstring); ``inertia (R, N)``, ``shared (R, N, N, V)``."""
    pair_inertia = 0.5 * (inertia[:, :, None] + inertia[:, None, :])
    # A treaty signed but not in force counts as half an institution, here as in the signal.
    institutional = params.institution_inertia * np.minimum(variables_first(shared), 1.0)
    return variables_last(pair_inertia + (1.0 - pair_inertia) * institutional)


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
    sums: tuple[np.ndarray, np.ndarray] | None = None,
    offset: np.ndarray | None = None,
) -> np.ndarray:
    """One quarter of partial adjustment of every directed relation toward its target,
    a falling relation damped by interdependence, then noise, clipped; zero diagonal.
    ``sums`` are :func:`relation_sums` of the signals and weights, if the caller has them.
    ``offset (R or 1, N, N, V)`` is each relation's constant term, added to its target (a
    listed start relation's gap to what its start drivers sustain, docs/model.md §1.1).

    With ``contributions (R, N, N, V, K)`` given (K = len(CONTRIBUTIONS)), each term's
    share of the change is written there, in :data:`CONTRIBUTIONS` order (the ``shock``
    column is the caller's, left untouched): the terms sum to the change exactly."""
    total, weight = sums if sums is not None else relation_sums(signals, weights, cooperation.shape)
    current = variables_first(cooperation)
    keep = 1.0 - variables_first(adjustment_persistence(inertia, shared, params))
    driven = weight > 0
    safe = np.where(driven, weight, 1.0)
    pull = keep / safe * driven
    drive = pull * total - keep * current
    if offset is not None:
        constant = keep * variables_first(offset)
        drive = drive + constant
    # Interdependence is a safety net: a falling relation falls less (Keohane and Nye
    # 1977; Russett and Oneal 2001), in proportion to the pair's economic ties.
    damping = params.interdependence_damping * interdependence
    factor = np.where(drive < 0.0, 1.0 - damping, 1.0)
    moved = current + factor * drive + params.noise_sd * variables_first(noise)
    updated = np.clip(moved, -1.0, 1.0)
    n = cooperation.shape[1]
    updated[:, :, np.arange(n), np.arange(n)] = 0.0
    if contributions is not None:
        for k, d in enumerate(DRIVERS):
            part = pull * variables_first(weights[d]) * variables_first(signals[d])
            contributions[..., k] = variables_last(part)
        terms = {name: len(DRIVERS) + k for k, name in enumerate(ADJUSTMENT_TERMS)}
        contributions[..., terms["start_offset"]] = (
            0.0 if offset is None else variables_last(constant)
        )
        contributions[..., terms["inertia"]] = variables_last(-keep * current)
        contributions[..., terms["damping"]] = variables_last((factor - 1.0) * drive)
        contributions[..., terms["noise"]] = variables_last(
            params.noise_sd * variables_first(noise)
        )
        contributions[..., terms["clip"]] = variables_last(updated - moved)
        contributions[:, np.arange(n), np.arange(n)] = 0.0
    # The state keeps the run-first layout that the rest of the quarter reads.
    return np.ascontiguousarray(variables_last(updated))


def alliance_flags(cooperation: np.ndarray, threshold: float) -> np.ndarray:
    """A comprehensive strategic alliance: cooperation above ``threshold`` on all four
    variables at once (brief §5; Xu 2008 II.ii). ``(R, N, N, V) -> (R, N, N)`` bool."""
    above = cooperation > threshold
    return above[..., 0] & above[..., 1] & above[..., 2] & above[..., 3]
