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
The search runs the quarter step's own relation chain (:mod:`bargainsim.model.relation_step`),
and a search that does not settle within its iteration limit is an error, not a start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargainsim.errors import EquilibriumError
from bargainsim.model.relation_step import RelationDrivers, relation_drivers, relation_step
from bargainsim.model.relations import adjustment_persistence

TOLERANCE = 1e-10
# Passes always allowed; more are allowed to relations that adjust slowly, up to the cap.
MAX_ITERATIONS = 2000
ITERATION_CAP = 20_000


@dataclass(frozen=True)
class Equilibrium:
    """The fixed point: ``cooperation (1, N, N, V)`` and the expected posture signals
    ``signal (1, N, N)`` that sustain it, reached after ``iterations`` passes."""

    cooperation: np.ndarray
    signal: np.ndarray
    iterations: int


# Arrays every run shares; the others get a run axis of one.
SHARED_ARRAYS = ("issue_variable", "proximity", "institution_variables")


def start_drivers(params, **arrays: np.ndarray):
    """The relation drivers of the start-of-window arrays (the keyword arguments of
    :func:`~bargainsim.model.relation_step.relation_drivers`, without a run axis)."""

    def one(name: str, array: np.ndarray) -> np.ndarray:
        if name in SHARED_ARRAYS:
            return array
        array = np.asarray(array)
        return (array if array.dtype == bool else array.astype(float, copy=False))[None]

    return relation_drivers(
        **{name: one(name, array) for name, array in arrays.items()}, params=params
    )


def slowest_persistence(drivers: RelationDrivers, given_mask: np.ndarray, params) -> float:
    """The largest share γ < 1 of a relation kept per pass among the searched entries
    (0 if none): it sets how many passes the search needs."""
    gamma = adjustment_persistence(drivers.inertia, drivers.shared, params)[0]
    n = gamma.shape[0]
    searched = ~given_mask & ~np.eye(n, dtype=bool)[:, :, None] & (gamma < 1.0)
    return float(gamma[searched].max()) if searched.any() else 0.0


def iteration_limit(persistence: float) -> int:
    """Twice the passes in which partial adjustment at ``persistence`` closes all but
    ``TOLERANCE`` of a unit gap, within ``[MAX_ITERATIONS, ITERATION_CAP]``."""
    needed = math.log(TOLERANCE) / math.log(persistence) if persistence > 0 else 0.0
    return min(ITERATION_CAP, max(MAX_ITERATIONS, math.ceil(2 * needed)))


def search_equilibrium(
    drivers: RelationDrivers,
    given: np.ndarray,
    given_mask: np.ndarray,
    params,
    *,
    scenario_id: str = "scenario",
    actor_ids: Sequence[str] = (),
    max_iterations: int | None = None,
) -> Equilibrium:
    """Iterate the relation chain with expected postures and no noise to its fixed point;
    entries where ``given_mask`` is true are held at ``given``. Raises
    :class:`EquilibriumError` naming the dyads still moving after ``max_iterations``
    (by default :func:`iteration_limit` of the slowest relation)."""
    persistence = slowest_persistence(drivers, given_mask, params)
    limit = iteration_limit(persistence) if max_iterations is None else max_iterations
    cooperation = np.where(given_mask, given, 0.0)[None]
    signal = np.zeros(drivers.power.shape + drivers.power.shape[-1:])
    change = np.zeros_like(cooperation)
    for iteration in range(1, limit + 1):
        step = relation_step(cooperation, signal, drivers, params)
        updated = np.where(given_mask[None], given[None], step.cooperation)
        change = np.abs(updated - cooperation)
        cooperation, signal = updated, step.signal
        if change.max() < TOLERANCE:
            return Equilibrium(cooperation, signal, iteration)
    moving = change[0].max(axis=-1)
    names = list(actor_ids) or [str(k) for k in range(moving.shape[0])]
    pairs = ", ".join(
        f"{names[i]}-{names[j]} ({moving[i, j]:.2g})"
        for i, j in zip(*np.nonzero(np.triu(moving >= TOLERANCE, k=1)), strict=True)
    )
    raise EquilibriumError(
        f"{scenario_id}: the start relations did not settle within {limit} iterations "
        f"(tolerance {TOLERANCE:g}; the slowest relation keeps {persistence:.6g} of itself "
        f"each quarter); still moving, with their last change: {pairs}"
    )


def start_offset(
    found: Equilibrium, drivers: RelationDrivers, given_mask: np.ndarray, params
) -> np.ndarray:
    """``(N, N, V)``: the constant term that makes each listed start relation a steady
    state of its start drivers, ``start_offset_weight · (c₀ − target(c₀))`` where
    ``given_mask`` is true, zero elsewhere (the searched relations are steady already).

    A scenario's listed relations describe the start as its paper saw it; the drivers
    explain part of that level, and the rest — history, the leaders' rapport, whatever the
    model leaves out — is kept as the dyad's own constant, as a dyad fixed effect keeps it
    in a panel regression (Green, Kim and Yoon 2001). Without it a listed relation relaxes
    toward the drivers' level in the first years whatever the scenario encodes."""
    step = relation_step(found.cooperation, found.signal, drivers, params)
    gap = found.cooperation[0] - step.target[0]
    n = gap.shape[0]
    listed = given_mask & ~np.eye(n, dtype=bool)[:, :, None]
    return np.where(listed, params.start_offset_weight * gap, 0.0)
