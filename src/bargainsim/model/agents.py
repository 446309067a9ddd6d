"""One Mesa agent per state.

An agent is the state's face in the Mesa model: it owns its identity and traits and reads
its current capabilities, preferences, issue stances and postures from the model's arrays
(run axis of length one), which the pure step functions advance. Keeping the numbers in
arrays is what lets the same step functions drive thousands of runs at once.
"""

from __future__ import annotations

import mesa
import numpy as np

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

    @property
    def preferences(self) -> dict[str, float]:
        row = self._state.preferences[0, self.index]
        return {variable.value: float(w) for variable, w in zip(VARIABLES, row, strict=True)}

    @property
    def power(self) -> float:
        from bargainsim.model.threat import power_share

        return float(power_share(self._state.gdp, self._state.military)[0, self.index])

    @property
    def positions(self) -> dict[str, float]:
        issues = self.model.compiled.issue_ids
        row = self._state.position[0, self.index] * 100.0
        return dict(zip(issues, map(float, row), strict=True))

    @property
    def saliences(self) -> dict[str, float]:
        issues = self.model.compiled.issue_ids
        row = self._state.salience[0, self.index] * 100.0
        return dict(zip(issues, map(float, row), strict=True))

    def posture_toward(self, other_id: str) -> Posture:
        j = self.model.compiled.actor_index(other_id)
        return Posture(int(self._state.postures[0, self.index, j]))

    def cooperation_with(self, other_id: str) -> dict[str, float]:
        j = self.model.compiled.actor_index(other_id)
        row = self._state.cooperation[0, self.index, j]
        return {variable.value: float(c) for variable, c in zip(VARIABLES, row, strict=True)}

    def threat_from(self, other_id: str) -> float:
        j = self.model.compiled.actor_index(other_id)
        return float(self._state.threat[0, self.index, j])

    def composite_view(self, other_id: str) -> float:
        """This state's preference-weighted view of its relation with ``other_id``."""
        j = self.model.compiled.actor_index(other_id)
        weights = self._state.preferences[0, self.index]
        return float(np.dot(self._state.cooperation[0, self.index, j], weights))
