"""A batch's processes: its workers end with it however it ends, and one command at a time
writes a batch directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bargainsim.batch.store import DONE_MARKER, LOCK_FILE

from .conftest import FENG, run_small_batch

SRC = Path(__file__).resolve().parents[2] / "src"
DRIVER = """
import sys
from bargainsim.batch.engine import run_batch
from bargainsim.batch.executors import ProcessPoolExecutor
from bargainsim.batch.plan import build_plan

plan, scenarios = build_plan([sys.argv[1]], runs=1500, chunk_runs=25)
with ProcessPoolExecutor(2, start_method=sys.argv[3]) as executor:
    run_batch(plan, scenarios, sys.argv[2], executor)
"""


def parents() -> dict[int, int]:
    """pid -> parent pid of every live process (zombies count as ended)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            found[int(entry.name)] = int(parent)
    return found


def descendants(pid: int) -> set[int]:
    tree, found, frontier = parents(), set(), {pid}
    while frontier:
        frontier = {child for child, parent in tree.items() if parent in frontier} - found
        found |= frontier
    return found


def start(command, out: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while len(list(out.glob(f"chunks/*/{DONE_MARKER}"))) < 2:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the batch ended before it could be stopped: {process.stderr.read()}")
        time.sleep(0.01)
    return process


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", ["fork", "forkserver", "cli"])
def test_workers_end_when_the_batch_process_is_killed(tmp_path, method):
    out = tmp_path / "batch"
    if method == "cli":
        command = [sys.executable, "-m", "bargainsim.cli", "batch", str(FENG), "--runs", "1500"]
        command += ["--chunk-runs", "25", "--workers", "2", "--out", str(out)]
    else:
        command = [sys.executable, "-c", DRIVER, str(FENG), str(out), method]
    process = start(command, out)
    helpers = descendants(process.pid)
    try:
        assert helpers, "the pool's processes were not found"
        os.kill(process.pid, signal.SIGKILL)  # the command alone, not its process group
        process.wait()
        deadline = time.monotonic() + 20
        while (left := helpers & set(parents())) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not left, f"processes outlived the batch: {sorted(left)}"
    finally:
        for pid in helpers & set(parents()):
            os.kill(pid, signal.SIGKILL)


def test_a_second_writer_of_the_same_batch_is_refused(tmp_path):
    from bargainsim.batch.lock import batch_lock
    from bargainsim.errors import RunStoreError

    out = tmp_path / "batch"
    out.mkdir()
    with batch_lock(out), pytest.raises(RunStoreError, match="being written by another"):
        run_small_batch(out)
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]
    _, summary = run_small_batch(out)  # the lock went with its holder
    assert summary.finished == 6 and not summary.resumed


@pytest.mark.slow
def test_two_batch_commands_on_one_directory(tmp_path):
    out = tmp_path / "batch"
    command = [sys.executable, "-m", "bargainsim.cli", "batch", str(FENG), "--runs", "1500"]
    command += ["--chunk-runs", "25", "--workers", "2", "--out", str(out)]
    first = start(command, out)
    try:
        second = subprocess.run(
            command, env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True
        )
        assert second.returncode == 2, second.stderr
        assert f"being written by another bargainsim batch (process {first.pid})" in second.stderr
        assert "Traceback" not in second.stderr
        assert first.wait(timeout=300) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
