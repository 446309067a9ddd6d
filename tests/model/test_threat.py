"""Power and threat, against hand-computed values."""

import numpy as np
import pytest

from bargainsim.model.threat import (
    common_threat,
    composite_view,
    offensive_capability,
    power_share,
    threat_matrix,
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


def test_threat_multiplies_walts_four_sources():
    power = np.array([[0.2, 0.8]])
    offense = np.array([[0.5, 1.0]])
    proximity = np.array([[0.0, 0.5], [0.5, 0.0]])
    view = np.array([[[0.0, -0.6], [0.2, 0.0]]])
    threat = threat_matrix(power, offense, proximity, view)
    # 0 from 1: relative power .8, proximity .5, offense 1, intent (1+.6)/2 = .8
    assert threat[0, 0, 1] == pytest.approx(0.8 * 0.5 * 1.0 * 0.8)
    # 1 from 0: relative power .2, proximity .5, offense .5, intent (1-.2)/2 = .4
    assert threat[0, 1, 0] == pytest.approx(0.2 * 0.5 * 0.5 * 0.4)
    assert threat[0, 0, 0] == threat[0, 1, 1] == 0.0


def test_a_friend_poses_no_threat():
    threat = threat_matrix(
        np.array([[0.5, 0.5]]),
        np.array([[1.0, 1.0]]),
        np.array([[0.0, 1.0], [1.0, 0.0]]),
        np.array([[[0.0, 1.0], [1.0, 0.0]]]),
    )
    assert np.all(threat == 0.0)


def test_common_threat_is_the_largest_shared_third_party_threat():
    threat = np.zeros((1, 3, 3))
    threat[0, 0, 2] = 0.4  # 0 threatened by 2
    threat[0, 1, 2] = 0.3  # 1 threatened by 2
    threat[0, 0, 1] = 0.9  # 0 threatened by 1: not a third party for the 0-1 dyad
    result = common_threat(threat)
    assert result[0, 0, 1] == pytest.approx(0.3)
    assert result[0, 1, 0] == pytest.approx(0.3)
    assert result[0, 0, 0] == 0.0
