"""A batch's results do not depend on the backend, and run k is `bargainsim run` with its
recorded seed (the Mesa model)."""

from __future__ import annotations

import pandas as pd
import pytest

import bargainsim
from bargainsim.batch.executors import DaskExecutor, ProcessPoolExecutor
from bargainsim.batch.store import BatchStore
from bargainsim.model.tables import DEFAULT_TABLES, TABLE_FILES
from bargainsim.results import load_batch, load_index
from bargainsim.workflows.run import run_single

from .conftest import FENG, XU, run_small_batch


def chunk_files(directory) -> dict[str, bytes]:
    store = BatchStore(directory)
    return {
        f"{path.name}/{file.name}": file.read_bytes()
        for path in store.chunk_dirs()
        for file in sorted(path.glob("*.parquet"))
    }


def same_plan_batch(out, executor):
    return run_small_batch(
        out,
        executor,
        scenarios=(FENG, XU),
        sweep_specs=["parameters.noise_sd=0.01:0.03:2"],
        seed=7,
    )


def test_reference_batch_is_complete(reference_batch):
    out, plan, summary = reference_batch
    assert (summary.runs, summary.finished, summary.failed) == (24, 24, 0)
    index = load_index(out)
    assert index["run"].tolist() == list(range(24))
    assert (index["status"] == "finished").all()
    assert index["seed"].tolist() == plan.seeds().tolist() * 4
    assert index["spawn_key"].map(list).tolist() == [[k] for k in range(6)] * 4


@pytest.mark.parametrize("workers", [1, 2])
def test_process_pool_writes_the_same_bytes(reference_batch, tmp_path, workers):
    with ProcessPoolExecutor(workers) as executor:
        same_plan_batch(tmp_path / "pool", executor)
    assert chunk_files(tmp_path / "pool") == chunk_files(reference_batch[0])


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_bytes(reference_batch, tmp_path):
    pytest.importorskip("distributed")
    with DaskExecutor(workers=2, processes=False) as executor:
        same_plan_batch(tmp_path / "dask", executor)
    assert chunk_files(tmp_path / "dask") == chunk_files(reference_batch[0])


def test_load_batch_has_point_scenario_and_sweep_columns(reference_batch):
    out = reference_batch[0]
    frame = bargainsim.load_batch(out)
    assert list(frame.columns[:3]) == ["point", "scenario", "parameters.noise_sd"]
    assert frame["run"].is_monotonic_increasing
    assert frame.groupby("point")["run"].nunique().tolist() == [6, 6, 6, 6]
    per_point = frame.groupby("point")[["scenario", "parameters.noise_sd"]].first()
    assert per_point["scenario"].astype(str).tolist() == [
        "feng2012_putin_return",
        "feng2012_putin_return",
        "xu2008_medvedev",
        "xu2008_medvedev",
    ]
    assert per_point["parameters.noise_sd"].tolist() == [0.01, 0.03, 0.01, 0.03]
    dyads = load_batch(out, table="dyads")
    assert {"composite", "classification", "point"} <= set(dyads.columns)


@pytest.mark.parametrize("run", [0, 9, 23])
def test_run_k_equals_the_run_command_with_its_seed(reference_batch, tmp_path, run):
    out, plan, _ = reference_batch
    row = load_index(out).set_index("run").loc[run]
    point = plan.points[int(row["point"])]
    single = run_single(
        point.scenario_path, seed=int(row["seed"]), overrides=point.overrides, out=tmp_path / "one"
    )
    for name in DEFAULT_TABLES:  # a batch stores the contributions only when asked
        filename = TABLE_FILES[name]
        batch_rows = load_batch(out, table=name)
        batch_rows = batch_rows[batch_rows["run"] == run].drop(
            columns=["point", "scenario", "parameters.noise_sd", "run"]
        )
        written = pd.read_parquet(tmp_path / "one" / filename).drop(columns=["run"])
        batch_rows["quarter"] = batch_rows["quarter"].astype(written["quarter"].dtype)
        pd.testing.assert_frame_equal(
            batch_rows.reset_index(drop=True), written.reset_index(drop=True), check_exact=True
        )
    assert single.tables["cooperation"]["seed"].iloc[0] == row["seed"]
