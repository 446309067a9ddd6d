"""Each registered event type has an effect, and each effect does what its docstring says."""

import re
from pathlib import Path

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.events import (
    CONDITIONS,
    EVENTS,
    EventRegistryError,
    condition_holds,
    effect_of,
    event_type,
)
from bargainsim.model.state import EnsembleState
from bargainsim.scenario import CONDITION_TYPES, EVENT_TYPES, load_scenario
from bargainsim.scenario.events import ShockEvent
from bargainsim.vocabulary import IssueStatus, Variable

from .conftest import toy_condition, toy_event, toy_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_DOC = ROOT / "docs" / "scenarios.md"


def _has_section(name: str) -> bool:
    """Whether ``docs/scenarios.md`` has a heading naming ``name`` (as code)."""
    headings = re.findall(r"^#+ (.+)$", SCENARIO_DOC.read_text(), flags=re.MULTILINE)
    return any(f"`{name}`" in heading for heading in headings)


def test_the_registry_has_one_entry_per_schema():
    assert set(EVENTS) == set(EVENT_TYPES)
    assert set(CONDITIONS) == set(CONDITION_TYPES)


@pytest.mark.parametrize("name", EVENT_TYPES)
def test_every_event_type_has_a_schema_docstring_effect_and_section(name):
    entry = EVENTS[name]
    assert entry.name == name and entry.schema is EVENT_TYPES[name]
    assert entry.doc.strip()
    assert callable(entry.effect)
    assert _has_section(name), f"no section for {name} in docs/scenarios.md"


@pytest.mark.parametrize("kind", CONDITION_TYPES)
def test_every_condition_has_a_schema_docstring_test_and_section(kind):
    entry = CONDITIONS[kind]
    assert entry.kind == kind and entry.schema is CONDITION_TYPES[kind]
    assert entry.doc.strip()
    assert callable(entry.holds)
    assert _has_section(kind), f"no section for {kind} in docs/scenarios.md"


def test_a_schema_has_at_most_one_entry_and_must_be_declared():
    with pytest.raises(EventRegistryError, match="two entries"):
        effect_of(ShockEvent)

    class Undeclared(ShockEvent):
        """Not among the scenario's event types."""

    with pytest.raises(EventRegistryError, match="not a schema"):
        effect_of(Undeclared)


def _state(n_runs=2):
    compiled = compile_scenario(toy_scenario())
    return compiled, EnsembleState.initial(compiled, n_runs)


FIRE_FIRST = np.array([True, False])


def _apply(state, compiled, **fields):
    event = toy_event(quarter="2008Q2", **fields)
    event_type(event).effect(state, event, compiled, FIRE_FIRST)


def test_shock_moves_both_directions_only_where_fired_and_is_recorded():
    compiled, state = _state()
    before = state.cooperation.copy()
    _apply(
        state,
        compiled,
        type="shock",
        dyad="BBB-AAA",
        variables=["military"],
        delta=-0.5,
        justification="a test of the shock",
    )
    m = Variable.MILITARY.index
    expected = max(before[0, 0, 1, m] - 0.5, -1.0)
    assert state.cooperation[0, 0, 1, m] == pytest.approx(expected)
    assert state.cooperation[0, 1, 0, m] == pytest.approx(expected)
    assert state.cooperation[1, 0, 1, m] == before[1, 0, 1, m]
    assert state.shock_total[0, 0, 1, m] == pytest.approx(expected - before[0, 0, 1, m])
    assert state.cooperation[0, 0, 1, Variable.ECONOMICS.index] == before[0, 0, 1, 2]


def test_shock_on_all_variables():
    compiled, state = _state()
    before = state.cooperation.copy()
    _apply(
        state,
        compiled,
        type="shock",
        dyad="AAA-CCC",
        variables="all",
        delta=-0.25,
        justification="a test of the shock",
    )
    np.testing.assert_allclose(state.shock_total[0, 0, 2], np.full(4, -0.25))
    np.testing.assert_allclose(state.cooperation[0, 2, 0], before[0, 2, 0] - 0.25)
    assert not state.shock_total[1].any()


def test_position_shift_moves_interest_and_stance():
    compiled, state = _state()
    state.position[:, 0, 0] = 0.3  # the stance has been bargained away from the interest
    _apply(state, compiled, type="position_shift", actor="AAA", issue="shield", delta=20.0)
    assert state.ideal[0, 0, 0] == pytest.approx(0.1 + 0.2)
    assert state.position[0, 0, 0] == pytest.approx(0.3 + 0.2)
    assert state.ideal[1, 0, 0] == pytest.approx(0.1)


def test_salience_change_keeps_total_at_most_one():
    compiled, state = _state()
    _apply(state, compiled, type="salience_change", actor="CCC", issue="shield", to=90.0)
    assert state.salience[0, 2, 0] == pytest.approx(0.9)
    assert state.salience[0, 2].sum() == pytest.approx(1.0)
    assert state.salience[1, 2, 0] == pytest.approx(0.2)


