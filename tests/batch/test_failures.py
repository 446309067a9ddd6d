"""A run that raises is recorded with its seed and traceback; the batch carries on."""

from __future__ import annotations

import numpy as np
import pytest

from bargainsim.batch import worker
from bargainsim.batch.executors import ProcessPoolExecutor
from bargainsim.cli import main
from bargainsim.results import load_batch, load_index

from .conftest import FENG, run_small_batch


@pytest.fixture
def failing_seeds(monkeypatch):
    """Make the model raise inside any ensemble that holds one of the chosen seeds."""
    chosen: set[int] = set()
    real = worker.simulate_runs

    def simulate_runs(compiled, seeds):
        bad = sorted(chosen & {int(s) for s in seeds})
        if bad:
            raise FloatingPointError(f"model blew up for seed {bad[0]}")
        return real(compiled, seeds)

    monkeypatch.setattr(worker, "simulate_runs", simulate_runs)
    return chosen


# The patched model reaches pool workers only through fork, which this (multi-threaded)
# test process may do for this test alone.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize("pool", [False, True], ids=["inprocess", "processes"])
def test_failed_runs_are_isolated_and_recorded(tmp_path, failing_seeds, pool):
    from bargainsim.batch.plan import build_plan

    seeds = build_plan([FENG], runs=6)[0].seeds()
    failing_seeds.update({int(seeds[1]), int(seeds[4])})
    executor = ProcessPoolExecutor(2, start_method="fork") if pool else None
    try:
        _, summary = run_small_batch(tmp_path / "batch", executor, runs=6, chunk_runs=4)
    finally:
        if executor:
            executor.close()
    assert (summary.finished, summary.failed) == (4, 2)
    index = load_index(tmp_path / "batch")
    failed = index[index["status"] == "failed"]
    assert failed["run"].tolist() == [1, 4]
    assert failed["seed"].tolist() == [int(seeds[1]), int(seeds[4])]
    assert failed["error"].str.contains("FloatingPointError: model blew up").all()
    assert failed["traceback"].str.contains("Traceback").all()
    assert index.loc[index["status"] == "finished", "error"].isna().all()
    frame = load_batch(tmp_path / "batch")
    assert sorted(frame["run"].unique()) == [0, 2, 3, 5]


def test_kept_runs_are_the_same_numbers_as_in_a_batch_without_failures(tmp_path, failing_seeds):
    run_small_batch(tmp_path / "clean", runs=6, chunk_runs=6)
    clean = load_batch(tmp_path / "clean")
    seeds = load_index(tmp_path / "clean")["seed"]
    failing_seeds.add(int(seeds[2]))
    run_small_batch(tmp_path / "broken", runs=6, chunk_runs=6)
    broken = load_batch(tmp_path / "broken")
    kept = clean[clean["run"] != 2].reset_index(drop=True)
    assert np.array_equal(kept["cooperation"].to_numpy(), broken["cooperation"].to_numpy())


def test_the_command_exits_1_and_says_how_many_failed(tmp_path, failing_seeds, capsys):
    from bargainsim.batch.plan import build_plan

    failing_seeds.add(int(build_plan([FENG], runs=3)[0].seeds()[0]))
    code = main(
        ["batch", str(FENG), "--runs", "3", "--backend", "inprocess", "--out", str(tmp_path / "b")]
    )
    printed = capsys.readouterr().out
    assert code == 1
    assert "2 of 3 runs finished, 1 failed" in printed
    assert "FloatingPointError" in printed


def test_pool_forks_only_from_a_single_threaded_process():
    import threading

    from bargainsim.batch.executors import _pool_start_method

    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert _pool_start_method() == "forkserver"
    finally:
        stop.set()
        helper.join()
