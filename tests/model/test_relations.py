"""Relation drivers and update, against hand-computed values; invariants by hypothesis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bargainsim.model.issues import dyad_class, issue_spread, issue_status
from bargainsim.model.parameters import ModelParameters
from bargainsim.model.relations import (
    alliance_flags,
    issue_alignment,
    relation_drive,
    shared_institutions,
    update_cooperation,
)
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


def test_drive_adds_each_documented_term():
    params = ModelParameters()
    n = 2
    zeros = np.zeros((1, n, n))
    threat = np.array([[[0.0, 0.2], [0.4, 0.0]]])
    drive = relation_drive(
        alignment=np.full((1, n, n, 4), 0.5),
        reciprocity=np.full((1, n, n), -1.0),
        shared=np.zeros((1, n, n, 4)),
        interdependence=np.full((1, n, n), 0.1),
        threat=threat,
        common=zeros,
        regime=np.array([[1.0, 0.0]]),
        params=params,
    )
    base = 1.0 * 0.5 + 0.5 * -1.0
    assert drive[0, 0, 1, 0] == pytest.approx(base - 1.0 * 0.3)  # mutual threat .3
    assert drive[0, 0, 1, 2] == pytest.approx(base + 1.0 * 0.1)
    assert drive[0, 0, 1, 3] == pytest.approx(base + 0.3 * -1.0)  # opposite regimes


def test_update_is_partial_adjustment_toward_tanh_drive():
    params = ModelParameters(noise_sd=0.0)
    c = np.zeros((1, 2, 2, 4))
    c[0, 0, 1] = c[0, 1, 0] = 0.5
    drive = np.full((1, 2, 2, 4), 1.0)
    inertia = np.array([[0.8, 0.6]])
    updated = update_cooperation(
        c, drive, inertia, np.zeros((1, 2, 2, 4)), np.zeros_like(c), params
    )
    assert updated[0, 0, 1, 0] == pytest.approx(0.7 * 0.5 + 0.3 * np.tanh(1.0))
    assert updated[0, 0, 0, 0] == 0.0


def test_shared_institution_adds_inertia():
    params = ModelParameters(noise_sd=0.0, institution_inertia=0.5)
    c = np.full((1, 2, 2, 4), -0.5)
    shared = np.ones((1, 2, 2, 4))
    updated = update_cooperation(
        c, np.full_like(c, 3.0), np.array([[0.6, 0.6]]), shared, np.zeros_like(c), params
    )
    gamma = 0.6 + 0.4 * 0.5
    assert updated[0, 0, 1, 0] == pytest.approx(gamma * -0.5 + (1 - gamma) * np.tanh(3.0))


@settings(max_examples=60, deadline=None)
@given(
    c=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-1, 1)),
    drive=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-1e6, 1e6)),
    noise=arrays(np.float64, (2, 3, 3, 4), elements=st.floats(-50, 50)),
    inertia=arrays(np.float64, (2, 3), elements=st.floats(0, 1)),
    noise_sd=st.floats(0, 0.5),
)
def test_cooperation_stays_in_bounds_and_finite(c, drive, noise, inertia, noise_sd):
    params = ModelParameters(noise_sd=noise_sd)
    updated = update_cooperation(c, drive, inertia, np.zeros_like(c), noise, params)
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
    status = issue_status(
        spread, np.array([[81.0, 5.0, 0.0]]), deadlock_gap=35, compromise_gap=15, stall_tolerance=2
    )
    assert list(status[0]) == [IssueStatus.DEADLOCK, IssueStatus.COMPROMISE, IssueStatus.COMPROMISE]
    moving = issue_status(
        spread, np.array([[90.0, 5.0, 0.0]]), deadlock_gap=35, compromise_gap=15, stall_tolerance=2
    )
    assert moving[0, 0] == IssueStatus.OPEN


def test_dyad_class_takes_the_harder_posture():
    postures = np.array([[[0, 0, 2], [0, 0, 1], [0, 1, 0]]], dtype=np.int8)
    classes = dyad_class(postures)
    assert classes[0, 0, 1] == Posture.COOPERATE
    assert classes[0, 0, 2] == Posture.BALANCE
    assert classes[0, 1, 2] == Posture.HEDGE
