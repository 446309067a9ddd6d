"""Scenarios: YAML files → resolved tree → validated :class:`Scenario` objects.

``load_scenario(path, overrides)`` is the whole pipeline; ``docs/scenarios.md`` is the
file format. Loading never simulates: the model compiles a ``Scenario`` into arrays.
"""

from bargainsim.scenario.events import CONDITION_TYPES, EVENT_TYPES, Event, EventBase
from bargainsim.scenario.load import load_scenario
from bargainsim.scenario.model import Scenario
from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.scenario.schema import (
    Actor,
    Capabilities,
    Institution,
    Issue,
    Regime,
    Stake,
    Traits,
)

__all__ = [
    "CONDITION_TYPES",
    "EVENT_TYPES",
    "Actor",
    "Capabilities",
    "Event",
    "EventBase",
    "Institution",
    "Issue",
    "Quarter",
    "Regime",
    "Scenario",
    "Stake",
    "Traits",
    "Window",
    "load_scenario",
]
