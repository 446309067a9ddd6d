"""The vectorised ensemble: R runs of one scenario advanced together, quarter by quarter,
by the same step functions the Mesa model calls. Run r with seed s gives exactly the
numbers of a single run with seed s (tested), because each run's randomness is drawn up
front from its own generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.model.compiled import CompiledScenario
from bargainsim.model.relations import CONTRIBUTIONS, alliance_flags
from bargainsim.model.state import EnsembleState, RunDraws
from bargainsim.model.step import advance_quarter
from bargainsim.model.threat import composite_view


@dataclass
class History:
    """Per-step records of R runs; step 0 is the initial state, step k the state at the
    end of quarter k (``compiled.quarters[k - 1]``)."""

    cooperation: np.ndarray  # (R, Q+1, P, V) float, per dyad i < j: mean of both directions
    a_to_b: np.ndarray  # (R, Q+1, P, V): cooperation of the dyad's first actor toward the other
    b_to_a: np.ndarray  # (R, Q+1, P, V): and of the second toward the first
    intent: np.ndarray  # (R, Q+1, N, N): i's belief in j's hostile intent
    postures: np.ndarray  # (R, Q+1, N, N) int8
    position: np.ndarray  # (R, Q+1, N, D) float on 0-100
    salience: np.ndarray  # (R, Q+1, N, D) float on 0-100
    spread: np.ndarray  # (R, Q+1, D)
    status: np.ndarray  # (R, Q+1, D) int8
    win_probability: np.ndarray  # (R, Q+1, N); step 0 repeats step 1 (no turn before)
    threat: np.ndarray  # (R, Q+1, N, N)
    composite: np.ndarray  # (R, Q+1, N, N): i's preference-weighted view of its tie to j
    alliance: np.ndarray  # (R, Q+1, P) bool
    shock_total: np.ndarray  # (R, Q+1, P, V): cumulative direct shocks applied to c
    fired: np.ndarray  # (R, Q, E) bool
    # (R, Q+1, N, N, V, K): each term's part of the change into step s (zero at step 0);
    # recorded only when asked for (the explain table), since it is K times the relations
    contributions: np.ndarray | None = None

    @classmethod
    def empty(cls, compiled: CompiledScenario, n_runs: int, contributions: bool = False) -> History:
        q1, n = compiled.n_quarters + 1, compiled.n_actors
        p, d, e = len(compiled.dyads), len(compiled.issue_ids), len(compiled.events)

        def steps_first(*shape, dtype=float):
            # Indexed [run, step, ...] but laid out step by step, so that recording one
            # step writes one contiguous block.
            return np.zeros((shape[1], shape[0], *shape[2:]), dtype=dtype).swapaxes(0, 1)

        return cls(
            cooperation=steps_first(n_runs, q1, p, 4),
            a_to_b=steps_first(n_runs, q1, p, 4),
            b_to_a=steps_first(n_runs, q1, p, 4),
            intent=steps_first(n_runs, q1, n, n),
            postures=steps_first(n_runs, q1, n, n, dtype=np.int8),
            position=steps_first(n_runs, q1, n, d),
            salience=steps_first(n_runs, q1, n, d),
            spread=steps_first(n_runs, q1, d),
            status=steps_first(n_runs, q1, d, dtype=np.int8),
            win_probability=steps_first(n_runs, q1, n),
            threat=steps_first(n_runs, q1, n, n),
            composite=steps_first(n_runs, q1, n, n),
            alliance=steps_first(n_runs, q1, p, dtype=bool),
            shock_total=steps_first(n_runs, q1, p, 4),
            fired=np.zeros((n_runs, compiled.n_quarters, e), dtype=bool),
            contributions=(
                np.zeros((n_runs, q1, n, n, 4, len(CONTRIBUTIONS))) if contributions else None
            ),
        )

    def record(self, step: int, state: EnsembleState, compiled: CompiledScenario) -> None:
        i, j = compiled.dyads[:, 0], compiled.dyads[:, 1]
        # Each direction gathered straight into its step's block (one take over the
        # flattened pairs, not a fancy index and a copy).
        n_runs, n, n_vars = (
            state.cooperation.shape[0],
            compiled.n_actors,
            state.cooperation.shape[-1],
        )
        pairs = state.cooperation.reshape(n_runs, n * n, n_vars)
        forward = np.take(pairs, i * n + j, axis=1, out=self.a_to_b[:, step], mode="clip")
        backward = np.take(pairs, j * n + i, axis=1, out=self.b_to_a[:, step], mode="clip")
        cooperation = np.add(forward, backward, out=self.cooperation[:, step])
        cooperation *= 0.5
        self.intent[:, step] = state.intent
        self.postures[:, step] = state.postures
        np.multiply(state.position, 100.0, out=self.position[:, step])
        np.multiply(state.salience, 100.0, out=self.salience[:, step])
        self.spread[:, step] = state.spread
        self.status[:, step] = state.status
        self.win_probability[:, step] = state.win_probability
        self.threat[:, step] = state.threat
        self.composite[:, step] = composite_view(state.cooperation, state.preferences)
        # Both sides must be above the threshold on every variable: an alliance is mutual.
        threshold = compiled.parameters.alliance_threshold
        self.alliance[:, step] = alliance_flags(np.minimum(forward, backward), threshold)
        if compiled.has_shocks:  # otherwise the cumulative shocks stay zero
            shocks = state.shock_total.reshape(n_runs, n * n, n_vars)
            np.take(shocks, i * n + j, axis=1, out=self.shock_total[:, step], mode="clip")


@dataclass
class EnsembleResult:
    """What R runs produced: their seeds and history. ``tables()`` gives tidy frames."""

    compiled: CompiledScenario
    seeds: np.ndarray  # (R,) int
    history: History

    def tables(self, run_ids=None, names=None) -> dict:
        """The tidy tables as pandas frames (:mod:`bargainsim.model.tables`)."""
        from bargainsim.model.tables import build_tables

        built = build_tables(self, run_ids, names)
        return {name: table.to_pandas() for name, table in built.items()}


def simulate(compiled: CompiledScenario, seeds, contributions: bool = False) -> EnsembleResult:
    """Run the scenario once per seed, all runs advanced together; with
    ``contributions``, record what moved each relation every quarter."""
    seeds = np.asarray(list(seeds), dtype=np.int64)
    draws = RunDraws.for_seeds(compiled, seeds)
    return simulate_with_draws(compiled, seeds, draws, contributions)


def simulate_with_draws(
    compiled: CompiledScenario, seeds, draws: RunDraws, contributions: bool = False
) -> EnsembleResult:
    n_runs = len(seeds)
    state = EnsembleState.initial(compiled, n_runs)
    history = History.empty(compiled, n_runs, contributions)
    history.record(0, state, compiled)
    for step in range(compiled.n_quarters):
        history.fired[:, step] = advance_quarter(
            state,
            step,
            compiled,
            draws.relation_noise[:, step],
            draws.posture_uniform[:, step],
            draws.event_uniform[:, step],
            None if history.contributions is None else history.contributions[:, step + 1],
        )
        history.record(step + 1, state, compiled)
    if compiled.n_quarters:
        history.win_probability[:, 0] = history.win_probability[:, 1]
    return EnsembleResult(compiled=compiled, seeds=np.asarray(seeds), history=history)
