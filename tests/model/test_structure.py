"""Issues that open and close, deployments, a bloc's enlargement and treaties: each effect
does what its schema's docstring says, and the quarter step reads what is in force."""

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.events import event_type
from bargainsim.model.relations import CONTRIBUTIONS, adjustment_persistence, driver_terms
from bargainsim.model.state import EnsembleState
from bargainsim.model.structure import deployments_in_place, treaty_institutions
from bargainsim.model.threat import threat_matrix
from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import Variable

from .conftest import toy_event, toy_scenario

AAA, BBB, CCC = 0, 1, 2
SHIELD, TRADE = 0, 1
FIRE_FIRST = np.array([True, False])


def _compiled(events=(), closed=()):
    scenario = toy_scenario(events=list(events))
    scenario.closed_issues = list(closed)
    return compile_scenario(scenario)


def _apply(state, compiled, **fields):
    fields.setdefault("quarter", "2008Q2")
    event = toy_event(**fields)
    event_type(event).effect(state, event, compiled, FIRE_FIRST)


# Issues that open and close -----------------------------------------------------------


def test_a_closed_issue_has_no_salience_and_keeps_its_declared_positions():
    compiled = _compiled(closed=["trade"])
    assert not compiled.issue_open[TRADE] and compiled.issue_open[SHIELD]
    assert (compiled.salience[:, TRADE] == 0).all()
    np.testing.assert_allclose(compiled.declared_salience[:, TRADE], [0.3, 0.3, 0.4])
    np.testing.assert_allclose(compiled.position[:, TRADE], [0.4, 0.8, 0.5])


def test_a_stated_position_at_salience_zero_is_kept_an_unstated_one_parked():
    scenario = toy_scenario()
    scenario.issues["shield"].positions["CCC"].salience = 0
    del scenario.issues["trade"].positions["BBB"]
    compiled = compile_scenario(scenario)
    assert compiled.position[CCC, SHIELD] == pytest.approx(0.3)  # stated, kept
    # not stated: the parties' salience-weighted mean, (0.4·30 + 0.5·40) / 70
    assert compiled.position[BBB, TRADE] == pytest.approx((0.4 * 30 + 0.5 * 40) / 70)


def test_opening_restores_the_declared_saliences_and_the_run_sees_the_issue_from_then():
    opens = toy_event(type="issue_open", issue="trade", quarter="2008Q3")
    compiled = _compiled([opens], closed=["trade"])
    history = simulate(compiled, [1, 2]).history
    # steps: 0 the start, k the end of quarter k (2008Q3 is the third quarter)
    assert (history.salience[:, :3, :, TRADE] == 0).all()
    assert (history.spread[:, :3, TRADE] == 0).all()
    np.testing.assert_allclose(history.salience[:, 3:, :, TRADE], [[[30, 30, 40]] * 4] * 2)
    np.testing.assert_allclose(history.salience[:, 3:, :, SHIELD], [[[40, 30, 20]] * 4] * 2)


def test_opening_scales_other_saliences_to_keep_totals_at_most_one():
    compiled = _compiled(closed=["trade"])
    state = EnsembleState.initial(compiled, 2)
    state.salience[:, CCC, SHIELD] = 0.9
    _apply(state, compiled, type="issue_open", issue="trade")
    assert state.salience[0, CCC, TRADE] == pytest.approx(0.4)
    assert state.salience[0, CCC, SHIELD] == pytest.approx(0.6)
    assert state.salience[0].sum(axis=-1).max() <= 1.0 + 1e-12
    assert state.salience[1, CCC, TRADE] == 0.0  # not fired in run 1
    assert state.issue_open[0, TRADE] and not state.issue_open[1, TRADE]


def test_closing_zeroes_every_salience_and_reopening_brings_back_the_last_ones():
    compiled = _compiled()
    state = EnsembleState.initial(compiled, 2)
    state.salience[:, AAA, SHIELD] = 0.25
    _apply(state, compiled, type="issue_close", issue="shield")
    assert (state.salience[0, :, SHIELD] == 0).all()
    assert not state.issue_open[0, SHIELD]
    assert state.salience[1, AAA, SHIELD] == 0.25
    # a salience change while closed is what the actor brings when it reopens
    _apply(state, compiled, type="salience_change", actor="BBB", issue="shield", to=10.0)
    assert state.salience[0, BBB, SHIELD] == 0.0
    _apply(state, compiled, type="issue_open", issue="shield")
    np.testing.assert_allclose(state.salience[0, :, SHIELD], [0.25, 0.1, 0.2])


def test_a_closed_issue_stays_at_zero_salience_through_the_run():
    closes = toy_event(type="issue_close", issue="shield", quarter="2008Q2")
    history = simulate(_compiled([closes]), [3]).history
    assert (history.salience[0, 2:, :, SHIELD] == 0).all()
    assert (history.salience[0, :2, :, SHIELD] > 0).any()


