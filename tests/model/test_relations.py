"""Relation drivers and update, against hand-computed values; invariants by hypothesis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainsim.model.issues import dyad_class, issue_spread, issue_status
from bargainsim.model.relations import (
    CONTRIBUTIONS,
    DRIVERS,
    SHARES_WEIGHT,
    alliance_flags,
    driver_terms,
    issue_alignment,
    relation_target,
    shared_institutions,
    update_cooperation,
)
from bargainsim.parameters import ModelParameters
from bargainsim.vocabulary import IssueStatus, Posture


def test_alignment_is_stake_weighted_agreement_per_variable():
    position = np.array([[[0.0, 0.5], [0.25, 0.5], [1.0, 0.0]]])
    salience = np.array([[[0.5, 0.5], [0.5, 0.0], [0.2, 0.8]]])
    issue_variable = np.array([0, 0])  # both issues military
    alignment, stake = issue_alignment(position, salience, issue_variable, 4)
    # actors 0, 1: issue 0 gap .25 -> 0.5 agreement with stake .5; issue 1 stake 0
    assert alignment[0, 0, 1, 0] == pytest.approx(0.5)
    assert stake[0, 0, 1, 0] == pytest.approx(0.5)
    # actors 0, 2: issue 0 gap 1 (-1, stake sqrt(.1)), issue 1 gap .5 (0, stake sqrt(.4))
    w0, w1 = np.sqrt(0.1), np.sqrt(0.4)
    assert alignment[0, 0, 2, 0] == pytest.approx((-w0 + 0 * w1) / (w0 + w1))
    assert stake[0, 0, 1, 1] == 0.0 and alignment[0, 0, 1, 1] == 0.0


def test_shared_institutions_count_bodies_covering_each_variable():
    membership = np.array([[[True, True], [True, False], [True, True]]])
    covers = np.array([[True, False, False, False], [True, True, False, False]])
    shared = shared_institutions(membership, covers)
    assert shared[0, 0, 2, 0] == 2 and shared[0, 0, 2, 1] == 1
    assert shared[0, 0, 1, 0] == 1 and shared[0, 0, 1, 1] == 0


def _terms(n=3, **overrides):
    rng = np.random.default_rng(5)
    shape = (2, n, n)
    arrays = {
        "cooperation": rng.uniform(-1, 1, (*shape, 4)),
        "alignment": rng.uniform(-1, 1, (*shape, 4)),
        "stake": rng.uniform(0, 1, (*shape, 4)),
        "shared": rng.integers(0, 3, (*shape, 4)).astype(float),
        "interdependence": rng.uniform(0, 1, shape),
        "sanctions": np.zeros((*shape, 4)),
        "threat": rng.uniform(0, 1, shape),
        "intent": rng.uniform(0, 1, shape),
        "common": rng.uniform(0, 1, shape),
        "balance": rng.uniform(0, 1, shape),
        "regime": rng.uniform(0, 1, (2, n)),
    }
    arrays.update(overrides)
    return arrays


def test_target_is_the_weighted_mean_of_driver_signals():
    params = ModelParameters()
    arrays = _terms()
    signals, weights = driver_terms(**arrays, params=params)
    target = relation_target(signals, weights)
    r, i, j = 1, 0, 2
    for v in range(4):
        w = {d: float(np.broadcast_to(weights[d], target.shape)[r, i, j, v]) for d in DRIVERS}
        x = {d: float(np.broadcast_to(signals[d], target.shape)[r, i, j, v]) for d in DRIVERS}
        # Bandwagoning shares the threat's weight: one response to the threat, split.
        weight = sum(w[d] for d in DRIVERS if d not in SHARES_WEIGHT)
        expected = sum(w[d] * x[d] for d in DRIVERS) / weight
        assert target[r, i, j, v] == pytest.approx(expected)
    # i answers what j does to it: the reciprocity signal reads c[j -> i]
    reciprocity = signals["reciprocity"][r, i, j]
    np.testing.assert_allclose(
        reciprocity, np.tanh(params.reaction_gain * arrays["cooperation"][r, j, i])
    )


def test_security_drivers_bear_only_on_military_and_geopolitics():
    _signals, weights = driver_terms(**_terms(), params=ModelParameters())
    for driver in ("threat", "bandwagoning", "intent", "common_threat", "structural_balance"):
        w = np.broadcast_to(weights[driver], (2, 3, 3, 4))
        assert (w[..., :2] > 0).all() and not w[..., 2:].any(), driver
    assert not np.broadcast_to(weights["sanctions"], (2, 3, 3, 4)).any()  # none in force


def test_sanctions_are_hostile_on_the_variables_they_cover_in_both_directions():
    sanctions = np.zeros((2, 3, 3, 4))
    sanctions[:, 0, 1, 2] = 0.6  # actor 0 sanctions actor 1 on economics
    signals, weights = driver_terms(**_terms(sanctions=sanctions), params=ModelParameters())
    for a, b in ((0, 1), (1, 0)):
        assert signals["sanctions"][0, a, b, 2] == pytest.approx(-0.6)
        assert weights["sanctions"][0, a, b, 2] > 0
    assert not weights["sanctions"][0, 0, 1, :2].any()
    assert not weights["sanctions"][0, 0, 2].any()


@settings(max_examples=60, deadline=None)
@given(
    gain=st.floats(0, 50),
    noise_sd=st.floats(0, 0.5),
    damping=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_update_stays_in_bounds_and_its_terms_sum_to_the_change(gain, noise_sd, damping, seed):
    params = ModelParameters(reaction_gain=gain, noise_sd=noise_sd, interdependence_damping=damping)
    arrays = _terms()
    signals, weights = driver_terms(**arrays, params=params)
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(arrays["cooperation"].shape)
    parts = np.zeros((*arrays["cooperation"].shape, len(CONTRIBUTIONS)))
    updated = update_cooperation(
        arrays["cooperation"],
        signals,
        weights,
        rng.uniform(0, 1, (2, 3)),
        arrays["shared"],
        arrays["interdependence"],
        noise,
        params,
        parts,
    )
    assert np.isfinite(updated).all() and np.abs(updated).max() <= 1.0
    off = ~np.eye(3, dtype=bool)
    change = (updated - arrays["cooperation"])[:, off]
    np.testing.assert_allclose(parts.sum(axis=-1)[:, off], change, rtol=0, atol=1e-12)


def test_interdependence_damps_a_fall_not_a_rise():
    params = ModelParameters(noise_sd=0.0, interdependence_damping=0.5)
    falling = _terms(alignment=-np.ones((2, 3, 3, 4)), cooperation=np.full((2, 3, 3, 4), 0.5))
    moves = []
    for e in (0.0, 1.0):
        arrays = dict(falling, interdependence=np.full((2, 3, 3), e))
        signals, weights = driver_terms(**arrays, params=params)
        updated = update_cooperation(
            arrays["cooperation"],
            signals,
            weights,
            np.full((2, 3), 0.5),
            np.zeros((2, 3, 3, 4)),
            arrays["interdependence"],
            np.zeros((2, 3, 3, 4)),
            params,
        )
        moves.append(updated[0, 0, 1, 0] - 0.5)
    assert moves[0] < moves[1] < 0  # both fall; the interdependent pair falls less


def test_alliance_needs_all_four_variables():
    c = np.zeros((1, 2, 2, 4))
    c[0, 0, 1] = c[0, 1, 0] = [0.7, 0.7, 0.7, 0.5]
    assert not alliance_flags(c, 0.6)[0, 0, 1]
    c[0, 0, 1, 3] = c[0, 1, 0, 3] = 0.65
    assert alliance_flags(c, 0.6)[0, 0, 1]


def test_issue_status_classifies_deadlock_compromise_and_open():
    position = np.array([[[0.1, 0.5, 0.5], [0.9, 0.55, 0.9]]])
    salience = np.array([[[0.3, 0.3, 0.3], [0.3, 0.3, 0.0]]])
    spread = issue_spread(position, salience, party_salience=1.0)
    np.testing.assert_allclose(spread, [[80.0, 5.0, 0.0]])
    # apart now and a quarter ago, even after a swing: deadlock
    status = issue_status(spread, np.array([[50.0, 5.0, 0.0]]), deadlock_gap=35, compromise_gap=15)
    assert list(status[0]) == [IssueStatus.DEADLOCK, IssueStatus.COMPROMISE, IssueStatus.COMPROMISE]
    # apart only since this quarter: open
    fresh = issue_status(spread, np.array([[20.0, 5.0, 0.0]]), deadlock_gap=35, compromise_gap=15)
    assert fresh[0, 0] == IssueStatus.OPEN


def test_dyad_class_takes_the_harder_posture():
    postures = np.array([[[0, 0, 2], [0, 0, 1], [0, 1, 0]]], dtype=np.int8)
    classes = dyad_class(postures)
    assert classes[0, 0, 1] == Posture.COOPERATE
    assert classes[0, 0, 2] == Posture.BALANCE
    assert classes[0, 1, 2] == Posture.HEDGE
