"""Power and threat, against hand-computed values."""

import itertools

import numpy as np
import pytest

from bargainsim.model.threat import (
    composite_view,
    offensive_capability,
    power_share,
    third_party_terms,
    threat_matrix,
    update_intent,
)


def test_power_share_is_mean_of_gdp_and_military_shares():
    gdp = np.array([[300.0, 100.0]])
    military = np.array([[10.0, 30.0]])
    # GDP shares .75/.25, military shares .25/.75 -> both 0.5
    np.testing.assert_allclose(power_share(gdp, military), [[0.5, 0.5]])


def test_offensive_capability_blends_spending_and_nuclear_status():
    military = np.array([[100.0, 50.0, 25.0]])
    nuclear = np.array([[1.0, 0.0, 1.0]])
    result = offensive_capability(military, nuclear, nuclear_weight=0.5)
    np.testing.assert_allclose(result, [[1.0, 0.25, 0.625]])


def test_composite_view_weights_variables_by_the_viewers_preferences():
    cooperation = np.zeros((1, 2, 2, 4))
    cooperation[0, 0, 1] = cooperation[0, 1, 0] = [1.0, -1.0, 0.5, 0.0]
    preferences = np.array([[[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]]])
    view = composite_view(cooperation, preferences)
    assert view[0, 0, 1] == pytest.approx(0.0)
    assert view[0, 1, 0] == pytest.approx(0.5)


def test_threat_is_intent_times_the_geometric_mean_of_walts_material_sources():
    power = np.array([[0.2, 0.6, 0.2]])
    offense = np.array([[0.5, 1.0, 0.1]])
    proximity = np.array([[0, 0.8, 0.1], [0.8, 0, 0.3], [0.1, 0.3, 0]])
    intent = np.full((1, 3, 3), 0.5)
    threat = threat_matrix(power, offense, proximity, intent)
    expected = 0.5 * np.cbrt(0.6 / 0.8 * 0.8 * 1.0)  # 0's threat from 1
    assert threat[0, 0, 1] == pytest.approx(expected)
    assert (np.diagonal(threat[0]) == 0).all()


def test_a_state_believed_benign_or_without_means_poses_no_threat():
    power = np.array([[0.5, 0.5]])
    intent = np.array([[[0.0, 0.0], [0.9, 0.0]]])
    threat = threat_matrix(power, np.array([[1.0, 0.0]]), np.array([[0, 1.0], [1.0, 0]]), intent)
    assert threat[0, 0, 1] == 0.0  # 0 believes 1 benign (and 1 has no offense)
    assert threat[0, 1, 0] > 0.5


def test_hostile_acts_raise_belief_in_hostile_intent_and_it_fades_without_them():
    prior = np.full((1, 2, 2), 0.3)
    belief = prior.copy()
    acts = np.zeros((1, 2, 2))
    acts[0, 1, 0] = 1.0  # actor 1 balances actor 0 every quarter
    history = []
    for _ in range(12):
        belief = update_intent(belief, prior, acts, learning=0.15, forgetting=0.05)
        history.append(belief[0, 0, 1])
    assert all(b > a for a, b in itertools.pairwise(history))  # a squeeze
    assert belief[0, 1, 0] == pytest.approx(0.3)  # 0 did nothing to 1
    for _ in range(200):
        belief = update_intent(belief, prior, 0 * acts, learning=0.15, forgetting=0.05)
    assert belief[0, 0, 1] == pytest.approx(0.3, abs=1e-3)


def test_enemy_of_my_enemy_is_not_capped_by_the_smaller_threat():
    threat = np.zeros((1, 3, 3))
    threat[0, 0, 2] = 0.8  # 0 fears 2; 1 does not fear 2 ...
    view = np.zeros((1, 3, 3))
    view[0, 1, 2] = -0.6  # ... but is hostile to it
    common, balance = third_party_terms(threat, view)
    assert common[0, 0, 1] == pytest.approx(0.8 * 0.6)
    assert common[0, 1, 0] == 0.0  # 1 fears nobody
    view[0, 1, 2] = 0.5  # now 1 is friendly with 0's threat
    common, balance = third_party_terms(threat, view)
    assert balance[0, 0, 1] == pytest.approx(0.8 * 0.5) and common[0, 0, 1] == 0.0
