"""A validated scenario turned into arrays: the only thing the simulation reads.

Index order: actors as listed in the scenario, issues as listed, variables in
:class:`~bargainsim.vocabulary.Variable` order, institutions as listed. Positions and
saliences are rescaled from the YAML's 0-100 to the engine's [0, 1] (KTAB's scaling).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from bargainsim.errors import Problem, ScenarioError
from bargainsim.model.capabilities import capability_series
from bargainsim.model.equilibrium import search_equilibrium, start_drivers, start_offset
from bargainsim.model.structure import compile_treaties
from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import VARIABLES, Variable

# Regime codes for the regime-similarity term: the ends of a democracy-autocracy scale
# with hybrid regimes half way (Polity-style ordinal coding).
REGIME_SCORE = {"democracy": 1.0, "hybrid": 0.5, "autocracy": 0.0}


@dataclass(frozen=True)
class CompiledScenario:
    """Everything a run needs, as numpy arrays and index maps. ``N`` actors, ``D`` issues,
    ``V`` = 4 variables, ``I`` institutions, ``P`` = N(N-1)/2 dyads, ``Q`` quarters."""

    scenario_id: str
    digest: str
    quarters: tuple[str, ...]  # the Q quarters simulated, in order
    baseline_quarter: str  # label of step 0: the state at the end of the quarter before
    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    institution_ids: tuple[str, ...]
    dyads: np.ndarray  # (P, 2) int, i < j
    position: np.ndarray  # (N, D) in [0, 1]: stances at the start, also the initial interests
    salience: np.ndarray  # (N, D) in [0, 1]; 0 on the issues closed at the start
    declared_salience: np.ndarray  # (N, D) as the issue files give them, closed or not
    issue_open: np.ndarray  # (D,) bool: on the agenda at the start
    issue_variable: np.ndarray  # (D,) int variable index of each issue
    gdp: np.ndarray  # (N,) US$ bn in the first quarter
    military: np.ndarray  # (N,) US$ bn in the first quarter
    gdp_series: np.ndarray  # (Q+1, N) US$ bn in force at each step (model/capabilities.py)
    military_series: np.ndarray  # (Q+1, N) US$ bn
    nuclear: np.ndarray  # (N,) float 0/1
    preferences: np.ndarray  # (N, V), rows sum to 1
    rationality: np.ndarray  # (N,)
    inertia: np.ndarray  # (N,)
    regime: np.ndarray  # (N,) in [0, 1]
    proximity: np.ndarray  # (N, N) symmetric, zero diagonal
    membership: np.ndarray  # (N, I) bool
    institution_variables: np.ndarray  # (I, V) bool
    interdependence: np.ndarray  # (N, N) symmetric in [0, 1]
    cooperation: np.ndarray  # (N, N, V) initial, symmetric
    parameters: ModelParameters
    events: tuple  # validated events, in scenario order
    event_step: tuple[int | None, ...]  # scheduled step of each event; None if conditional
    event_span: np.ndarray  # (E, 2) int: first and last step at which each may fire
    treaty_ids: tuple[str, ...]  # the ids of the treaty events, in scenario order
    treaty_parties: np.ndarray  # (T, N) bool
    treaty_variables: np.ndarray  # (T, V) bool
    treaty_steps: np.ndarray  # (T, 3) int: signed, in force (Q if not), last counted
    # Inputs only: no bargaining turn and no relation update, events still applied; a claim
    # that holds in such runs holds by input, not by the model (docs/claims.md).
    frozen_dynamics: bool = False
    # (N, N, V): each directed relation's constant term, the gap between a listed start
    # relation and the level its start drivers sustain (docs/model.md §1.1); zero where the
    # start was searched. None: no constant terms (a scenario assembled by hand).
    start_offset: np.ndarray | None = None

    @property
    def n_actors(self) -> int:
        return len(self.actor_ids)

    @property
    def n_quarters(self) -> int:
        return len(self.quarters)

    @property
    def has_shocks(self) -> bool:
        return any(e.type == "shock" for e in self.events)

    def actor_index(self, actor_id: str) -> int:
        return self.actor_ids.index(actor_id)

    def issue_index(self, issue_id: str) -> int:
        return self.issue_ids.index(issue_id)

    def institution_index(self, institution_id: str) -> int:
        return self.institution_ids.index(institution_id)


def _plain(value) -> str:
    return str(getattr(value, "value", value))


def _event_steps(events, window) -> dict:
    """Each event's scheduled step and span of steps, resolved once so that running never
    looks a quarter up."""
    scheduled = tuple(None if e.scheduled is None else window.step_of(e.scheduled) for e in events)
    span = [
        (step, step)
        if step is not None
        else (
            window.step_of(e.when.from_ or window.start),
            window.step_of(e.when.until or window.end),
        )
        for e, step in zip(events, scheduled, strict=True)
    ]
    return {
        "event_step": scheduled,
        "event_span": np.array(span, dtype=np.int64).reshape(-1, 2),
    }


def compile_scenario(scenario, start_from: CompiledScenario | None = None) -> CompiledScenario:
    """Turn a validated :class:`bargainsim.scenario.Scenario` into arrays.

    ``start_from``, another compiled scenario with the same actors, gives the start
    relations of every dyad and variable: a counterfactual starts where its base starts
    (docs/scenarios.md, "Start relations"), whatever its own inputs would settle at."""
    actor_ids = tuple(scenario.actors)
    issue_ids = tuple(scenario.issues)
    institution_ids = tuple(scenario.institutions)
    index = {actor: k for k, actor in enumerate(actor_ids)}
    n, d, v = len(actor_ids), len(issue_ids), len(VARIABLES)
    # A scenario built in code may predate closed issues; none is closed then.
    closed = set(getattr(scenario, "closed_issues", ()))

    position = np.zeros((n, d))
    salience = np.zeros((n, d))
    declared = np.zeros((n, d), dtype=bool)
    issue_variable = np.zeros(d, dtype=np.int64)
    for k, issue_id in enumerate(issue_ids):
        issue = scenario.issues[issue_id]
        issue_variable[k] = Variable(issue.variable).index
        for actor_id, stake in issue.positions.items():
            position[index[actor_id], k] = stake.position / 100.0
            salience[index[actor_id], k] = stake.salience / 100.0
            declared[index[actor_id], k] = True
    # An actor without a stated position has none to bargain from (salience 0) and enters
    # nobody's alignment; it is parked at the parties' salience-weighted mean for
    # readability. A stated position is kept even at salience 0: it is where the actor
    # stands when an event gives it a stake.
    for k in range(d):
        parties = salience[:, k] > 0
        if parties.any():
            mean = np.average(position[parties, k], weights=salience[parties, k])
            position[~declared[:, k], k] = mean
    issue_open = np.array([issue not in closed for issue in issue_ids], dtype=bool)
    declared_salience = salience
    salience = salience * issue_open

    actors = [scenario.actors[a] for a in actor_ids]
    params = ModelParameters().with_overrides(dict(scenario.parameters))
    proximity = np.full((n, n), params.proximity_default)
    for i, actor in enumerate(actors):
        for other, value in actor.traits.proximity.items():
            if other in index:
                j = index[other]
                # Either side's statement of closeness counts: geography is shared.
                proximity[i, j] = max(proximity[i, j], value) if j != i else 0.0
                proximity[j, i] = proximity[i, j]
    np.fill_diagonal(proximity, 0.0)

    membership = np.zeros((n, len(institution_ids)), dtype=bool)
    institution_variables = np.zeros((len(institution_ids), v), dtype=bool)
    for k, inst_id in enumerate(institution_ids):
        institution = scenario.institutions[inst_id]
        for member in institution.members:
            membership[index[member], k] = True
        for variable in institution.variables:
            institution_variables[k, Variable(variable).index] = True

    interdependence = np.zeros((n, n))
    for (a, b), value in scenario.interdependence.items():
        interdependence[index[a], index[b]] = interdependence[index[b], index[a]] = value

    given = np.zeros((n, n, v))
    given_mask = np.zeros((n, n, v), dtype=bool)
    for (a, b), by_variable in scenario.initial_cooperation.items():
        for variable, value in by_variable.items():
            k = Variable(getattr(variable, "value", variable)).index
            for i, j in ((index[a], index[b]), (index[b], index[a])):
                given[i, j, k] = value
                given_mask[i, j, k] = True

    window = scenario.window
    until = getattr(scenario, "capability_data_until", None)
    series = capability_series(actors, window.start.year, window.start.q, window.n_quarters, until)
    gdp, military = series["gdp_usd_bn"][0], series["military_usd_bn"][0]
    arrays = {
        "position": position,
        "salience": salience,
        "issue_variable": issue_variable,
        "gdp": gdp,
        "military": military,
        "nuclear": np.array([float(a.capabilities.nuclear) for a in actors]),
        "preferences": np.array(
            [[a.preferences[var] for var in VARIABLES] for a in actors], dtype=float
        ),
        "rationality": np.array([a.traits.rationality for a in actors], dtype=float),
        "inertia": np.array([a.traits.inertia for a in actors], dtype=float),
        "regime": np.array([REGIME_SCORE[_plain(a.traits.regime)] for a in actors]),
        "proximity": proximity,
        "membership": membership,
        "institution_variables": institution_variables,
        "interdependence": interdependence,
    }
    if start_from is not None:
        cooperation = _inherited_start(start_from, scenario.id, actor_ids)
        # A counterfactual keeps its base's constant terms too: they stand for what the
        # drivers leave out of each dyad, which removing a paper's drivers does not change.
        offset = start_from.start_offset
    else:
        drivers = start_drivers(params, **arrays)
        found = search_equilibrium(
            drivers, given, given_mask, params, scenario_id=scenario.id, actor_ids=actor_ids
        )
        cooperation = found.cooperation[0]
        offset = start_offset(found, drivers, given_mask, params)
    quarters = tuple(str(window.quarter_at(step)) for step in range(window.n_quarters))
    return CompiledScenario(
        scenario_id=scenario.id,
        digest=scenario.digest,
        quarters=quarters,
        baseline_quarter=str(window.start + (-1)),
        actor_ids=actor_ids,
        issue_ids=issue_ids,
        institution_ids=institution_ids,
        dyads=np.array(list(combinations(range(n), 2)), dtype=np.int64).reshape(-1, 2),
        declared_salience=declared_salience,
        issue_open=issue_open,
        gdp_series=series["gdp_usd_bn"],
        military_series=series["military_usd_bn"],
        **arrays,
        cooperation=cooperation,
        start_offset=offset,
        parameters=params,
        events=tuple(scenario.events),
        **_event_steps(scenario.events, window),
        **compile_treaties(scenario.events, actor_ids, window),
    )


def frozen(compiled: CompiledScenario) -> CompiledScenario:
    """The same scenario with its dynamics frozen (:attr:`CompiledScenario.frozen_dynamics`)."""
    return replace(compiled, frozen_dynamics=True)


def _inherited_start(base: CompiledScenario, scenario_id: str, actor_ids) -> np.ndarray:
    if tuple(base.actor_ids) != tuple(actor_ids):
        raise ScenarioError(
            [
                Problem(
                    scenario_id,
                    None,
                    "actors",
                    ", ".join(actor_ids),
                    f"the actors of {base.scenario_id} in the same order "
                    f"({', '.join(base.actor_ids)}), to start from its relations",
                )
            ]
        )
    return base.cooperation.copy()