def test_preference_capability_membership_and_interdependence():
    compiled, state = _state()
    weights = {"domestic": 0.4, "economics": 0.3, "geopolitics": 0.2, "military": 0.1}
    _apply(state, compiled, type="preference_change", actor="BBB", weights=weights)
    np.testing.assert_allclose(state.preferences[0, 1], [0.1, 0.2, 0.3, 0.4])
    assert state.preferences[1, 1].tolist() == [0.3, 0.3, 0.2, 0.2]
    _apply(
        state,
        compiled,
        type="capability_change",
        actor="AAA",
        component="military_usd_bn",
        multiply_by=2.0,
    )
    assert state.military[0, 0] == 120 and state.military[1, 0] == 60
    _apply(state, compiled, type="institution_join", actor="BBB", institution="BLOC")
    assert state.membership[0, 1, 0] and not state.membership[1, 1, 0]
    _apply(state, compiled, type="institution_leave", actor="AAA", institution="BLOC")
    assert not state.membership[0, 0, 0] and state.membership[1, 0, 0]
    _apply(state, compiled, type="interdependence_change", dyad="BBB-AAA", to=0.4)
    assert state.interdependence[0, 0, 1] == state.interdependence[0, 1, 0] == 0.4
    _apply(state, compiled, type="interdependence_change", dyad="AAA-CCC", delta=-0.5)
    assert state.interdependence[0, 0, 2] == state.interdependence[0, 2, 0] == 0.0
    assert state.interdependence[1, 0, 2] == pytest.approx(0.3)


def test_conditions_read_the_state():
    compiled, state = _state()
    state.status[:, 0] = [IssueStatus.DEADLOCK, IssueStatus.OPEN]
    deadlock = toy_condition(issue_status="deadlock", issue="shield")
    assert list(condition_holds(deadlock, state, compiled)) == [True, False]
    state.cooperation[:, 0, 1, 0] = state.cooperation[:, 1, 0, 0] = [-0.5, 0.5]
    below = toy_condition(cooperation_below=0.0, dyad="AAA-BBB", variable="military")
    assert list(condition_holds(below, state, compiled)) == [True, False]
    above = toy_condition(cooperation_above=0.0, dyad="BBB-AAA", variable="military")
    assert list(condition_holds(above, state, compiled)) == [False, True]


def test_composite_condition_is_the_mean_of_both_views():
    compiled, state = _state()
    state.cooperation[:, 0, 1, :] = state.cooperation[:, 1, 0, :] = [[0.5] * 4, [-0.5] * 4]
    # Preferences sum to 1, so a tie at one level on every variable is viewed at that level.
    above = toy_condition(cooperation_above=0.25, dyad="AAA-BBB", variable="composite")
    assert list(condition_holds(above, state, compiled)) == [True, False]


def test_probabilistic_and_conditional_events_fire_per_run():
    event = toy_event(
        type="salience_change",
        quarter="2008Q2",
        probability=0.5,
        actor="AAA",
        issue="shield",
        delta=10.0,
    )
    compiled = compile_scenario(toy_scenario(events=[event]))
    fired = simulate(compiled, range(200)).history.fired
    assert fired[:, 1, 0].mean() == pytest.approx(0.5, abs=0.12)
    assert not fired[:, [0, 2, 3, 4, 5], 0].any()


def test_conditional_event_fires_once_within_its_span_when_the_condition_holds():
    # cooperation never exceeds 1, so the condition always holds
    always = {"cooperation_below": 1.0, "dyad": "AAA-BBB", "variable": "military"}
    event = toy_event(
        type="interdependence_change",
        when={**always, "from": "2008Q3"},
        dyad="AAA-BBB",
        delta=0.1,
    )
    compiled = compile_scenario(toy_scenario(events=[event]))
    fired = simulate(compiled, [1, 2]).history.fired[:, :, 0]
    # quarters are 2008Q1..2009Q2: the span starts at step 2 and the event fires once
    assert fired.tolist() == [[False, False, True, False, False, False]] * 2


def test_repeatable_conditional_event_fires_each_quarter_of_its_span():
    always = {"cooperation_below": 1.0, "dyad": "AAA-BBB", "variable": "military"}
    event = toy_event(
        type="interdependence_change",
        when={**always, "from": "2008Q2", "until": "2008Q4"},
        once=False,
        dyad="AAA-BBB",
        delta=0.01,
    )
    compiled = compile_scenario(toy_scenario(events=[event]))
    fired = simulate(compiled, [1]).history.fired[0, :, 0]
    assert fired.tolist() == [False, True, True, True, False, False]


def test_compiling_resolves_each_events_steps_once():
    compiled = compile_scenario(load_scenario(ROOT / "tests/scenario/fixtures/library/base.yaml"))
    # window 2008Q2..2009Q4: a war in 2008Q3, a reset in 2009Q3, a stalemate checked
    # from 2009Q1 to the end of the window
    assert compiled.event_step == (1, 5, None)
    assert compiled.event_span.tolist() == [[1, 1], [5, 5], [3, 6]]
    empty = compile_scenario(toy_scenario())
    assert empty.event_step == () and empty.event_span.shape == (0, 2)
