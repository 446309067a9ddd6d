"""Each registered event type has an effect, and each effect does what its docstring says."""

from types import SimpleNamespace

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.event_effects import EFFECTS, condition_holds
from bargainsim.model.state import EnsembleState
from bargainsim.scenario import EVENT_TYPES
from bargainsim.vocabulary import IssueStatus, Variable

from .conftest import toy_scenario


def test_every_registered_event_type_has_an_effect_and_a_docstring():
    assert set(EVENT_TYPES) == set(EFFECTS)
    for name, schema in EVENT_TYPES.items():
        assert (schema.__doc__ or "").strip(), name


def _state(n_runs=2):
    compiled = compile_scenario(toy_scenario())
    return compiled, EnsembleState.initial(compiled, n_runs)


FIRE_FIRST = np.array([True, False])


def _event(type_, **fields):
    return SimpleNamespace(type=type_, **fields)


def test_shock_moves_both_directions_only_where_fired_and_is_recorded():
    compiled, state = _state()
    before = state.cooperation.copy()
    event = _event("shock", dyad=("AAA", "BBB"), variables=[Variable.MILITARY], delta=-0.5)
    EFFECTS["shock"](state, event, compiled, FIRE_FIRST)
    m = Variable.MILITARY.index
    expected = max(before[0, 0, 1, m] - 0.5, -1.0)
    assert state.cooperation[0, 0, 1, m] == pytest.approx(expected)
    assert state.cooperation[0, 1, 0, m] == pytest.approx(expected)
    assert state.cooperation[1, 0, 1, m] == before[1, 0, 1, m]
    assert state.shock_total[0, 0, 1, m] == pytest.approx(expected - before[0, 0, 1, m])
    assert state.cooperation[0, 0, 1, Variable.ECONOMICS.index] == before[0, 0, 1, 2]


def test_position_shift_moves_interest_and_stance():
    compiled, state = _state()
    state.position[:, 0, 0] = 0.3  # the stance has been bargained away from the interest
    event = _event("position_shift", actor="AAA", issue="shield", delta=20.0, to=None)
    EFFECTS["position_shift"](state, event, compiled, FIRE_FIRST)
    assert state.ideal[0, 0, 0] == pytest.approx(0.1 + 0.2)
    assert state.position[0, 0, 0] == pytest.approx(0.3 + 0.2)
    assert state.ideal[1, 0, 0] == pytest.approx(0.1)


def test_salience_change_keeps_total_at_most_one():
    compiled, state = _state()
    event = _event("salience_change", actor="CCC", issue="shield", delta=None, to=90.0)
    EFFECTS["salience_change"](state, event, compiled, FIRE_FIRST)
    assert state.salience[0, 2, 0] == pytest.approx(0.9)
    assert state.salience[0, 2].sum() == pytest.approx(1.0)
    assert state.salience[1, 2, 0] == pytest.approx(0.2)


def test_preference_capability_membership_and_interdependence():
    compiled, state = _state()
    weights = {v: w for v, w in zip(Variable, [0.1, 0.2, 0.3, 0.4], strict=True)}
    EFFECTS["preference_change"](
        state, _event("preference_change", actor="BBB", weights=weights), compiled, FIRE_FIRST
    )
    np.testing.assert_allclose(state.preferences[0, 1], [0.1, 0.2, 0.3, 0.4])
    EFFECTS["capability_change"](
        state,
        _event("capability_change", actor="AAA", component="military_usd_bn", factor=2.0),
        compiled,
        FIRE_FIRST,
    )
    assert state.military[0, 0] == 120 and state.military[1, 0] == 60
    EFFECTS["institution_join"](
        state, _event("institution_join", actor="BBB", institution="BLOC"), compiled, FIRE_FIRST
    )
    assert state.membership[0, 1, 0] and not state.membership[1, 1, 0]
    EFFECTS["institution_leave"](
        state, _event("institution_leave", actor="AAA", institution="BLOC"), compiled, FIRE_FIRST
    )
    assert not state.membership[0, 0, 0] and state.membership[1, 0, 0]
    EFFECTS["interdependence_change"](
        state,
        _event("interdependence_change", dyad=("AAA", "BBB"), delta=None, to=0.4),
        compiled,
        FIRE_FIRST,
    )
    assert state.interdependence[0, 0, 1] == state.interdependence[0, 1, 0] == 0.4


def test_conditions_read_the_state():
    compiled, state = _state()
    state.status[:, 0] = [IssueStatus.DEADLOCK, IssueStatus.OPEN]
    deadlock = SimpleNamespace(issue_status="deadlock", issue="shield")
    assert list(condition_holds(deadlock, state, compiled)) == [True, False]
    state.cooperation[:, 0, 1, 0] = state.cooperation[:, 1, 0, 0] = [-0.5, 0.5]
    below = SimpleNamespace(
        issue_status=None,
        cooperation_below=0.0,
        cooperation_above=None,
        dyad=("AAA", "BBB"),
        variable="military",
    )
    assert list(condition_holds(below, state, compiled)) == [True, False]


def test_probabilistic_and_conditional_events_fire_per_run():
    event = SimpleNamespace(
        id="maybe",
        type="salience_change",
        quarter="2008Q2",
        when=None,
        probability=0.5,
        once=True,
        actor="AAA",
        issue="shield",
        delta=10.0,
        to=None,
    )
    compiled = compile_scenario(toy_scenario(events=[event]))
    fired = simulate(compiled, range(200)).history.fired
    assert fired[:, 1, 0].mean() == pytest.approx(0.5, abs=0.12)
    assert not fired[:, [0, 2, 3, 4, 5], 0].any()


def test_conditional_event_fires_once_within_its_span_when_the_condition_holds():
    always = SimpleNamespace(
        issue_status=None,
        cooperation_below=1.0,  # always true: cooperation never exceeds 1
        cooperation_above=None,
        dyad=("AAA", "BBB"),
        variable="military",
        from_="2008Q3",
        until=None,
    )
    event = SimpleNamespace(
        id="when_apart",
        type="interdependence_change",
        quarter=None,
        when=always,
        probability=1.0,
        once=True,
        dyad=("AAA", "BBB"),
        delta=0.1,
        to=None,
    )
    compiled = compile_scenario(toy_scenario(events=[event]))
    fired = simulate(compiled, [1, 2]).history.fired[:, :, 0]
    # quarters are 2008Q1..2009Q2: the span starts at step 2 and the event fires once
    assert fired.tolist() == [[False, False, True, False, False, False]] * 2
