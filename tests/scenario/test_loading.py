"""Valid scenarios load into the objects the model reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from scenario_helpers import FIXTURES

from bargainsim.scenario import EVENT_TYPES, Quarter, Regime, Scenario, Window, load_scenario
from bargainsim.scenario.events import ShockEvent
from bargainsim.vocabulary import Variable

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base() -> Scenario:
    return load_scenario(FIXTURES / "base.yaml")


def test_base_scenario_loads(base: Scenario) -> None:
    assert (base.id, base.title, base.source) == ("base", "A small test scenario", "Test fixture")
    assert str(base.window) == "2008Q2..2009Q4"
    assert base.window.n_quarters == 7
    assert list(base.actors) == ["RUS", "USA", "CHN"]
    assert list(base.issues) == ["missile_defence", "trade"]


def test_actor_definition(base: Scenario) -> None:
    russia = base.actors["RUS"]
    assert russia.name == "Russian Federation"
    assert russia.capabilities.year == 2008
    assert russia.capabilities.gdp_usd_bn == 1661.0
    assert russia.capabilities.nuclear is True
    assert russia.capabilities.annual_growth == {"gdp_usd_bn": 0.03, "military_usd_bn": 0.05}
    assert set(russia.capabilities.sources) == {"gdp_usd_bn", "military_usd_bn", "nuclear"}
    assert list(russia.preferences) == list(Variable)
    assert russia.traits.regime is Regime.AUTOCRACY
    # KAZ is named in RUS.yaml but is not in this scenario: dropped, not an error.
    assert russia.traits.proximity == {"CHN": 1.0, "USA": 0.3}
    assert base.actors["USA"].capabilities.annual_growth == {
        "gdp_usd_bn": 0.0,
        "military_usd_bn": 0.0,
    }


def test_issue_keeps_only_scenario_actors_and_applies_overrides(base: Scenario) -> None:
    issue = base.issues["missile_defence"]
    assert issue.variable is Variable.MILITARY
    assert list(issue.positions) == ["RUS", "USA", "CHN"]  # KAZ dropped
    assert issue.positions["RUS"].position == 10.0  # from the scenario's overrides:
    assert issue.positions["RUS"].salience == 30.0


def test_relations_use_sorted_pairs(base: Scenario) -> None:
    assert base.interdependence == {("RUS", "USA"): 0.05, ("CHN", "USA"): 0.4}
    cooperation = base.initial_cooperation[("RUS", "USA")]
    assert list(cooperation) == list(Variable)
    assert cooperation[Variable.GEOPOLITICS] == -0.3
    assert base.institutions["SCO"].members == ["RUS", "CHN"]
    assert base.parameters == {"noise_sd": 0.03}


def test_events_are_typed_and_scheduled(base: Scenario) -> None:
    war, reset, stalemate = base.events
    assert isinstance(war, ShockEvent)
    assert war.dyad == ("RUS", "USA")
    assert war.variables == list(Variable)  # `all`
    assert (war.quarter, war.when) == (Quarter.parse("2008Q3"), None)
    assert reset.quarter == Quarter.parse("2009Q3")
    assert stalemate.quarter is None
    assert (stalemate.when.from_, stalemate.when.until) == (Quarter.parse("2009Q1"), None)
    assert stalemate.when.issue == "missile_defence"
    assert stalemate.probability == 0.5


def test_scenario_is_frozen(base: Scenario) -> None:
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen-instance error
        base.id = "other"  # type: ignore[misc]


def test_digest_is_stable_and_content_based(base: Scenario) -> None:
    again = load_scenario(FIXTURES / "base.yaml")
    changed = load_scenario(FIXTURES / "base.yaml", ["parameters.noise_sd=0.04"])
    assert again.digest == base.digest
    assert changed.digest != base.digest
    assert changed.parameters == {"noise_sd": 0.04}


def test_extends_merges_and_edits_lists() -> None:
    child = load_scenario(FIXTURES / "child.yaml")
    assert child.title == "The small scenario without China"
    assert str(child.window) == "2008Q2..2009Q2"  # end from child, start from parent
    assert list(child.actors) == ["RUS", "USA"]
    assert [event.id for event in child.events] == ["georgia_war", "stalemate_cools", "late"]
    assert child.institutions == {}
    assert child.interdependence == {("RUS", "USA"): 0.05}
    assert child.issues["missile_defence"].positions["RUS"].position == 10.0  # parent override


def test_resolved_tree_loads_back_to_the_same_scenario(base: Scenario, tmp_path: Path) -> None:
    written = tmp_path / "resolved.yaml"
    written.write_text(yaml.safe_dump(base.resolved, sort_keys=False))
    again = load_scenario(written)
    assert again.digest == base.digest
    assert again.actors == base.actors
    assert again.events == base.events


def test_capabilities_follow_the_window_start() -> None:
    sets = ["window.start=2012Q1", "window.end=2012Q4", "events=[]"]
    later = load_scenario(FIXTURES / "base.yaml", sets)
    assert later.actors["RUS"].capabilities.year == 2012
    assert later.actors["RUS"].capabilities.gdp_usd_bn == 2208.0
    assert later.actors["USA"].capabilities.year == 2008  # its latest year <= 2012


def test_set_replaces_a_whole_mapping() -> None:
    weights = "{military: 0.4, geopolitics: 0.3, economics: 0.2, domestic: 0.1}"
    scenario = load_scenario(FIXTURES / "base.yaml", [f"actors.RUS.preferences={weights}"])
    assert scenario.actors["RUS"].preferences[Variable.MILITARY] == 0.4


def test_quarter_arithmetic() -> None:
    q = Quarter.parse("2008Q2")
    assert str(q) == "2008Q2"
    assert str(q + 3) == "2009Q1"
    assert (q + 3) - q == 3
    assert Quarter.parse("2008Q4") < Quarter.parse("2009Q1")
    assert Quarter.from_ordinal(q.ordinal) == q
    for bad in ("2008Q5", "2008q1", "08Q1", "2008-Q1", ""):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


def test_window_steps() -> None:
    window = Window(start=Quarter.parse("2008Q2"), end=Quarter.parse("2009Q1"))
    assert window.n_quarters == 4
    assert [str(window.quarter_at(step)) for step in range(4)] == [
        "2008Q2",
        "2008Q3",
        "2008Q4",
        "2009Q1",
    ]
    assert window.step_of("2009Q1") == 3
    with pytest.raises(ValueError):
        window.step_of("2009Q2")
    with pytest.raises(IndexError):
        window.quarter_at(4)


def test_every_event_type_is_documented() -> None:
    doc = (ROOT / "docs" / "scenarios.md").read_text()
    for name, model in EVENT_TYPES.items():
        assert model.__doc__, name
        assert f"`{name}`" in doc, name


SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.skipif(not SHIPPED, reason="no shipped scenarios yet")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_shipped_scenarios_validate(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.actors and scenario.issues


def test_an_override_that_hides_an_issue_file_value_is_noted():
    from pathlib import Path

    from bargainsim.scenario import load_scenario

    root = Path(__file__).resolve().parents[2] / "scenarios"
    control = load_scenario(root / "xu2008_without_drivers.yaml")
    hidden = [n for n in control.notices if "missile_defence.positions.USA.position" in n]
    assert hidden and "issues/missile_defence.yaml" in hidden[0]
    assert "xu2008_without_drivers.yaml:" in hidden[0]
    assert load_scenario(root / "xu2008_medvedev.yaml").notices == ()
