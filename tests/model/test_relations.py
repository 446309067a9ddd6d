"""Relation drivers and update, against hand-computed values; invariants by hypothesis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bargainsim.model.issues import dyad_class, issue_spread, issue_status
from bargainsim.model.relations import (
    alliance_flags,
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


def test_target_is_the_weighted_mean_of_driver_signals():
    params = ModelParameters()
    n = 2
    threat = np.array([[[0.0, 0.2], [0.4, 0.0]]])
    stake = np.zeros((1, n, n, 4))
    stake[..., 0] = 1.0  # a joint stake on military issues only
    target = relation_target(
        alignment=np.full((1, n, n, 4), 0.5),
        stake=stake,
        reciprocity=np.full((1, n, n), -1.0),
        shared=np.full((1, n, n, 4), 1.0),
        interdependence=np.full((1, n, n), 0.1),
        threat=threat,
        common=np.zeros((1, n, n)),
        regime=np.array([[1.0, 0.0]]),
        params=params,
    )
    institutions = 0.3 * 0.5  # one shared body of at most two counts half
    military = (1.0 * 0.5 + 0.5 * -1.0 + institutions + 0.5 * 0.0 - 1.0 * 0.3) / (
        1.0 + 0.5 + 0.3 + 0.5 + 1.0
    )
    assert target[0, 0, 1, 0] == pytest.approx(military)
    geopolitics = (0.5 * -1.0 + institutions - 1.0 * 0.3) / (0.5 + 0.3 + 0.5 + 1.0)
    assert target[0, 0, 1, 1] == pytest.approx(geopolitics)
    economics = (0.5 * -1.0 + institutions + 1.0 * 0.1) / (0.5 + 0.3 + 1.0)
    assert target[0, 0, 1, 2] == pytest.approx(economics)
    domestic = (0.5 * -1.0 + institutions + 0.3 * -1.0) / (0.5 + 0.3 + 0.3)
    assert target[0, 0, 1, 3] == pytest.approx(domestic)


@settings(max_examples=60, deadline=None)
@given(
    alignment=arrays(np.float64, (1, 3, 3, 4), elements=st.floats(-1, 1)),
    reciprocity=arrays(np.float64, (1, 3, 3), elements=st.floats(-1, 1)),
    threat=arrays(np.float64, (1, 3, 3), elements=st.floats(0, 1)),
    weights=st.lists(st.floats(0, 10), min_size=7, max_size=7),
)
def test_target_stays_in_bounds_for_any_weights(alignment, reciprocity, threat, weights):
    names = [
        "alignment_weight",
        "reciprocity_weight",
        "institution_weight",
        "interdependence_weight",
        "threat_weight",
        "common_threat_weight",
        "regime_similarity_weight",
    ]
    params = ModelParameters(**dict(zip(names, weights, strict=True)))
    target = relation_target(
        alignment=alignment,
        stake=np.ones((1, 3, 3, 4)),
        reciprocity=reciprocity,
        shared=np.ones((1, 3, 3, 4)),
        interdependence=np.full((1, 3, 3), 0.5),
        threat=threat,
        common=threat,
        regime=np.array([[1.0, 0.5, 0.0]]),
        params=params,
    )
    assert np.isfinite(target).all()
    assert target.min() >= -1.0 - 1e-12 and target.max() <= 1.0 + 1e-12


def test_shared_institution_adds_inertia():
    params = ModelParameters(noise_sd=0.0, institution_inertia=0.5)
    c = np.full((1, 2, 2, 4), -0.5)
    shared = np.ones((1, 2, 2, 4))
    updated = update_cooperation(
        c, np.full_like(c, 0.8), np.array([[0.6, 0.6]]), shared, np.zeros_like(c), params
    )
    gamma = 0.6 + 0.4 * 0.5
    assert updated[0, 0, 1, 0] == pytest.approx(gamma * -0.5 + (1 - gamma) * 0.8)


@settings(max_examples=60, deadline=None)
@given(
    c=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-1, 1)),
    target=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-1, 1)),
    noise=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-50, 50)),
    inertia=arrays(np.float64, (2, 3), elements=st.floats(0, 1)),
    noise_sd=st.floats(0, 0.5),
)
def test_cooperation_stays_in_bounds_and_finite(c, target, noise, inertia, noise_sd):
    params = ModelParameters(noise_sd=noise_sd)
    updated = update_cooperation(c, target, inertia, np.zeros_like(c), noise, params)
    assert np.isfinite(updated).all()
    assert updated.min() >= -1.0 and updated.max() <= 1.0


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
