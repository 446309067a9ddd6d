"""Resuming: a batch killed mid-way (SIGKILL) completes on rerun, with the data of an
uninterrupted batch; partial chunks never count as finished."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from bargainsim.batch.store import DONE_MARKER, BatchStore, expected_chunks

from .conftest import FENG, run_small_batch
from .test_determinism import chunk_files


def batch_command(*extra):
    return [
        sys.executable,
        "-m",
        "bargainsim.cli",
        "batch",
        str(FENG),
        "--runs",
        "1500",
        "--chunk-runs",
        "25",
        "--workers",
        "2",
        "--seed",
        "11",
        *extra,
    ]


def count_done(root) -> int:
    return len(list(root.glob(f"*/chunks/*/{DONE_MARKER}")))


@pytest.mark.slow
def test_killed_batch_resumes_to_the_uninterrupted_result(tmp_path):
    work = tmp_path / "work"
    (work / "runs").mkdir(parents=True)
    process = subprocess.Popen(
        batch_command(),
        cwd=work,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while count_done(work / "runs") < 4 and time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("the batch finished before it could be killed")
            time.sleep(0.005)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its worker processes
        process.wait()
    (batch_dir,) = list((work / "runs").iterdir())
    store = BatchStore(batch_dir)
    plan = store.read_plan()
    done_before = len(store.finished_chunks())
    assert 4 <= done_before < expected_chunks(plan)
    manifest = json.loads((batch_dir / "manifest.json").read_text())
    assert manifest["status"] == "running"  # killed: nobody wrote the final manifest

    listing = subprocess.run(
        [sys.executable, "-m", "bargainsim.cli", "runs", "list"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "running or killed" in listing.stdout

    # The same command, with the default --out, finds the unfinished batch.
    rerun = subprocess.run(batch_command(), cwd=work, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"resumed {os.path.join('runs', batch_dir.name)}" in rerun.stdout
    assert list((work / "runs").iterdir()) == [batch_dir]
    manifest = json.loads((batch_dir / "manifest.json").read_text())
    assert manifest["status"] == "finished"
    assert manifest["counts"]["finished"] == 1500
    assert len(manifest["timings"]["sessions"]) == 2
    assert manifest["timings"]["sessions"][1]["runs_run"] < 1500

    whole = tmp_path / "whole"
    subprocess.run(batch_command("--out", str(whole)), cwd=work, check=True, capture_output=True)
    assert chunk_files(batch_dir) == chunk_files(whole)
    assert (batch_dir / "index.parquet").read_bytes() == (whole / "index.parquet").read_bytes()


def test_a_partial_chunk_is_removed_and_rerun(tmp_path):
    out = tmp_path / "batch"
    run_small_batch(out, runs=8, chunk_runs=4)
    reference = chunk_files(out)
    # Simulate a write cut short: the second chunk lost its marker and half a file.
    chunk = out / "chunks" / "c0000001"
    (chunk / DONE_MARKER).unlink()
    (chunk / "trajectories.parquet").write_bytes(b"PAR1 truncated")
    assert len(BatchStore(out).finished_chunks()) == 1
    _, second = run_small_batch(out, runs=8, chunk_runs=4)
    assert second.resumed and second.runs_run == 4 and second.finished == 8
    assert chunk_files(out) == reference


def test_a_staging_directory_left_by_a_killed_worker_is_removed_and_rerun(tmp_path):
    out = tmp_path / "batch"
    run_small_batch(out, runs=8, chunk_runs=4)
    reference = chunk_files(out)
    # A worker killed while writing the second chunk: its files were still being staged.
    store = BatchStore(out)
    chunk = out / "chunks" / "c0000001"
    chunk.rename(store.staging_directory(1))
    (store.staging_directory(1) / DONE_MARKER).unlink()
    assert len(store.finished_chunks()) == 1
    _, second = run_small_batch(out, runs=8, chunk_runs=4)
    assert second.resumed and second.runs_run == 4 and second.finished == 8
    assert chunk_files(out) == reference
    assert sorted(path.name for path in (out / "chunks").iterdir()) == ["c0000000", "c0000001"]


def test_a_finished_batch_has_nothing_left_to_run(tmp_path):
    out = tmp_path / "batch"
    run_small_batch(out)
    _, again = run_small_batch(out)
    assert again.resumed and again.runs_run == 0 and again.finished == 6


def test_a_different_plan_in_the_same_directory_is_refused(tmp_path):
    from bargainsim.errors import RunStoreError

    out = tmp_path / "batch"
    run_small_batch(out)
    with pytest.raises(RunStoreError, match="holds a different batch"):
        run_small_batch(out, seed=1)


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_cleanly_and_a_rerun_completes_it(tmp_path):
    out = tmp_path / "batch"
    process = subprocess.Popen(
        batch_command("--out", str(out)),
        start_new_session=True,
        # A test runner started in the background inherits SIGINT ignored; a terminal's
        # command does not. Give the command a terminal's default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while count_done(out.parent) < 4 and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the batch finished before it could be interrupted")
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's job
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    assert 0 < manifest["counts"]["finished"] < 1500

    rerun = subprocess.run(batch_command("--out", str(out)), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "finished"
    assert manifest["counts"]["finished"] == 1500
