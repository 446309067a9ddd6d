"""The relation chain of one quarter: threat → posture choice → relation update → learned
intent.

The quarter step (:mod:`bargainsim.model.step`) samples each posture from its logit
probabilities; the start-state search (:mod:`bargainsim.model.equilibrium`) uses the
expected signal ``Pr[cooperate] - Pr[balance]`` instead. Both run this one function, so
the start relations are a fixed point of the very update the quarters then apply, not of
a copy of it that could drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.model.postures import (
    POSTURE_SIGNAL,
    choice_probabilities,
    choose_postures,
    posture_utilities,
)
from bargainsim.model.relations import (
    driver_terms,
    issue_alignment,
    relation_sums,
    shared_institutions,
    update_cooperation,
    variables_last,
    weighted_mean,
)
from bargainsim.model.threat import (
    bandwagoning,
    composite_view,
    offensive_capability,
    power_share,
    prior_intent,
    split_threat,
    third_party_terms,
    threat_matrix,
    update_intent,
)
from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import N_VARIABLES, Posture


@dataclass(frozen=True)
class RelationDrivers:
    """Everything the relation chain reads besides the relations and the last signals,
    each array with the run axis first. An array that holds the same values in every run
    has a run axis of one (:func:`same_in_every_run`): what only depends on it is then
    worked out once, not once per run, and broadcast."""

    power: np.ndarray  # (R, N) aggregate power share
    offense: np.ndarray  # (R, N) offensive capability
    proximity: np.ndarray  # (N, N), or (R, N, N) once events have moved it
    preferences: np.ndarray  # (R, N, V)
    rationality: np.ndarray  # (R, N) logit λ
    inertia: np.ndarray  # (R, N)
    regime: np.ndarray  # (R, N)
    alignment: np.ndarray  # (R, N, N, V)
    stake: np.ndarray  # (R, N, N, V)
    shared: np.ndarray  # (R, N, N, V) shared institutions
    interdependence: np.ndarray  # (R, N, N)


def same_in_every_run(array: np.ndarray) -> np.ndarray:
    """``array[:1]`` when every run (the first axis) holds the same values, bit for bit;
    otherwise ``array``. Elementwise arithmetic on the one run, broadcast, gives exactly
    the numbers it gives run by run."""
    array = np.asarray(array)
    if array.ndim == 0 or array.shape[0] <= 1:
        return array
    rows = np.ascontiguousarray(array).reshape(array.shape[0], -1).view(np.uint8)
    return array[:1] if (rows == rows[:1]).all() else array


def _per_actor(trait: np.ndarray) -> np.ndarray:
    """A per-actor trait given as ``(N,)`` or ``(R, N)``, with a run axis."""
    trait = np.asarray(trait)
    return same_in_every_run(trait[None] if trait.ndim == 1 else trait)


def relation_drivers(
    *,
    position: np.ndarray,
    salience: np.ndarray,
    issue_variable: np.ndarray,
    gdp: np.ndarray,
    military: np.ndarray,
    nuclear: np.ndarray,
    preferences: np.ndarray,
    rationality: np.ndarray,
    inertia: np.ndarray,
    regime: np.ndarray,
    proximity: np.ndarray,
    membership: np.ndarray,
    institution_variables: np.ndarray,
    interdependence: np.ndarray,
    params: ModelParameters,
    treaties: np.ndarray | None = None,
) -> RelationDrivers:
    """The drivers from state arrays with the run axis first; per-actor traits may be
    given without it (``(N,)``, the same in every run). ``treaties (R, N, N, V)`` are the
    shared institutions treaties amount to, added to the institutions' count."""
    alignment, stake = issue_alignment(
        position, same_in_every_run(salience), issue_variable, N_VARIABLES
    )
    shared = shared_institutions(same_in_every_run(membership), institution_variables)
    offense = offensive_capability(military, nuclear, params.nuclear_offense_weight)
    return RelationDrivers(
        power=same_in_every_run(power_share(gdp, military)),
        offense=same_in_every_run(offense),
        proximity=proximity if np.ndim(proximity) == 2 else same_in_every_run(proximity),
        preferences=preferences,
        rationality=_per_actor(rationality),
        inertia=_per_actor(inertia),
        regime=_per_actor(regime),
        alignment=alignment,
        stake=stake,
        shared=shared if treaties is None else same_in_every_run(shared + treaties),
        interdependence=same_in_every_run(interdependence),
    )


