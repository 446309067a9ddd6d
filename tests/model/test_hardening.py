"""Bargaining under rivalry on a synthetic world: a squeezed great power keeps its core
position, a small state under the same squeeze concedes (docs/model.md §3.1)."""

from types import SimpleNamespace

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.hardening import issue_hardening
from bargainsim.scenario.quarters import Quarter, Window

from .conftest import _actor

VARIABLES = ("military", "geopolitics", "economics", "domestic")
SEEDS = range(30)


def squeeze(hardening_gain: float | None = None):
    """The rival RIV (the strongest, nuclear) stands at 100 on the core issue where both the
    great power GRT (nuclear) and the small state SML stand at 0; everyone is close, and
    the rival's relations with both start hostile."""
    preferences = [0.4, 0.3, 0.2, 0.1]
    near = {"GRT": 1.0, "SML": 1.0, "RIV": 1.0}
    actors = {
        "GRT": _actor("GRT", 2000, 70, True, preferences, "autocracy", near),
        "SML": _actor("SML", 150, 2, False, preferences, "autocracy", near),
        "RIV": _actor("RIV", 14000, 600, True, preferences, "democracy", near),
    }
    stakes = {"core": {"GRT": (0, 40), "SML": (0, 40), "RIV": (100, 40)}}
    issues = {
        issue: SimpleNamespace(
            variable="military",
            positions={
                actor: SimpleNamespace(position=x, salience=s) for actor, (x, s) in by.items()
            },
        )
        for issue, by in stakes.items()
    }
    hostile = dict.fromkeys(VARIABLES, -0.5)
    return SimpleNamespace(
        id="squeeze",
        digest="0" * 64,
        window=Window(start=Quarter.parse("2010Q1"), end=Quarter.parse("2015Q4")),
        actors=actors,
        issues=issues,
        institutions={},
        interdependence={},
        initial_cooperation={("GRT", "RIV"): hostile, ("RIV", "SML"): hostile},
        parameters={} if hardening_gain is None else {"hardening_gain": hardening_gain},
        events=[],
    )


def drift(hardening_gain=None):
    compiled = compile_scenario(squeeze(hardening_gain))
    history = simulate(compiled, SEEDS).history
    core = compiled.issue_index("core")
    return {
        actor: history.position[:, -1, compiled.actor_index(actor), core]
        for actor in ("GRT", "SML")
    }


def test_a_squeezed_great_power_keeps_its_core_position_and_a_small_state_concedes():
    moved = drift()
    assert (moved["GRT"] < 20).mean() >= 0.9  # within a fifth of the gap to the rival
    assert (moved["SML"] > moved["GRT"] + 10).mean() >= 0.9


def test_without_hardening_the_great_power_concedes_more():
    hard, soft = drift(), drift(hardening_gain=0.0)
    assert (soft["GRT"] > hard["GRT"] + 5).mean() >= 0.9


def test_hardening_is_the_anchoring_when_nothing_presses():
    shape = (1, 2, 1)
    kappa = issue_hardening(
        np.zeros(shape),
        np.ones(shape),
        np.full(shape, 0.4),
        np.zeros((1, 2, 2)),
        np.ones((1, 2)),
        anchoring=0.5,
        gain=2.0,
    )
    np.testing.assert_allclose(kappa, 0.5)


def test_hardening_grows_with_threat_core_salience_and_means():
    ideal = np.zeros((1, 2, 2))
    position = np.array([[[0.0, 0.0], [1.0, 1.0]]])  # the opponent at the far end of both
    salience = np.array([[[0.4, 0.1], [0.3, 0.3]]])  # issue 0 is actor 0's core issue
    threat = np.array([[[0.0, 0.3], [0.0, 0.0]]])
    strong = issue_hardening(
        ideal, position, salience, threat, np.array([[1.0, 1.0]]), anchoring=0.5, gain=2.0
    )
    weak = issue_hardening(
        ideal, position, salience, threat, np.array([[0.1, 1.0]]), anchoring=0.5, gain=2.0
    )
    assert strong[0, 0, 0] == pytest.approx(0.5 + 0.5 * 2 * 1.0 * 0.3 * 1.0)
    assert strong[0, 0, 1] == pytest.approx(0.5 + 0.5 * 2 * 0.25 * 0.3 * 1.0)
    assert weak[0, 0, 0] == pytest.approx(0.5 + 0.5 * 2 * 1.0 * 0.3 * 0.1)
