"""The Mesa model: one run of a scenario, one step per quarter.

Seeding happens in one place: Mesa's ``rng`` (``numpy.random.default_rng(seed)``) draws the
run's whole block of random numbers at construction, in the order fixed by
:class:`~bargainsim.model.state.RunDraws`; the step functions only read that block. So a
``BargainModel`` with seed s reproduces, number for number, run s of the vectorised
ensemble (:func:`bargainsim.model.ensemble.simulate`).
"""

from __future__ import annotations

import mesa
import numpy as np

from bargainsim.model.agents import StateAgent
from bargainsim.model.compiled import CompiledScenario
from bargainsim.model.ensemble import EnsembleResult, History
from bargainsim.model.state import EnsembleState, RunDraws
from bargainsim.model.step import advance_quarter
from bargainsim.model.threat import composite_view
from bargainsim.vocabulary import IssueStatus


def _quarter(model: BargainModel) -> str:
    return model.quarter


def _mean_composite_cooperation(model: BargainModel) -> float:
    # Over ordered pairs i != j this is also the mean over dyads of the dyad composite
    # (both sides' views averaged, as in the dyads table); the diagonal is no relation.
    view = composite_view(model.state.cooperation, model.state.preferences)[0]
    return float(view[~np.eye(view.shape[0], dtype=bool)].mean())


def _deadlocked_issues(model: BargainModel) -> int:
    return int((model.state.status[0] == IssueStatus.DEADLOCK).sum())


# What the DataCollector records at the start and at the end of every quarter, name →
# function of the model:
#   quarter                     the quarter at whose end the state is observed (the one
#                               before the window at the start), as in the output tables
#   mean_composite_cooperation  the mean, over every ordered pair i != j, of i's composite
#                               view of its relation with j (its preference-weighted mean
#                               of the four variables' cooperation, threat.composite_view)
#   deadlocked_issues           how many issues are classed deadlock this quarter
MODEL_REPORTERS = {
    "quarter": _quarter,
    "mean_composite_cooperation": _mean_composite_cooperation,
    "deadlocked_issues": _deadlocked_issues,
}
# Per agent, by attribute of StateAgent: its aggregate power share, its preference
# weights by variable and its issue stances (0-100) by issue.
AGENT_REPORTERS = {
    "power": "power",
    "preferences": "preferences",
    "positions": "positions",
}


class BargainModel(mesa.Model):
    """Six (or any number of) states bargaining, perceiving threat, choosing postures and
    updating relations, quarter by quarter (docs/model.md)."""

    def __init__(
        self, compiled: CompiledScenario, rng: int = 0, contributions: bool = False, **kwargs
    ):
        super().__init__(rng=int(rng), **kwargs)
        self.compiled = compiled
        self.seed_value = int(rng)
        self.draws = RunDraws.from_generators(compiled, [self.rng])
        self.state = EnsembleState.initial(compiled, 1)
        self.history = History.empty(compiled, 1, contributions)
        self.history.record(0, self.state, compiled)
        self.step_index = 0
        self.agents_by_id = {
            actor_id: StateAgent(self, actor_id, k) for k, actor_id in enumerate(compiled.actor_ids)
        }
        self.datacollector = mesa.DataCollector(
            model_reporters=MODEL_REPORTERS, agent_reporters=AGENT_REPORTERS
        )
        self.running = compiled.n_quarters > 0
        self.datacollector.collect(self)

    @property
    def quarter(self) -> str:
        if self.step_index == 0:
            return self.compiled.baseline_quarter
        return self.compiled.quarters[self.step_index - 1]

    def dyad_composite(self, a: str, b: str) -> float:
        """Mean of both sides' composite views of the a-b relation."""
        agents = self.agents_by_id
        return 0.5 * (agents[a].composite_view(b) + agents[b].composite_view(a))

    def step(self) -> None:
        step = self.step_index
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

    def run(self) -> EnsembleResult:
        """Step through every quarter of the window and return the run's record."""
        while self.running:
            self.step()
        return EnsembleResult(self.compiled, np.array([self.seed_value]), self.history)