# Deployments --------------------------------------------------------------------------


def test_a_deployment_adds_to_offense_toward_the_state_it_is_near_capped_at_one():
    power = np.array([[0.2, 0.6, 0.2]])
    offense = np.array([[0.5, 0.7, 0.1]])
    proximity = np.array([[0, 0.8, 0.1], [0.8, 0, 0.3], [0.1, 0.3, 0]])
    intent = np.full((1, 3, 3), 0.5)
    deployed = np.zeros((1, 3, 3))
    deployed[0, BBB, AAA] = 0.2  # BBB deploys near AAA
    deployed[0, AAA, CCC] = 0.8  # AAA near CCC: 0.5 + 0.8 is capped at 1
    threat = threat_matrix(power, offense, proximity, intent, deployed)
    assert threat[0, AAA, BBB] == pytest.approx(0.5 * np.cbrt(0.6 / 0.8 * 0.8 * 0.9))
    assert threat[0, CCC, AAA] == pytest.approx(0.5 * np.cbrt(0.2 / 0.4 * 0.1 * 1.0))
    plain = threat_matrix(power, offense, proximity, intent)
    assert threat[0, BBB, AAA] == plain[0, BBB, AAA]  # not toward the deployer
    assert threat[0, CCC, BBB] == plain[0, CCC, BBB]


def test_a_deployment_is_in_place_through_its_last_quarter_and_a_later_one_replaces_it():
    compiled = _compiled()
    state = EnsembleState.initial(compiled, 2)
    _apply(state, compiled, type="deployment", by="BBB", near="AAA", level=0.3, until="2008Q3")
    assert state.deployed[0, BBB, AAA] == 0.3 and state.deployed[1, BBB, AAA] == 0.0
    assert deployments_in_place(state, 2)[0, BBB, AAA] == 0.3  # 2008Q3 is step 2
    assert deployments_in_place(state, 3)[0, BBB, AAA] == 0.0
    _apply(state, compiled, type="deployment", by="BBB", near="AAA", level=0.1)
    assert deployments_in_place(state, 5)[0, BBB, AAA] == 0.1  # to the window's end


def test_a_deployment_raises_the_threat_and_the_belief_in_hostile_intent_while_in_place():
    # AAA's offense is 0.55 (a tenth of the top spending, and nuclear); BBB's is already 1
    deploys = toy_event(
        type="deployment", quarter="2008Q2", by="AAA", near="BBB", level=0.5, until="2008Q4"
    )
    seeds = range(20)
    with_it = simulate(_compiled([deploys]), seeds).history
    without = simulate(_compiled(), seeds).history
    # the same seeds, the same draws; 2008Q2 is the second quarter, recorded at step 2
    assert (with_it.threat[:, 2, BBB, AAA] > without.threat[:, 2, BBB, AAA]).all()
    belief = with_it.intent[:, 4, BBB, AAA] - without.intent[:, 4, BBB, AAA]
    assert belief.min() > 0.0
    np.testing.assert_array_equal(with_it.intent[:, 1], without.intent[:, 1])


# A bloc's enlargement -----------------------------------------------------------------


def test_enlargement_brings_the_members_closer_to_the_state_and_counts_once_as_evidence():
    compiled = _compiled()
    state = EnsembleState.initial(compiled, 2)
    before = state.proximity.copy()
    _apply(
        state,
        compiled,
        type="bloc_enlargement",
        institution="BLOC",
        toward="BBB",
        proximity=0.7,
        evidence=2.0,
    )
    # BLOC's members are AAA and CCC; both move to at least 0.7 from BBB, both ways
    assert state.proximity[0, AAA, BBB] == state.proximity[0, BBB, AAA] == 0.7
    assert state.proximity[0, CCC, BBB] == state.proximity[0, BBB, CCC] == 0.7
    assert state.proximity[0, AAA, CCC] == before[0, AAA, CCC]
    np.testing.assert_array_equal(state.proximity[1], before[1])
    assert state.hostile_evidence[0, AAA, BBB] == state.hostile_evidence[0, CCC, BBB] == 2.0
    assert state.hostile_evidence[0].sum() == 4.0 and not state.hostile_evidence[1].any()


def test_enlargement_never_lowers_proximity_and_does_nothing_toward_a_member():
    compiled = _compiled()
    state = EnsembleState.initial(compiled, 2)
    assert state.proximity[0, AAA, CCC] == 1.0
    _apply(
        state, compiled, type="bloc_enlargement", institution="BLOC", toward="BBB", proximity=0.1
    )
    assert state.proximity[0, AAA, BBB] == compiled.proximity[AAA, BBB]  # 0.2 > 0.1
    before = state.proximity.copy()
    state.hostile_evidence[:] = 0.0
    _apply(state, compiled, type="bloc_enlargement", institution="BLOC", toward="CCC", proximity=1)
    np.testing.assert_array_equal(state.proximity, before)
    assert not state.hostile_evidence.any()


