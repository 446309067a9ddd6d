"""Batch plans: seeds spawned from the batch seed, sweeps, points, chunks, plan hashes."""

from __future__ import annotations

import numpy as np
import pytest

from bargainsim.batch.plan import SweepAxis, build_plan
from bargainsim.errors import BargainsimError

from .conftest import FENG, XU


def test_seeds_are_spawned_from_the_batch_seed():
    plan, _ = build_plan([FENG], runs=5, seed=42)
    children = np.random.SeedSequence(42).spawn(5)
    expected = [int(child.generate_state(1, dtype=np.uint32)[0]) for child in children]
    assert plan.seeds().tolist() == expected
    assert len(set(expected)) == 5


def test_sweep_axis_parses_ranges_and_lists():
    assert SweepAxis.parse("parameters.noise_sd=0:0.1:3").values == (0.0, 0.05, 0.1)
    assert SweepAxis.parse("parameters.noise_sd=0:0.3:4").values == (0.0, 0.1, 0.2, 0.3)
    assert SweepAxis.parse("a.b=1,2.5").values == (1.0, 2.5)
    assert SweepAxis.parse("a.b=1:1:1").override(1.0) == "a.b=1"


@pytest.mark.parametrize("text", ["noise", "a=1:2", "a=1:2:0", "a=x,y", "=1:2:3"])
def test_malformed_sweeps_are_clear_errors(text):
    with pytest.raises(BargainsimError, match="--sweep"):
        SweepAxis.parse(text)


def test_points_are_the_cartesian_product_per_scenario():
    plan, scenarios = build_plan(
        [FENG, XU],
        runs=3,
        sweep_specs=["parameters.noise_sd=0.01:0.03:3", "parameters.reciprocity_weight=0.4,0.6"],
    )
    assert len(plan.points) == 2 * 3 * 2
    assert plan.n_runs == 36
    first = plan.points[0]
    assert first.sweep == {"parameters.noise_sd": 0.01, "parameters.reciprocity_weight": 0.4}
    assert scenarios[0].resolved["parameters"]["noise_sd"] == 0.01
    assert {p.scenario_id for p in plan.points} == {"feng2012_putin_return", "xu2008_medvedev"}
    assert len({p.digest for p in plan.points}) == 12


def test_an_invalid_sweep_point_stops_the_batch_before_it_runs():
    # Preference weights must sum to 1: sweeping one weight alone is invalid at every point
    # but the one where it keeps its value.
    with pytest.raises(BargainsimError, match=r"invalid point\(s\); nothing was run") as error:
        build_plan([FENG], runs=2, sweep_specs=["actors.RUS.preferences.economics=0.1:0.5:3"])
    assert "actors.RUS.preferences" in str(error.value)


def test_chunks_cover_every_run_once_and_never_straddle_points():
    plan, _ = build_plan([FENG], runs=10, chunk_runs=4, sweep_specs=["parameters.noise_sd=0,0.1"])
    chunks = plan.chunks()
    assert [c.n_runs for c in chunks] == [4, 4, 2, 4, 4, 2]
    run_ids = [plan.run_id(c.point, k) for c in chunks for k in c.replicates()]
    assert run_ids == list(range(20))


def test_plan_hash_depends_on_the_plan_not_on_the_path(tmp_path, monkeypatch):
    plan, _ = build_plan([FENG], runs=4)
    monkeypatch.chdir(FENG.parent)
    relative, _ = build_plan([FENG.name], runs=4)
    assert relative.plan_hash() == plan.plan_hash()
    assert build_plan([FENG], runs=5)[0].plan_hash() != plan.plan_hash()
    assert build_plan([FENG], runs=4, seed=1)[0].plan_hash() != plan.plan_hash()


@pytest.mark.parametrize(
    ("options", "message"),
    [({"runs": 0}, "--runs"), ({"runs": 1, "seed": -1}, "--seed")],
)
def test_bad_counts_are_errors(options, message):
    with pytest.raises(BargainsimError, match=message):
        build_plan([FENG], **options)
