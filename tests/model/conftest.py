"""A small scenario built in code, so the model's tests do not depend on YAML loading."""

from types import SimpleNamespace

import pytest

from bargainsim.model.compiled import compile_scenario


class _Window:
    """Quarters as plain labels, enough for compile_scenario."""

    def __init__(self, quarters):
        self.labels = quarters
        self.n_quarters = len(quarters)
        self.start = _Label("2007Q4", quarters[0])

    def quarter_at(self, step):
        return self.labels[step]


class _Label(str):
    def __new__(cls, before, text):
        made = super().__new__(cls, text)
        made.before = before
        return made

    def __add__(self, other):
        return self.before


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
    stake = SimpleNamespace
    actors = {
        "AAA": _actor("AAA", 1500, 60, True, [0.4, 0.3, 0.2, 0.1], "autocracy", {"CCC": 1.0}),
        "BBB": _actor("BBB", 14000, 600, True, [0.3, 0.3, 0.2, 0.2], "democracy", {}),
        "CCC": _actor("CCC", 4000, 80, True, [0.2, 0.3, 0.4, 0.1], "autocracy", {}),
    }
    issues = {
        "shield": SimpleNamespace(
            variable="military",
            positions={
                "AAA": stake(position=10, salience=40),
                "BBB": stake(position=90, salience=30),
                "CCC": stake(position=30, salience=20),
            },
        ),
        "trade": SimpleNamespace(
            variable="economics",
            positions={
                "AAA": stake(position=40, salience=30),
                "BBB": stake(position=80, salience=30),
                "CCC": stake(position=50, salience=40),
            },
        ),
    }
    quarters = ["2008Q1", "2008Q2", "2008Q3", "2008Q4", "2009Q1", "2009Q2"]
    return SimpleNamespace(
        id="toy",
        digest="0" * 64,
        window=_Window(quarters),
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