def test_enlargement_evidence_is_consumed_by_the_quarter_it_happens_in():
    enlarges = toy_event(
        type="bloc_enlargement", quarter="2008Q2", institution="BLOC", toward="BBB", proximity=1
    )
    seeds = range(10)
    with_it = simulate(_compiled([enlarges]), seeds).history
    without = simulate(_compiled(), seeds).history
    assert (with_it.intent[:, 2, BBB, AAA] > without.intent[:, 2, BBB, AAA]).all()
    assert (with_it.threat[:, 2, BBB, AAA] > without.threat[:, 2, BBB, AAA]).all()


# Treaties -----------------------------------------------------------------------------


def _treaty(**fields):
    return toy_event(
        type="treaty",
        parties=["AAA", "BBB"],
        variables=["military", "economics"],
        signed="2008Q2",
        **fields,
    )


def test_a_treaty_counts_half_when_signed_whole_in_force_and_nothing_after_it_ends():
    compiled = _compiled([_treaty(in_force="2008Q4", until="2009Q1")])
    assert compiled.event_step == (1,)  # dated by its signature
    state = EnsembleState.initial(compiled, 2)
    event = compiled.events[0]
    event_type(event).effect(state, event, compiled, FIRE_FIRST)
    military, economics = Variable.MILITARY.index, Variable.ECONOMICS.index
    counts = {step: treaty_institutions(state, compiled, step) for step in range(6)}
    assert [counts[step][0, AAA, BBB, military] for step in range(6)] == [0, 0.5, 0.5, 1, 1, 0]
    assert counts[3][0, BBB, AAA, economics] == 1.0
    assert counts[3][0, AAA, BBB, Variable.DOMESTIC.index] == 0.0
    assert counts[3][0, AAA, CCC].sum() == 0.0 and counts[3][0, AAA, AAA].sum() == 0.0
    assert not counts[3][1].any()  # not signed in run 1


def test_a_treaty_not_in_force_in_the_window_stays_at_half():
    compiled = _compiled([_treaty()])
    state = EnsembleState.initial(compiled, 1)
    state.treaty_signed[:] = True
    military = Variable.MILITARY.index
    assert [treaty_institutions(state, compiled, s)[0, AAA, BBB, military] for s in range(6)] == [
        0.0
    ] + [0.5] * 5


def test_institutions_saturate_each_one_closing_half_the_remaining_gap():
    shared = np.array([0.0, 0.5, 1.0, 2.0, 3.0]).reshape(1, 1, 5, 1) * np.ones((1, 1, 1, 4))
    shape = shared.shape
    zeros = np.zeros(shape[:-1])
    signals, _ = driver_terms(
        cooperation=np.zeros(shape),
        alignment=np.zeros(shape),
        stake=np.zeros(shape),
        shared=shared,
        interdependence=zeros,
        sanctions=np.zeros(shape),
        threat=zeros,
        intent=zeros,
        common=zeros,
        balance=zeros,
        regime=np.zeros((1, 1)),
        params=ModelParameters(),
    )
    expected = [0.0, 1 - 0.5**0.5, 0.5, 0.75, 0.875]
    np.testing.assert_allclose(signals["institutions"][0, 0, :, 0], expected)
    gamma = adjustment_persistence(np.full((1, 5), 0.8), shared, ModelParameters())
    # stickiness: γ = g + (1 - g)·k_I·min(shared, 1), g = 0.8 and k_I = 0.5
    np.testing.assert_allclose(gamma[0, 0, :, 0], [0.8, 0.85, 0.9, 0.9, 0.9])


def test_a_treaty_warms_its_parties_on_its_variables():
    # The institutions' pull on the parties' relation is larger in every run and quarter
    # the treaty is in force (the treaty also makes the relation stickier, which slows any
    # movement, so the level itself is not the test).
    seeds = range(20)
    with_it = simulate(_compiled([_treaty(in_force="2008Q2")]), seeds, contributions=True).history
    without = simulate(_compiled(), seeds, contributions=True).history
    pair = 0  # dyad AAA-BBB
    military, domestic = Variable.MILITARY.index, Variable.DOMESTIC.index
    institutions = CONTRIBUTIONS.index("institutions")
    pulled = with_it.contributions[:, 2:, 0, 1, military, institutions]
    plain = without.contributions[:, 2:, 0, 1, military, institutions]
    assert (pulled > plain).all()
    change = with_it.cooperation[:, 1, pair, domestic] - without.cooperation[:, 1, pair, domestic]
    assert np.abs(change).max() == 0.0  # before the signature nothing differs
