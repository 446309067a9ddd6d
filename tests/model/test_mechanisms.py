"""The relations' mechanisms on a small synthetic world (three actors, no paper data),
each asserting what the theory predicts, over many seeds (docs/model.md §8)."""

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.vocabulary import Variable

from .conftest import toy_event, toy_scenario

WINDOW = Window(start=Quarter.parse("2008Q1"), end=Quarter.parse("2015Q4"))  # 32 quarters
VARIABLES = [v.value for v in Variable]
SEEDS = range(40)
ECONOMICS, MILITARY = Variable.ECONOMICS.index, Variable.MILITARY.index


def world(events=(), start=0.2, interdependence=0.05, offset=0.0):
    # The landscape the drivers make: a listed start is an initial condition here, not a
    # steady state (no constant term, docs/model.md §1.1), unless ``offset`` says so.
    scenario = toy_scenario(events=events, parameters={"start_offset_weight": offset})
    scenario.window = WINDOW
    scenario.initial_cooperation = {("AAA", "BBB"): dict.fromkeys(VARIABLES, start)}
    scenario.interdependence = {("AAA", "BBB"): interdependence, ("AAA", "CCC"): 0.3}
    return scenario


def run(scenario, seeds=SEEDS):
    compiled = compile_scenario(scenario)
    return compiled, simulate(compiled, seeds).history


def pair(compiled, a, b) -> int:
    ids = compiled.actor_ids
    for k, (x, y) in enumerate(compiled.dyads):
        if {ids[x], ids[y]} == {a, b}:
            return k
    raise KeyError((a, b))


def quarter(step: int) -> str:
    return str(WINDOW.quarter_at(step))


def shock(delta, step=4, dyad="AAA-BBB"):
    return toy_event(
        id="blow", type="shock", quarter=quarter(step), dyad=dyad, variables="all",
        delta=delta, justification="a test of the regimes",
    )  # fmt: skip


def sanctions(by, target, severity=0.6, step=2, event_id="measures"):
    return toy_event(
        id=event_id, type="sanctions", quarter=quarter(step), by=by, target=target,
        severity=severity,
    )  # fmt: skip


def composite(history, p):
    return history.cooperation[:, :, p].mean(axis=-1)


def test_a_large_shock_tips_the_dyad_into_rivalry_and_it_stays():
    compiled, history = run(world([shock(-1.0, step=4)]))
    c = composite(history, pair(compiled, "AAA", "BBB"))
    assert (c[:, 4] > 0).all()  # cooperative before the blow
    after = c[:, 5 : 5 + 8 + 1]  # the quarter of the blow and the eight after it
    assert ((after < 0).all(axis=1)).mean() >= 0.9


def test_a_small_shock_fades_without_tipping():
    compiled, history = run(world([shock(-0.1, step=4)]))
    c = composite(history, pair(compiled, "AAA", "BBB"))
    assert (c[:, -1] > 0).mean() >= 0.9


def test_starting_points_on_either_side_of_the_threshold_end_in_different_regimes():
    ends = []
    for start in (0.4, -0.6):
        compiled, history = run(world(start=start))
        ends.append(composite(history, pair(compiled, "AAA", "BBB"))[:, -1])
    assert (ends[0] > 0).mean() >= 0.9 and (ends[1] < 0).mean() >= 0.9


def test_a_squeeze_raises_perceived_intent_and_threat_quarter_by_quarter():
    compiled, history = run(world([sanctions(["BBB"], "AAA", severity=0.8)]))
    a, b = compiled.actor_index("AAA"), compiled.actor_index("BBB")
    intent = history.intent[:, 3:14, a, b].mean(axis=0)
    threat = history.threat[:, 3:14, a, b].mean(axis=0)
    assert (np.diff(intent) > 0).all()
    assert (np.diff(threat) > 0).all()
    _, calm = run(world())
    assert history.intent[:, 14, a, b].mean() > calm.intent[:, 14, a, b].mean() + 0.1


def test_sanctions_turn_the_economic_relation_hostile():
    compiled, history = run(world([sanctions(["BBB"], "AAA", severity=1.0)]))
    _, calm = run(world())
    p = pair(compiled, "AAA", "BBB")
    assert (history.cooperation[:, -1, p, ECONOMICS] < 0).mean() >= 0.9
    assert (calm.cooperation[:, -1, p, ECONOMICS] > 0).mean() >= 0.9


