"""Logit posture choice."""

import numpy as np
import pytest

from bargainsim.model.postures import choice_probabilities, choose_postures, posture_utilities
from bargainsim.vocabulary import Posture


def test_utilities_mirror_cooperation_and_balancing():
    view = np.array([[[0.0, 0.4], [0.4, 0.0]]])
    reply = np.array([[[0.0, 1.0], [-1.0, 0.0]]])
    threat = np.array([[[0.0, 0.1], [0.2, 0.0]]])
    power = np.array([[0.25, 0.75]])
    u = posture_utilities(
        view, reply, threat, power, reciprocity_weight=0.5, threat_weight=1.0, hedge_value=0.3
    )
    assert u[0, 0, 1, Posture.COOPERATE] == pytest.approx(0.4 + 0.5 - 0.1)
    assert u[0, 0, 1, Posture.BALANCE] == pytest.approx(-(0.4 + 0.5 - 0.1))
    # hedging is worth h * (1 - P_i / max P): 0.3 * (1 - 1/3) for the smaller state
    assert u[0, 0, 1, Posture.HEDGE] == pytest.approx(0.2)
    assert u[0, 1, 0, Posture.HEDGE] == pytest.approx(0.0)


def test_logit_probabilities_match_the_closed_form():
    utilities = np.array([[[[1.0, 0.0, -1.0]]]])
    p = choice_probabilities(utilities, np.array([[2.0]]))
    expected = np.exp([2.0, 0.0, -2.0]) / np.exp([2.0, 0.0, -2.0]).sum()
    np.testing.assert_allclose(p[0, 0, 0], expected)


def test_extreme_rationality_does_not_overflow():
    utilities = np.array([[[[1.0, 0.0, -1.0]]]])
    p = choice_probabilities(utilities, np.array([[1e6]]))
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p[0, 0, 0], [1.0, 0.0, 0.0])


def test_choice_inverts_the_cumulative_distribution():
    p = np.zeros((1, 2, 2, 3))
    p[..., :] = [0.2, 0.3, 0.5]
    uniform = np.array([[[0.1, 0.45], [0.95, 0.19]]])
    chosen = choose_postures(p, uniform)
    assert chosen[0, 0, 1] == Posture.HEDGE
    assert chosen[0, 1, 0] == Posture.BALANCE
    assert chosen[0, 0, 0] == chosen[0, 1, 1] == Posture.COOPERATE
