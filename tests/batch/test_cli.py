"""The batch and runs commands, and loading a batch back."""

from __future__ import annotations

import io
import sys

import pytest

from bargainsim.batch.progress import ProgressBar
from bargainsim.cli import main
from bargainsim.errors import RunStoreError
from bargainsim.results import load_batch

from .conftest import FENG


def test_batch_command_then_runs_list_and_show(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    code = main(
        [
            "batch",
            str(FENG),
            "--runs",
            "4",
            "--sweep",
            "parameters.noise_sd=0:0.04:2",
            "--set",
            "parameters.reciprocity_weight=0.6",
            "--backend",
            "inprocess",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "8 of 8 runs finished, 0 failed" in out
    (batch,) = (tmp_path / "runs").iterdir()
    assert batch.name.startswith("feng2012_putin_return-")

    assert main(["runs", "list"]) == 0
    listing = capsys.readouterr().out
    assert batch.name in listing and "finished" in listing and "8/8 runs, 0 failed" in listing

    assert main(["runs", "show", str(batch)]) == 0
    shown = capsys.readouterr().out
    assert "sweep      parameters.noise_sd = 0, 0.04" in shown
    assert "--set      parameters.reciprocity_weight=0.6" in shown
    assert "8 finished, 0 failed" in shown and "trajectories" not in shown

    # A finished batch is not resumed: the same command starts a new one.
    assert "resumed" not in out


def test_invalid_point_is_an_error_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "b"
    code = main(
        [
            "batch",
            str(FENG),
            "--runs",
            "2",
            "--sweep",
            "actors.RUS.preferences.economics=0.1:0.3:2",
            "--out",
            str(out),
        ]
    )
    assert code == 2
    assert "invalid point" in capsys.readouterr().err
    assert not out.exists()


def test_runs_show_of_a_non_batch_is_an_error(tmp_path, capsys):
    assert main(["runs", "show", str(tmp_path)]) == 2
    assert "not a batch directory" in capsys.readouterr().err


def test_load_batch_refuses_an_incomplete_batch_unless_asked(tmp_path):
    from .conftest import run_small_batch

    out = tmp_path / "b"
    run_small_batch(out, runs=8, chunk_runs=4)
    (out / "chunks" / "c0000001" / "DONE").unlink()
    with pytest.raises(RunStoreError, match="incomplete"):
        load_batch(out)
    assert load_batch(out, allow_incomplete=True)["run"].nunique() == 4
    with pytest.raises(RunStoreError, match="unknown table"):
        load_batch(out, table="nothing")


def test_progress_bar_draws_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    bar = ProgressBar(10, stream=terminal)
    bar.advance(10, failed=1)
    bar.close()
    assert "10/10 runs" in terminal.getvalue() and "runs/s" in terminal.getvalue()
    assert "ETA" in terminal.getvalue() and "1 failed" in terminal.getvalue()
    log = io.StringIO()
    quiet = ProgressBar(10, stream=log)
    quiet.advance(10)
    quiet.close()
    assert log.getvalue() == ""


def test_worker_does_not_import_mesa():
    # (pandas may come in: pyarrow imports it when it converts numpy arrays)
    import subprocess

    code = (
        "import sys, pickle\n"
        "from bargainsim.batch.worker import run_chunk\n"
        "task = pickle.loads(sys.stdin.buffer.read())\n"
        "outcome = run_chunk(task)\n"
        "assert outcome.n_finished == 2, outcome\n"
        "print('mesa' in sys.modules)\n"
    )
    import pickle

    import numpy as np

    from bargainsim.batch.worker import ChunkTask
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.scenario import load_scenario

    task = ChunkTask(0, 0, compile_scenario(load_scenario(FENG)), np.arange(2), np.arange(2))
    done = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(task), capture_output=True, check=True
    )
    assert done.stdout.decode().strip() == "False"