@pytest.mark.parametrize("severity", [0.6, 1.0])
def test_a_third_states_hostility_draws_two_states_together(severity):
    """BBB squeezes both AAA and CCC: their military cooperation rises above what it is
    without the squeeze, and more so the harder the squeeze."""
    many = range(200)  # the effect is small beside the run-to-run spread: many seeds
    compiled, calm = run(world(), many)
    p = pair(compiled, "AAA", "CCC")
    gains = []
    for level in (severity / 2, severity):
        events = [
            sanctions(["BBB"], "AAA", severity=level, event_id="on_aaa"),
            sanctions(["BBB"], "CCC", severity=level, event_id="on_ccc"),
        ]
        _, squeezed = run(world(events), many)
        gain = squeezed.cooperation[:, -1, p, MILITARY] - calm.cooperation[:, -1, p, MILITARY]
        gains.append(gain)
    # Over the same seeds (common random numbers): the mean gain is positive beyond its
    # standard error, and larger under the harder squeeze.
    for gain in gains:
        assert gain.mean() > 3 * gain.std(ddof=1) / np.sqrt(len(gain))
    assert gains[1].mean() > gains[0].mean()


def test_the_same_shock_moves_an_interdependent_dyad_less():
    moved = []
    for ties in (0.0, 0.9):
        compiled, history = run(world([shock(-0.5, step=4)], start=0.4, interdependence=ties))
        _, calm = run(world(start=0.4, interdependence=ties))
        p = pair(compiled, "AAA", "BBB")
        moved.append(composite(calm, p)[:, 9] - composite(history, p)[:, 9])
    assert (moved[1] < moved[0]).mean() >= 0.9


def test_the_contribution_table_sums_to_each_directed_change():
    from bargainsim.model.mesa_model import BargainModel
    from bargainsim.model.relations import CONTRIBUTIONS
    from bargainsim.model.tables import build_tables

    compiled = compile_scenario(world([shock(-0.6, step=4), sanctions(["BBB"], "AAA")]))
    result = BargainModel(compiled, rng=3, contributions=True).run()
    table = build_tables(result)["contributions"].to_pandas()
    cooperation = build_tables(result)["cooperation"].to_pandas()
    ids = compiled.actor_ids
    for (actor, toward), rows in table.groupby(["actor", "toward"], observed=True):
        a, b = ids.index(actor), ids.index(toward)
        column = "a_to_b" if a < b else "b_to_a"
        pair = cooperation[
            (cooperation.actor_a == ids[min(a, b)]) & (cooperation.actor_b == ids[max(a, b)])
        ]
        for variable, parts in rows.groupby("variable", observed=True):
            level = pair[pair.variable == variable].sort_values("step")[column].to_numpy()
            total = parts.sort_values("step")[list(CONTRIBUTIONS)].sum(axis=1).to_numpy()
            np.testing.assert_allclose(total[1:], np.diff(level), rtol=0, atol=1e-12)
            assert total[0] == 0.0
    shocked = table[(table.actor == "AAA") & (table.toward == "BBB") & (table.step == 5)]
    assert shocked["shock"].to_numpy() == pytest.approx([-0.6] * 4)


def test_frozen_dynamics_keep_relations_and_stances_except_where_events_move_them():
    from bargainsim.model.compiled import frozen

    shock = toy_event(
        id="war",
        type="shock",
        quarter="2009Q1",
        dyad="AAA-BBB",
        variables=["military"],
        delta=-0.3,
        justification="a test war",
    )
    compiled = frozen(compile_scenario(world([shock])))
    history = simulate(compiled, range(5)).history
    cooperation = history.a_to_b
    k = pair(compiled, "AAA", "BBB")
    before = Quarter.parse("2009Q1") - WINDOW.start  # steps before the shock's quarter
    assert np.array_equal(cooperation[:, 0], cooperation[:, before])
    military = cooperation[:, :, k, MILITARY]
    assert military[:, before + 1] == pytest.approx(military[:, 0] - 0.3)
    assert np.array_equal(military[:, before + 1], military[:, -1])
    others = [p for p in range(cooperation.shape[2]) if p != k]
    assert np.array_equal(cooperation[:, -1][:, others], cooperation[:, 0][:, others])
    assert np.array_equal(history.position[:, -1], history.position[:, 0])
