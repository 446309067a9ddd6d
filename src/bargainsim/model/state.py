"""The mutable state of R runs, and each run's randomness drawn up front.

All of a run's random numbers come from ``numpy.random.default_rng(seed)`` (PCG64 over
``SeedSequence(seed)``), drawn once, in a fixed order, before step 0. A run therefore gives
the same numbers whether it is advanced alone (the Mesa model) or among any number of other
runs (the vectorised ensemble), on any backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bargainsim.model.compiled import CompiledScenario
from bargainsim.vocabulary import N_VARIABLES, IssueStatus, Posture


@dataclass
class RunDraws:
    """Pre-drawn randomness for R runs: ``relation_noise (R, Q, N(N-1), V)`` standard
    normals, one per directed pair (i ≠ j, row-major),
    ``posture_uniform (R, Q, N, N)`` and ``event_uniform (R, Q, E)`` uniforms on [0, 1)."""

    relation_noise: np.ndarray
    posture_uniform: np.ndarray
    event_uniform: np.ndarray

    @classmethod
    def for_seeds(cls, compiled: CompiledScenario, seeds) -> RunDraws:
        generators = [np.random.default_rng(int(seed)) for seed in seeds]
        return cls.from_generators(compiled, generators)

    @classmethod
    def from_generators(cls, compiled: CompiledScenario, generators) -> RunDraws:
        q, n = compiled.n_quarters, compiled.n_actors
        p, e = len(compiled.dyads), len(compiled.events)
        p = n * (n - 1)
        noise = np.empty((len(generators), q, p, N_VARIABLES))
        posture = np.empty((len(generators), q, n, n))
        events = np.empty((len(generators), q, e))
        for r, generator in enumerate(generators):
            # The order of these three draws is part of the reproducibility contract. Drawn
            # straight into the run's block (the same numbers as drawn and copied there).
            generator.standard_normal(out=noise[r])
            generator.random(out=posture[r])
            generator.random(out=events[r])
        return cls(noise, posture, events)


@dataclass
class EnsembleState:
    """The state of R runs at one moment; every array has the run axis first."""

    position: np.ndarray  # (R, N, D) on [0, 1]: bargaining stance
    ideal: np.ndarray  # (R, N, D) on [0, 1]: interest, moved only by events
    salience: np.ndarray  # (R, N, D) on [0, 1]
    gdp: np.ndarray  # (R, N)
    military: np.ndarray  # (R, N)
    nuclear: np.ndarray  # (R, N)
    preferences: np.ndarray  # (R, N, V)
    membership: np.ndarray  # (R, N, I) bool
    interdependence: np.ndarray  # (R, N, N)
    cooperation: np.ndarray  # (R, N, N, V)
    postures: np.ndarray  # (R, N, N) int8, i's posture toward j
    spread: np.ndarray  # (R, D) on 0-100
    status: np.ndarray  # (R, D) int8 IssueStatus
    threat: np.ndarray  # (R, N, N)
    win_probability: np.ndarray  # (R, N), of the positions bargained over last quarter
    fired: np.ndarray  # (R, E) bool: event has fired at least once
    shock_total: np.ndarray = field(default=None)  # (R, N, N, V) sum of direct shocks
    intent: np.ndarray = field(default=None)  # (R, N, N) i's belief in j's hostile intent
    intent_prior: np.ndarray = field(default=None)  # (R, N, N) the belief it drifts back to
    sanctions: np.ndarray = field(default=None)  # (R, N, N, V) severity of i's measures on j
    sanction_until: np.ndarray = field(default=None)  # (R, N, N) last step in force, -1
    # Capability events scale an actor's series from the quarter they fire on.
    gdp_factor: np.ndarray = field(default=None)  # (R, N)
    military_factor: np.ndarray = field(default=None)  # (R, N)
    issue_open: np.ndarray = field(default=None)  # (R, D) bool: on the agenda
    dormant_salience: np.ndarray = field(default=None)  # (R, N, D) brought when it (re)opens
    proximity: np.ndarray = field(default=None)  # (R, N, N) symmetric
    deployed: np.ndarray = field(default=None)  # (R, N, N) i's offensive capability near j
    deployed_until: np.ndarray = field(default=None)  # (R, N, N) last step in place, -1
    # One-off hostile evidence of i toward j gathered this quarter, consumed by its belief
    # update (continuing acts such as sanctions and deployments count from their arrays).
    hostile_evidence: np.ndarray = field(default=None)  # (R, N, N)
    treaty_signed: np.ndarray = field(default=None)  # (R, T) bool

    @classmethod
    def initial(cls, compiled: CompiledScenario, n_runs: int) -> EnsembleState:
        def tile(array: np.ndarray) -> np.ndarray:
            return np.broadcast_to(array, (n_runs, *array.shape)).copy()

        n, d = compiled.n_actors, len(compiled.issue_ids)
        from bargainsim.model.issues import issue_spread
        from bargainsim.model.threat import (
            composite_view,
            offensive_capability,
            power_share,
            prior_intent,
            threat_matrix,
        )

        view = composite_view(compiled.cooperation[None], compiled.preferences[None])[0]
        prior = prior_intent(view)
        np.fill_diagonal(prior, 0.0)
        # The threat felt at the start, so that the first quarter's bargaining sees it.
        start_threat = threat_matrix(
            power_share(compiled.gdp[None], compiled.military[None]),
            offensive_capability(
                compiled.military[None],
                compiled.nuclear[None],
                compiled.parameters.nuclear_offense_weight,
            ),
            compiled.proximity,
            prior[None],
        )[0]
        position = tile(compiled.position)
        salience = tile(compiled.salience)
        spread = issue_spread(position, salience, compiled.parameters.party_salience)
        return cls(
            position=position,
            ideal=tile(compiled.position),
            salience=salience,
            gdp=tile(compiled.gdp),
            military=tile(compiled.military),
            nuclear=tile(compiled.nuclear),
            preferences=tile(compiled.preferences),
            membership=tile(compiled.membership),
            interdependence=tile(compiled.interdependence),
            cooperation=tile(compiled.cooperation),
            # Before the first quarter nobody has signalled anything: hedging is neutral.
            postures=np.full((n_runs, n, n), Posture.HEDGE, dtype=np.int8),
            spread=spread,
            status=np.full((n_runs, d), IssueStatus.OPEN, dtype=np.int8),
            threat=tile(start_threat),
            win_probability=np.zeros((n_runs, n)),
            fired=np.zeros((n_runs, len(compiled.events)), dtype=bool),
            shock_total=np.zeros((n_runs, n, n, N_VARIABLES)),
            intent=tile(prior),
            intent_prior=tile(prior),
            sanctions=np.zeros((n_runs, n, n, N_VARIABLES)),
            sanction_until=np.full((n_runs, n, n), -1, dtype=np.int64),
            gdp_factor=np.ones((n_runs, n)),
            military_factor=np.ones((n_runs, n)),
            issue_open=tile(compiled.issue_open),
            dormant_salience=tile(compiled.declared_salience),
            proximity=tile(compiled.proximity),
            deployed=np.zeros((n_runs, n, n)),
            deployed_until=np.full((n_runs, n, n), -1, dtype=np.int64),
            hostile_evidence=np.zeros((n_runs, n, n)),
            treaty_signed=np.zeros((n_runs, len(compiled.treaty_ids)), dtype=bool),
        )
