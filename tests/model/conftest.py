"""A small scenario built in code, so the model's tests do not depend on YAML loading.

Its events are real ones: validated against the toy scenario's ids and window exactly as
the loader validates a scenario's events.
"""

from types import SimpleNamespace

import pytest
from pydantic import TypeAdapter

from bargainsim.model.compiled import compile_scenario
from bargainsim.scenario import Event, Quarter, Window
from bargainsim.scenario.events import Condition
from bargainsim.scenario.fields import ScenarioContext

TOY_WINDOW = Window(start=Quarter.parse("2008Q1"), end=Quarter.parse("2009Q2"))
TOY_POSITIONS = {
    "shield": {"AAA": (10, 40), "BBB": (90, 30), "CCC": (30, 20)},
    "trade": {"AAA": (40, 30), "BBB": (80, 30), "CCC": (50, 40)},
}
TOY_CONTEXT = ScenarioContext(
    actors=frozenset({"AAA", "BBB", "CCC"}),
    issues=frozenset(TOY_POSITIONS),
    institutions=frozenset({"BLOC"}),
    window=TOY_WINDOW,
    stakes=frozenset((issue, actor) for issue, stakes in TOY_POSITIONS.items() for actor in stakes),
)
_EVENT = TypeAdapter(Event)
_CONDITION = TypeAdapter(Condition)


def toy_event(**fields):
    """An event of the toy scenario, validated as the loader validates one (YAML spelling:
    dyads ``A-B``, quarters ``2008Q2``, conditions under ``when``)."""
    return _EVENT.validate_python(
        {"id": "event", "source": "a test", **fields}, context=TOY_CONTEXT
    )


def toy_condition(**fields):
    """A ``when:`` condition of the toy scenario, validated as the loader validates one."""
    return _CONDITION.validate_python(fields, context=TOY_CONTEXT)


def _actor(actor_id, gdp, military, nuclear, preferences, regime, proximity):
    return SimpleNamespace(
        id=actor_id,
        capabilities=SimpleNamespace(
            gdp_usd_bn=gdp, military_usd_bn=military, nuclear=nuclear, annual_growth={}
        ),
        preferences=dict(
            zip(["military", "geopolitics", "economics", "domestic"], preferences, strict=True)
        ),
        traits=SimpleNamespace(rationality=3.0, inertia=0.8, regime=regime, proximity=proximity),
    )


def toy_scenario(events=(), parameters=None):
    actors = {
        "AAA": _actor("AAA", 1500, 60, True, [0.4, 0.3, 0.2, 0.1], "autocracy", {"CCC": 1.0}),
        "BBB": _actor("BBB", 14000, 600, True, [0.3, 0.3, 0.2, 0.2], "democracy", {}),
        "CCC": _actor("CCC", 4000, 80, True, [0.2, 0.3, 0.4, 0.1], "autocracy", {}),
    }
    variables = {"shield": "military", "trade": "economics"}
    issues = {
        issue: SimpleNamespace(
            variable=variables[issue],
            positions={
                actor: SimpleNamespace(position=position, salience=salience)
                for actor, (position, salience) in stakes.items()
            },
        )
        for issue, stakes in TOY_POSITIONS.items()
    }
    return SimpleNamespace(
        id="toy",
        digest="0" * 64,
        window=TOY_WINDOW,
        actors=actors,
        issues=issues,
        institutions={"BLOC": SimpleNamespace(variables=["geopolitics"], members=["AAA", "CCC"])},
        interdependence={("AAA", "BBB"): 0.05, ("AAA", "CCC"): 0.3},
        initial_cooperation={("AAA", "BBB"): {"military": -0.2, "geopolitics": -0.3}},
        parameters=parameters or {},
        events=list(events),
    )


@pytest.fixture
def toy_compiled():
    return compile_scenario(toy_scenario())
