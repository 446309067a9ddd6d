"""The Mesa model used the way a Mesa user would: seeding, ``step()``, ``running``, the
collector's frames, parameters as keyword arguments and ``mesa.batch_run`` sweeping one."""

import multiprocessing
from pathlib import Path

import mesa
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainsim.errors import ScenarioError
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.mesa_model import BargainModel
from bargainsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
XU = ROOT / "scenarios" / "xu2008_medvedev.yaml"


def _frames(model):
    return model.datacollector.get_model_vars_dataframe()


@pytest.fixture(scope="module")
def xu():
    return load_scenario(XU)


def test_same_seed_same_run_from_a_path_a_scenario_or_a_compiled_one(xu):
    by_path = BargainModel(XU, rng=5)
    by_scenario = BargainModel(xu, rng=5)
    by_compiled = BargainModel(compile_scenario(xu), seed=5)  # the older keyword
    for model in (by_path, by_scenario, by_compiled):
        model.run()
    pd.testing.assert_frame_equal(_frames(by_path), _frames(by_scenario))
    pd.testing.assert_frame_equal(_frames(by_path), _frames(by_compiled))


def test_unseeded_models_differ_and_each_records_the_seed_that_reproduces_it(toy_compiled):
    first, second = BargainModel(toy_compiled), BargainModel(toy_compiled)
    assert first.seed_value != second.seed_value
    first.run(), second.run()
    assert not np.array_equal(first.history.cooperation, second.history.cooperation)
    again = BargainModel(toy_compiled, rng=first.seed_value).run()
    np.testing.assert_array_equal(again.history.cooperation, first.history.cooperation)


def test_a_generator_seeds_reproducibly(toy_compiled):
    one = BargainModel(toy_compiled, rng=np.random.default_rng(9)).run()
    two = BargainModel(toy_compiled, rng=np.random.default_rng(9)).run()
    np.testing.assert_array_equal(one.history.cooperation, two.history.cooperation)
    assert one.seeds[0] == two.seeds[0]


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_mesa_model_equals_the_ensemble_for_any_seed(seed):
    from tests.model.conftest import toy_scenario

    compiled = compile_scenario(toy_scenario())
    single = BargainModel(compiled, rng=seed).run()
    member = simulate(compiled, [seed])
    np.testing.assert_array_equal(single.history.cooperation, member.history.cooperation)
    np.testing.assert_array_equal(single.history.position, member.history.position)


def test_step_and_running(toy_compiled):
    model = BargainModel(toy_compiled, rng=2)
    steps = 0
    while model.running:
        model.step()
        steps += 1
    assert steps == toy_compiled.n_quarters == model.steps
    final = model.state.cooperation.copy()
    model.step()  # past the window: nothing moves, it stays stopped
    assert not model.running
    np.testing.assert_array_equal(model.state.cooperation, final)
    frame = _frames(model)
    assert len(frame) == toy_compiled.n_quarters + 1
    assert frame["quarter"].tolist() == [toy_compiled.baseline_quarter, *toy_compiled.quarters]
    agents = model.datacollector.get_agent_vars_dataframe()
    assert agents.index.names == ["Step", "AgentID"]
    assert len(agents) == len(frame) * toy_compiled.n_actors


def test_parameters_as_keyword_arguments_override_the_scenarios(xu):
    quiet = BargainModel(xu, rng=4, noise_sd=0.0, reaction_gain=3.0)
    assert quiet.compiled.parameters.noise_sd == 0.0
    assert quiet.compiled.parameters.reaction_gain == 3.0
    assert quiet.compiled.digest != compile_scenario(xu).digest
    noisy = BargainModel(xu, rng=4)
    quiet.run(), noisy.run()
    assert not np.array_equal(quiet.history.cooperation, noisy.history.cooperation)


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"noise_sigma": 0.1}, "parameters.noise_sigma"),
        ({"noise_sd": -1.0}, "parameters.noise_sd: got -1.0; expected a number in"),
        ({"noise_sd": "high"}, "parameters.noise_sd: got 'high'"),
    ],
)
def test_a_bad_parameter_is_a_located_error(xu, parameters, message):
    with pytest.raises(ScenarioError, match=message) as caught:
        BargainModel(xu, rng=1, **parameters)
    assert "xu2008_medvedev.yaml" in str(caught.value)


def test_a_compiled_scenario_takes_no_parameters(toy_compiled):
    with pytest.raises(ScenarioError, match="no parameter overrides on a compiled scenario"):
        BargainModel(toy_compiled, rng=1, noise_sd=0.0)


@pytest.fixture
def start_method_kept():
    # mesa.batch_run forces the spawn start method process-wide; put the old one back.
    before = multiprocessing.get_start_method(allow_none=True)
    yield
    multiprocessing.set_start_method(before, force=True)


@pytest.mark.filterwarnings("ignore:The `iterations` keyword argument is deprecated")
def test_batch_run_sweeps_scenarios_and_a_parameter(start_method_kept):
    feng = ROOT / "scenarios" / "feng2012_putin_return.yaml"
    results = mesa.batch_run(
        BargainModel,
        parameters={"scenario": [XU, feng], "noise_sd": [0.0, 0.1]},
        iterations=3,
        number_processes=1,
        display_progress=False,
    )
    frame = pd.DataFrame(results)
    # The last step of every run (data_collection_period=-1), one row per agent.
    assert len(frame) == 2 * 2 * 3 * 6
    assert set(frame["noise_sd"]) == {0.0, 0.1}
    assert set(frame["quarter"]) == {"2012Q1", "2017Q2"}  # each window ran to its end
    assert all(len(views) == 5 for views in frame["views"])  # of the five others, not itself
    final = frame.drop_duplicates("RunId")
    assert len(final) == 12
    per_cell = final.groupby(["scenario", "noise_sd"])["mean_composite_cooperation"].nunique()
    assert (per_cell == 3).all()  # unseeded iterations differ, even without noise
