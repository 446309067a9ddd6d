"""One Mesa agent per state.

An agent is the state's face in the Mesa model: it owns its identity and reads its current
capabilities, preferences, issue stances, postures and views from the model's arrays (run
axis of length one), which the pure step functions advance. Keeping the numbers in arrays
is what lets the same step functions drive thousands of runs at once. Every attribute is
computed when read, so it is always the state of the quarter the model is at.
"""

from __future__ import annotations

import mesa
import numpy as np

from bargainsim.model.threat import power_share
from bargainsim.vocabulary import VARIABLES, Posture


class StateAgent(mesa.Agent):
    """A state (Russia, the United States, ...) in the bargaining model."""

    def __init__(self, model, actor_id: str, index: int):
        super().__init__(model)
        self.actor_id = actor_id
        self.index = index

    @property
    def _state(self):
        return self.model.state

    def _others(self) -> list[tuple[int, str]]:
        return [(j, a) for j, a in enumerate(self.model.compiled.actor_ids) if j != self.index]

    def _by_issue(self, array: np.ndarray) -> dict[str, float]:
        row = array[0, self.index] * 100.0
        return dict(zip(self.model.compiled.issue_ids, map(float, row), strict=True))

    @property
    def capabilities(self) -> dict[str, float]:
        """GDP and military spending (US$ bn) in force this quarter, nuclear (0/1) and the
        aggregate power share (docs/model.md §4)."""
        state, k = self._state, self.index
        return {
            "gdp_usd_bn": float(state.gdp[0, k]),
            "military_usd_bn": float(state.military[0, k]),
            "nuclear": float(state.nuclear[0, k]),
            "power": self.power,
        }

    @property
    def power(self) -> float:
        """Mean of the state's shares of the scenario's GDP and military spending."""
        return float(power_share(self._state.gdp, self._state.military)[0, self.index])

    @property
    def preferences(self) -> dict[str, float]:
        """Weights of the four analytic variables (sum 1)."""
        row = self._state.preferences[0, self.index]
        return {variable.value: float(w) for variable, w in zip(VARIABLES, row, strict=True)}

    @property
    def stances(self) -> dict[str, float]:
        """Bargaining stance on each issue (0-100), as the last turn left it."""
        return self._by_issue(self._state.position)

    @property
    def interests(self) -> dict[str, float]:
        """Ideal point on each issue (0-100), which stances are pulled back toward."""
        return self._by_issue(self._state.ideal)

    @property
    def saliences(self) -> dict[str, float]:
        """Salience of each issue (0-100; 0 for issues off the agenda)."""
        return self._by_issue(self._state.salience)

    @property
    def postures(self) -> dict[str, str]:
        """Posture chosen toward each other state this quarter (cooperate, hedge, balance)."""
        row = self._state.postures[0, self.index]
        return {other: Posture(int(row[j])).name.lower() for j, other in self._others()}

    @property
    def views(self) -> dict[str, float]:
        """Composite view of the relation with each other state: cooperation on the four
        variables weighted by this state's preferences (no entry for itself)."""
        weights = self._state.preferences[0, self.index]
        cooperation = self._state.cooperation[0, self.index]
        return {other: float(np.dot(cooperation[j], weights)) for j, other in self._others()}

    @property
    def threats(self) -> dict[str, float]:
        """Threat perceived from each other state (0-1, docs/model.md §4)."""
        row = self._state.threat[0, self.index]
        return {other: float(row[j]) for j, other in self._others()}

    def posture_toward(self, other_id: str) -> Posture:
        j = self.model.compiled.actor_index(other_id)
        return Posture(int(self._state.postures[0, self.index, j]))

    def cooperation_with(self, other_id: str) -> dict[str, float]:
        j = self.model.compiled.actor_index(other_id)
        row = self._state.cooperation[0, self.index, j]
        return {variable.value: float(c) for variable, c in zip(VARIABLES, row, strict=True)}

    def threat_from(self, other_id: str) -> float:
        return self.threats[other_id]

    def composite_view(self, other_id: str) -> float:
        """This state's preference-weighted view of its relation with ``other_id``."""
        return self.views[other_id]
