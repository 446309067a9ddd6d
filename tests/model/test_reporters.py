"""The Mesa model's reporters record exactly what their names say, checked against values
computed here from the model's state and against the output tables."""

from pathlib import Path

import numpy as np
import pytest

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import EnsembleResult
from bargainsim.model.mesa_model import BargainModel
from bargainsim.model.reporters import AGENT_REPORTERS, MODEL_REPORTERS
from bargainsim.scenario import load_scenario
from bargainsim.vocabulary import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
STEPS = 4


def _expected(model) -> tuple[dict, dict]:
    """Every reporter's value, by hand from the state arrays (run axis of one)."""
    state, compiled = model.state, model.compiled
    n = compiled.n_actors
    views = [
        sum(state.cooperation[0, i, j, v] * state.preferences[0, i, v] for v in range(4))
        for i in range(n)
        for j in range(n)
        if i != j
    ]
    deadlocked = sum(int(code) == 1 for code in state.status[0])
    balancing = [int(state.postures[0, i, j]) == 2 for i in range(n) for j in range(n) if i != j]
    quarters = (compiled.baseline_quarter, *compiled.quarters)
    gdp, military = state.gdp[0], state.military[0]
    agents = {}
    for k, actor in enumerate(compiled.actor_ids):
        agents[model.agents_by_id[actor].unique_id] = {
            "power": 0.5 * (gdp[k] / gdp.sum() + military[k] / military.sum()),
            "preferences": {
                variable.value: state.preferences[0, k, v] for v, variable in enumerate(VARIABLES)
            },
            "stances": {
                issue: 100.0 * state.position[0, k, d] for d, issue in enumerate(compiled.issue_ids)
            },
            "postures": {
                other: ("cooperate", "hedge", "balance")[int(state.postures[0, k, j])]
                for j, other in enumerate(compiled.actor_ids)
                if j != k
            },
            "views": {
                other: sum(
                    state.cooperation[0, k, j, v] * state.preferences[0, k, v] for v in range(4)
                )
                for j, other in enumerate(compiled.actor_ids)
                if j != k
            },
        }
    model_values = {
        "quarter": quarters[model.step_index],
        "mean_composite_cooperation": sum(views) / len(views),
        "deadlocked_issues": deadlocked,
        "share_balancing": sum(balancing) / len(balancing),
    }
    return model_values, agents


@pytest.fixture(scope="module")
def stepped():
    compiled = compile_scenario(load_scenario(ROOT / "scenarios" / "xu2008_medvedev.yaml"))
    model = BargainModel(compiled, rng=3)
    expected = [_expected(model)]
    for _ in range(STEPS):
        model.step()
        expected.append(_expected(model))
    return model, expected


def test_model_reporters_match_the_state_quarter_by_quarter(stepped):
    model, expected = stepped
    recorded = model.datacollector.get_model_vars_dataframe()
    assert list(recorded.columns) == [r.name for r in MODEL_REPORTERS]
    assert len(recorded) == STEPS + 1
    for step, (values, _) in enumerate(expected):
        row = recorded.iloc[step]
        assert row["quarter"] == values["quarter"]
        assert row["deadlocked_issues"] == values["deadlocked_issues"]
        assert row["share_balancing"] == pytest.approx(values["share_balancing"], abs=1e-12)
        assert row["mean_composite_cooperation"] == pytest.approx(
            values["mean_composite_cooperation"], abs=1e-12
        )
    assert recorded["deadlocked_issues"].max() > 0  # the count is tested on a real count
    assert 0 < recorded["share_balancing"].max() < 1


def test_model_reporters_agree_with_the_output_tables(stepped):
    model, _ = stepped
    recorded = model.datacollector.get_model_vars_dataframe()
    # The model's record so far, as its tables (the dyads table averages both views).
    record = EnsembleResult(model.compiled, np.array([model.seed_value]), model.history)
    frames = record.tables()
    dyads = frames["dyads"][frames["dyads"]["step"] <= STEPS]
    composite = dyads.groupby("step", observed=True)["composite"].mean()
    np.testing.assert_allclose(recorded["mean_composite_cooperation"], composite, atol=1e-12)
    status = frames["issue_status"][frames["issue_status"]["step"] <= STEPS]
    deadlocks = status.groupby("step", observed=True)["status"].apply(
        lambda s: int((s.astype(str) == "deadlock").sum())
    )
    assert recorded["deadlocked_issues"].tolist() == deadlocks.tolist()
    quarters = dyads.groupby("step", observed=True)["quarter"].first().astype(str)
    assert recorded["quarter"].tolist() == quarters.tolist()


def test_agent_reporters_match_the_state(stepped):
    model, expected = stepped
    recorded = model.datacollector.get_agent_vars_dataframe()
    assert list(recorded.columns) == [r.name for r in AGENT_REPORTERS]
    steps = recorded.index.get_level_values("Step").unique()
    assert len(steps) == STEPS + 1
    for step, (_, agents) in zip(steps, expected, strict=True):
        for agent_id, values in agents.items():
            row = recorded.loc[(step, agent_id)]
            assert row["power"] == pytest.approx(values["power"], abs=1e-12)
            assert row["preferences"] == pytest.approx(values["preferences"], abs=1e-12)
            assert row["stances"] == pytest.approx(values["stances"], abs=1e-9)
            assert row["postures"] == values["postures"]
            assert row["views"] == pytest.approx(values["views"], abs=1e-12)


def test_every_reporter_says_what_it_means():
    for reporter in (*MODEL_REPORTERS, *AGENT_REPORTERS):
        assert reporter.name and len(reporter.meaning) > 20, reporter.name
    agent = BargainModel(ROOT / "scenarios" / "xu2008_medvedev.yaml", rng=1).agents_by_id["RUS"]
    for reporter in AGENT_REPORTERS:
        assert hasattr(agent, reporter.read), reporter.name  # an attribute, not a typo
