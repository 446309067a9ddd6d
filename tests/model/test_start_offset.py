"""Listed start relations as steady states (docs/model.md §1.1): each listed relation keeps
the gap between its listed level and what its start drivers sustain as a constant term,
so that a run does not begin by relaxing toward the drivers' level."""

import numpy as np

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.vocabulary import Variable

from .conftest import toy_event, toy_scenario

WINDOW = Window(start=Quarter.parse("2008Q1"), end=Quarter.parse("2015Q4"))
VARIABLES = [v.value for v in Variable]
ECONOMICS = Variable.ECONOMICS.index


def world(start, events=(), **parameters):
    """Three actors; AAA-BBB listed at ``start`` on every variable. Every stance is the
    same, so the bargaining moves nothing and the start drivers stay as they are."""
    scenario = toy_scenario(events=list(events), parameters=parameters)
    scenario.window = WINDOW
    for issue in scenario.issues.values():
        for stake in issue.positions.values():
            stake.position = 50
    scenario.initial_cooperation = {("AAA", "BBB"): dict.fromkeys(VARIABLES, start)}
    return scenario


def listed_path(scenario, seeds=range(20)) -> np.ndarray:
    compiled = compile_scenario(scenario)
    return simulate(compiled, seeds).history.a_to_b[:, :, 0]  # AAA toward BBB: (R, Q+1, V)


def test_a_listed_start_stays_where_it_is_when_nothing_changes():
    for start in (-0.3, 0.2, 0.4):
        quiet = {"noise_sd": 0.0, "intent_learning": 0.0}
        steady = listed_path(world(start, **quiet))
        np.testing.assert_allclose(steady, start, atol=1e-9)
        relaxing = listed_path(world(start, start_offset_weight=0.0, **quiet))
        assert np.abs(relaxing[:, -1] - start).max() > 0.03


def test_only_listed_relations_get_a_constant_term():
    compiled = compile_scenario(world(0.2))
    a, b, c = (compiled.actor_index(x) for x in ("AAA", "BBB", "CCC"))
    assert np.abs(compiled.start_offset[a, b]).max() > 0.0
    assert not compiled.start_offset[a, c].any() and not compiled.start_offset[b, c].any()
    assert not np.diagonal(compiled.start_offset).any()
    off = compile_scenario(world(0.2, start_offset_weight=0.0))
    assert not off.start_offset.any()


def test_a_counterfactual_keeps_its_bases_constant_terms():
    base = compile_scenario(world(0.2))
    other = world(0.2)
    other.issues["trade"].positions["BBB"].position = 90  # a different start driver
    own = compile_scenario(other)
    inherited = compile_scenario(other, start_from=base)
    assert np.array_equal(inherited.start_offset, base.start_offset)
    assert not np.array_equal(own.start_offset, base.start_offset)


def test_events_still_move_a_steady_relation():
    measures = toy_event(
        id="measures", type="sanctions", quarter="2008Q3", by=["BBB"], target="AAA",
        severity=1.0,
    )  # fmt: skip
    calm = listed_path(world(0.3), range(40))[:, -1, ECONOMICS]
    squeezed = listed_path(world(0.3, [measures]), range(40))[:, -1, ECONOMICS]
    assert ((squeezed < calm - 0.2) & (squeezed < 0)).mean() >= 0.9