@dataclass(frozen=True)
class RelationStep:
    """One pass of the chain. ``signal[r, i, j]`` is what i now sends j (+1 cooperate,
    0 hedge, -1 balance, or its expectation); ``postures`` is ``None`` when expected."""

    threat: np.ndarray  # (R, N, N) i's threat from j
    intent: np.ndarray  # (R, N, N) i's belief in j's hostile intent, after this quarter
    probabilities: np.ndarray  # (R, N, N, 3) in Posture order
    postures: np.ndarray | None  # (R, N, N) int8
    signal: np.ndarray  # (R, N, N)
    target: np.ndarray  # (R, N, N, V)
    cooperation: np.ndarray  # (R, N, N, V) after the update


def relation_step(
    cooperation: np.ndarray,
    signal: np.ndarray,
    drivers: RelationDrivers,
    params: ModelParameters,
    *,
    intent: np.ndarray | None = None,
    prior: np.ndarray | None = None,
    sanctions: np.ndarray | None = None,
    deployed: np.ndarray | None = None,
    evidence: np.ndarray | None = None,
    posture_uniform: np.ndarray | None = None,
    noise: np.ndarray | None = None,
    contributions: np.ndarray | None = None,
    offset: np.ndarray | None = None,
) -> RelationStep:
    """Threat, postures, learned intent and the relation update from directed
    ``cooperation (R, N, N, V)`` and last quarter's signals ``signal (R, N, N)`` (i toward
    j; each side replies to the other's).

    ``intent``/``prior (R, N, N)`` are the beliefs in hostile intent and their priors; left
    out (the start-state search), the belief is the prior read from the current views and
    nothing is learned. ``sanctions[r, i, j, v]`` is the severity of i's measures against j
    on variable v in force this quarter; ``deployed[r, i, j]`` the offensive capability i
    has deployed near j, which adds to its offense toward j; ``evidence[r, i, j]`` further
    hostile evidence of i toward j this quarter (deployments, a bloc's enlargement). With
    ``posture_uniform (R, N, N)`` postures are
    sampled, otherwise their expected signal is used; ``noise (R, N, N, V)`` defaults to none;
    ``contributions`` (see :func:`update_cooperation`) is filled when given; ``offset``
    is each relation's constant term (:func:`update_cooperation`)."""
    view = composite_view(cooperation, drivers.preferences)
    learning = intent is not None
    if not learning:
        intent = prior = prior_intent(view)
    if sanctions is None:
        sanctions = np.zeros(cooperation.shape)
    threat = threat_matrix(drivers.power, drivers.offense, drivers.proximity, intent, deployed)
    share = None
    if params.bandwagoning_weight > 0.0:
        share = params.bandwagoning_weight * bandwagoning(
            drivers.offense, drivers.proximity, view, deployed
        )
    balanced, toward = split_threat(threat, share)
    # The posture answers the threat net of what i bandwagons: a threat it bandwagons
    # with more than it balances draws it toward j.
    utilities = posture_utilities(
        view,
        np.swapaxes(signal, -1, -2),
        balanced - toward,
        drivers.power,
        reciprocity_weight=params.posture_reciprocity_weight,
        threat_weight=params.posture_threat_weight,
        hedge_value=params.hedge_value,
    )
    probabilities = choice_probabilities(utilities, drivers.rationality)
    if posture_uniform is None:
        postures = None
        sent = probabilities[..., Posture.COOPERATE] - probabilities[..., Posture.BALANCE]
    else:
        postures = choose_postures(probabilities, posture_uniform)
        sent = POSTURE_SIGNAL[postures]
    common, balance = third_party_terms(balanced, view)
    signals, weights = driver_terms(
        cooperation=cooperation,
        alignment=drivers.alignment,
        stake=drivers.stake,
        shared=drivers.shared,
        interdependence=drivers.interdependence,
        sanctions=sanctions,
        threat=balanced,
        bandwagon=toward,
        intent=intent,
        common=common,
        balance=balance,
        regime=drivers.regime,
        params=params,
    )
    if noise is None:
        noise = np.zeros_like(cooperation)
    sums = relation_sums(signals, weights, cooperation.shape)
    updated = update_cooperation(
        cooperation,
        signals,
        weights,
        drivers.inertia,
        drivers.shared,
        drivers.interdependence,
        noise,
        params,
        contributions,
        sums=sums,
        offset=offset,
    )
    if learning:
        strongest = sanctions[..., 0]
        for v in range(1, sanctions.shape[-1]):
            strongest = np.maximum(strongest, sanctions[..., v])
        hostile_acts = -sent + params.sanction_evidence * strongest
        if evidence is not None:
            hostile_acts = hostile_acts + evidence
        intent = update_intent(
            intent,
            prior,
            hostile_acts,
            learning=params.intent_learning,
            forgetting=params.intent_forgetting,
        )
    target = variables_last(weighted_mean(*sums))
    if offset is not None:
        target = target + offset
    return RelationStep(threat, intent, probabilities, postures, sent, target, updated)
