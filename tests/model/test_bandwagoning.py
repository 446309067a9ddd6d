"""Bandwagoning by the weak (docs/model.md §8): the form on hand values, then its
behaviour on a synthetic three-actor world over many seeds.

The world: AAA is next to a nuclear great power BBB (proximity 1). CCC, a strong nuclear
state, is either far from AAA and indifferent to it (AAA isolated) or next to it and
friendly (AAA allied). Walt (1987) predicts that a weak, isolated state facing a close,
overwhelming power aligns with it; that allies, or means of its own, make it balance.
"""

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.relations import CONTRIBUTIONS
from bargainsim.model.threat import bandwagoning, split_threat
from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.vocabulary import Variable

from .conftest import _actor, toy_scenario

WINDOW = Window(start=Quarter.parse("2008Q1"), end=Quarter.parse("2015Q4"))
VARIABLES = [v.value for v in Variable]
SEEDS = range(40)
MILITARY = Variable.MILITARY.index


def test_the_form_on_hand_values():
    # Actor 0 weak, 1 strong and close to it, 2 a friend of 0 at proximity p.
    offense = np.array([[0.1, 1.0, 0.6]])
    view = np.zeros((1, 3, 3))
    view[0, 2, 0] = 0.5  # 2 thinks well of 0
    for p, expected in ((0.0, (1.0 - 0.1) / (1.0 + 0.1)), (1.0, (1.0 - 0.4) / (1.0 + 0.4))):
        proximity = np.array([[0.0, 1.0, p], [1.0, 0.0, 0.3], [p, 0.3, 0.0]])
        b = bandwagoning(offense, proximity, view)
        assert b[0, 0, 1] == pytest.approx(expected)
        assert b[0, 1].max() == 0.0  # the strongest state never bandwagons
        assert np.diagonal(b[0]).max() == 0.0
    # A friend's support against j does not count j itself: 2 cannot defend 0 from 2.
    proximity = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.3], [1.0, 0.3, 0.0]])
    b = bandwagoning(offense, proximity, view)
    assert b[0, 0, 2] == pytest.approx((0.6 - 0.1) / (0.6 + 0.1))
    # Deployments near 0 raise 1's offense toward it, at most to 1.
    deployed = np.zeros((1, 3, 3))
    deployed[0, 2, 0] = 0.2
    b = bandwagoning(offense, proximity, view, deployed)
    assert b[0, 0, 2] == pytest.approx((0.8 - 0.1) / (0.8 + 0.1))


def test_no_offense_anywhere_is_no_bandwagoning_not_nan():
    b = bandwagoning(np.zeros((2, 3)), np.ones((3, 3)) - np.eye(3), np.zeros((2, 3, 3)))
    assert np.isfinite(b).all() and not b.any()


def test_the_threat_splits_into_parts_that_add_up():
    threat = np.array([[[0.0, 0.4], [0.2, 0.0]]])
    share = np.array([[[0.0, 0.25], [0.0, 0.0]]])
    balanced, toward = split_threat(threat, share)
    np.testing.assert_allclose(balanced + toward, threat)
    assert toward[0, 0, 1] == pytest.approx(0.1)
    plain, none = split_threat(threat, None)
    assert plain is threat and not none.any()


def world(*, allied: bool, weak: bool = True, bandwagoning_weight: float = 1.0):
    scenario = toy_scenario(parameters={"bandwagoning_weight": bandwagoning_weight})
    scenario.window = WINDOW
    gdp, military, nuclear = (60, 1, False) if weak else (3000, 200, True)
    near_friend = 1.0 if allied else 0.1
    scenario.actors["AAA"] = _actor(
        "AAA", gdp, military, nuclear, [0.4, 0.3, 0.2, 0.1], "autocracy",
        {"BBB": 1.0, "CCC": near_friend},
    )  # fmt: skip
    scenario.actors["CCC"] = _actor("CCC", 8000, 400, True, [0.2, 0.3, 0.4, 0.1], "autocracy", {})
    # AAA-BBB is not listed: it starts where its drivers hold it, bandwagoning included.
    scenario.initial_cooperation = {
        ("AAA", "CCC"): dict.fromkeys(VARIABLES, 0.6 if allied else 0.0),
    }
    return scenario


def toward_great_power(scenario, seeds=SEEDS) -> np.ndarray:
    """AAA's military cooperation toward BBB at the end, per seed."""
    compiled = compile_scenario(scenario)
    history = simulate(compiled, seeds).history
    a, b = compiled.actor_index("AAA"), compiled.actor_index("BBB")
    for k, (x, y) in enumerate(compiled.dyads):
        if {x, y} == {a, b}:
            forward = history.a_to_b if x == a else history.b_to_a
            return forward[:, -1, k, MILITARY]
    raise AssertionError("no AAA-BBB dyad")


def bandwagoning_effect(**world_options) -> np.ndarray:
    """The same seeds with and without bandwagoning (common random numbers)."""
    on = toward_great_power(world(**world_options))
    off = toward_great_power(world(**world_options, bandwagoning_weight=0.0))
    return on - off


def test_an_isolated_weak_state_aligns_with_the_great_power_next_to_it():
    on = toward_great_power(world(allied=False))
    off = toward_great_power(world(allied=False, bandwagoning_weight=0.0))
    assert ((on - off) > 0.2).mean() >= 0.9
    # Without bandwagoning it balances (cooperation below zero); with it, it aligns.
    assert (off < 0).mean() >= 0.9 and (on > 0).mean() >= 0.9


def test_a_friend_next_door_makes_the_weak_state_bandwagon_less():
    isolated = bandwagoning_effect(allied=False)
    allied = bandwagoning_effect(allied=True)
    assert (allied < isolated).mean() >= 0.9
    assert allied.mean() < 0.5 * isolated.mean()


def test_a_state_with_means_of_its_own_bandwagons_little():
    weak = bandwagoning_effect(allied=False)
    capable = bandwagoning_effect(allied=False, weak=False)
    assert capable.mean() < 0.25 * weak.mean()


def test_a_capable_state_with_a_friend_next_door_does_not_bandwagon_at_all():
    # Its own forces and its friend's match the great power's: b is zero throughout, so
    # turning bandwagoning off changes nothing but rounding.
    assert np.abs(bandwagoning_effect(allied=True, weak=False)).max() < 1e-3


def test_contributions_record_the_bandwagoning_part_and_still_sum_to_the_change():
    compiled = compile_scenario(world(allied=False))
    history = simulate(compiled, range(3), contributions=True).history
    a, b = compiled.actor_index("AAA"), compiled.actor_index("BBB")
    parts = history.contributions[:, 1:, a, b, MILITARY]
    k = CONTRIBUTIONS.index("bandwagoning")
    assert (parts[..., k] > 0).all()  # it pulls AAA toward BBB every quarter
    assert not history.contributions[:, 1:, b, a, :, k].any()  # BBB never bandwagons
    off = compile_scenario(world(allied=False, bandwagoning_weight=0.0))
    quiet = simulate(off, range(3), contributions=True).history
    assert not quiet.contributions[..., k].any()
