"""The Mesa model: one run of a scenario, one step per quarter.

``BargainModel(scenario, rng=..., **parameters)`` takes a scenario file, a loaded
:class:`~bargainsim.scenario.Scenario` or a compiled one; keyword arguments named after
model parameters (``noise_sd=0.05``) override the scenario's, so that
``mesa.batch_run(BargainModel, parameters={"scenario": [...], "noise_sd": [...]})`` sweeps
them.

Seeding happens in one place. Every run has an integer seed: ``rng`` as an integer is it;
``None`` draws a fresh one from the operating system's entropy, and a Generator (or
anything else Mesa's ``rng`` accepts) is drawn from once for it; ``seed=`` is the older
spelling of ``rng``. Mesa's ``rng`` (``numpy.random.default_rng(seed)``) then draws the
run's whole block of random numbers at construction, in the order fixed by
:class:`~bargainsim.model.state.RunDraws`; the step functions only read that block. So a
``BargainModel`` with seed s reproduces, number for number, run s of the vectorised
ensemble (:func:`bargainsim.model.ensemble.simulate`).
"""

from __future__ import annotations

import os

import mesa
import numpy as np

from bargainsim.errors import BargainsimError, Problem, ScenarioError
from bargainsim.model.agents import StateAgent
from bargainsim.model.compiled import CompiledScenario, compile_scenario
from bargainsim.model.ensemble import EnsembleResult, History
from bargainsim.model.reporters import collector_arguments
from bargainsim.model.state import EnsembleState, RunDraws
from bargainsim.model.step import advance_quarter


def run_seed(rng) -> int:
    """The run's integer seed from what Mesa's ``rng`` accepts (see the module's text)."""
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        return int(rng)
    if rng is None:
        return int(np.random.SeedSequence().generate_state(1, dtype=np.uint32)[0])
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    return int(generator.integers(2**32))


def compiled_scenario(scenario, parameters: dict[str, float]) -> CompiledScenario:
    """The arrays a run reads, from a scenario path, a Scenario or a compiled scenario,
    with ``parameters`` overriding the scenario's."""
    from bargainsim.scenario import load_scenario
    from bargainsim.scenario.parameter_overrides import with_parameters

    if isinstance(scenario, CompiledScenario):
        if parameters:
            # Its start state was found with its own parameters (model/equilibrium.py).
            expected = "no parameter overrides on a compiled scenario (pass its file or Scenario)"
            name, value = next(iter(parameters.items()))
            raise ScenarioError(
                [Problem(scenario.scenario_id, None, f"parameters.{name}", value, expected)]
            )
        return scenario
    if isinstance(scenario, str | os.PathLike):
        scenario = load_scenario(scenario)
    return compile_scenario(with_parameters(scenario, parameters) if parameters else scenario)


class BargainModel(mesa.Model):
    """States bargaining, perceiving threat, choosing postures and updating relations,
    quarter by quarter (docs/model.md). ``contributions`` records what moved each relation
    (the explain table); ``running`` turns False after the window's last quarter."""

    def __init__(self, scenario, *, rng=None, contributions: bool = False, **parameters):
        seed = parameters.pop("seed", None)
        if seed is not None and rng is not None:
            raise BargainsimError("give rng or seed, not both")
        self.seed_value = run_seed(rng if seed is None else seed)
        super().__init__(rng=self.seed_value)
        self.compiled = compiled = compiled_scenario(scenario, parameters)
        self.draws = RunDraws.from_generators(compiled, [self.rng])
        self.state = EnsembleState.initial(compiled, 1)
        self.history = History.empty(compiled, 1, contributions)
        self.history.record(0, self.state, compiled)
        self.step_index = 0
        self.agents_by_id = {
            actor_id: StateAgent(self, actor_id, k) for k, actor_id in enumerate(compiled.actor_ids)
        }
        self.datacollector = mesa.DataCollector(**collector_arguments())
        self.running = compiled.n_quarters > 0
        self.datacollector.collect(self)

    @property
    def quarter(self) -> str:
        """The quarter at whose end the state is (the one before the window at step 0)."""
        if self.step_index == 0:
            return self.compiled.baseline_quarter
        return self.compiled.quarters[self.step_index - 1]

    def dyad_composite(self, a: str, b: str) -> float:
        """Mean of both sides' composite views of the a-b relation."""
        agents = self.agents_by_id
        return 0.5 * (agents[a].composite_view(b) + agents[b].composite_view(a))

    def step(self) -> None:
        """One quarter; after the window's last quarter a step changes nothing."""
        step = self.step_index
        if step >= self.compiled.n_quarters:
            self.running = False
            return
        self.history.fired[:, step] = advance_quarter(
            self.state,
            step,
            self.compiled,
            self.draws.relation_noise[:, step],
            self.draws.posture_uniform[:, step],
            self.draws.event_uniform[:, step],
            None if self.history.contributions is None else self.history.contributions[:, step + 1],
        )
        self.step_index += 1
        self.history.record(self.step_index, self.state, self.compiled)
        if self.step_index == 1:
            self.history.win_probability[:, 0] = self.history.win_probability[:, 1]
        self.datacollector.collect(self)
        if self.step_index >= self.compiled.n_quarters:
            self.running = False

    def record(self) -> EnsembleResult:
        """The run so far as an ensemble of one (steps not yet simulated hold zeros)."""
        return EnsembleResult(self.compiled, np.array([self.seed_value]), self.history)

    def run(self) -> EnsembleResult:
        """Step through every quarter of the window and return the run's record."""
        while self.running:
            self.step()
        return self.record()
