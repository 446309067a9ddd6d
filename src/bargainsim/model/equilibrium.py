"""The start of a run: relations in equilibrium with the drivers at the window's start.

A scenario's claims are about change over its window. If the first quarter began from
relations far from what the start-of-window drivers sustain, the early trajectory would be
the relaxation of that gap, not the effect of anything the scenario encodes. So, as in the
spin-up of any dynamical simulation, step 0 is the model's own steady state for the
drivers as they stand at the start (issue stances, capabilities, institutions,
interdependence), found deterministically: postures enter through their expected signal
``Pr[cooperate] - Pr[balance]`` under the logit choice, noise is zero, and the partial
adjustment of ``model/relations.py`` is iterated to its fixed point. Dyads the scenario
gives under ``initial_cooperation`` keep those values (held fixed during the search).
"""

from __future__ import annotations

import numpy as np

from bargainsim.model.postures import choice_probabilities, posture_utilities
from bargainsim.model.relations import (
    issue_alignment,
    relation_target,
    shared_institutions,
    update_cooperation,
)
from bargainsim.model.threat import (
    common_threat,
    composite_view,
    offensive_capability,
    power_share,
    threat_matrix,
)
from bargainsim.vocabulary import N_VARIABLES, Posture

TOLERANCE = 1e-10
MAX_ITERATIONS = 2000


def expected_posture_signal(view, threat, power, rationality, reply, params) -> np.ndarray:
    """``Pr[cooperate] - Pr[balance]`` of i toward j given j's expected signal ``reply``."""
    utilities = posture_utilities(
        view,
        np.swapaxes(reply, -1, -2),
        threat,
        power,
        reciprocity_weight=params.posture_reciprocity_weight,
        threat_weight=params.posture_threat_weight,
        hedge_value=params.hedge_value,
    )
    probabilities = choice_probabilities(utilities, rationality)
    return probabilities[..., Posture.COOPERATE] - probabilities[..., Posture.BALANCE]


def equilibrium_cooperation(
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
    given: np.ndarray,
    given_mask: np.ndarray,
    params,
) -> np.ndarray:
    """The fixed point ``(N, N, V)`` of the relation update at the start-of-window drivers;
    entries where ``given_mask`` is true are held at ``given``."""
    one = lambda array: np.asarray(array, dtype=float)[None]  # noqa: E731 - local adapter
    power = power_share(one(gdp), one(military))
    offense = offensive_capability(one(military), one(nuclear), params.nuclear_offense_weight)
    alignment, stake = issue_alignment(one(position), one(salience), issue_variable, N_VARIABLES)
    shared = shared_institutions(membership[None], institution_variables)
    weights = one(preferences)
    lam = one(rationality)
    cooperation = np.where(given_mask, given, 0.0)[None]
    reply = np.zeros(power.shape + power.shape[-1:])
    for _ in range(MAX_ITERATIONS):
        view = composite_view(cooperation, weights)
        threat = threat_matrix(power, offense, proximity, view)
        reply = expected_posture_signal(view, threat, power, lam, reply, params)
        target = relation_target(
            alignment=alignment,
            stake=stake,
            reciprocity=0.5 * (reply + np.swapaxes(reply, -1, -2)),
            shared=shared,
            interdependence=one(interdependence),
            threat=threat,
            common=common_threat(threat),
            regime=one(regime),
            params=params,
        )
        updated = update_cooperation(
            cooperation, target, one(inertia), shared, np.zeros_like(cooperation), params
        )
        updated = np.where(given_mask[None], given[None], updated)
        change = np.abs(updated - cooperation).max()
        cooperation = updated
        if change < TOLERANCE:
            break
    return cooperation[0]
